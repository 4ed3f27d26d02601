#!/usr/bin/env python3
"""Builds event stream test vectors from the published format description
("Event stream encoding" in the AWS docs), independently of the Go code, and
checks each one with botocore's parser. Writes vectors.json next to this file.

    python3 make_vectors.py
"""
import json
import os
import struct
import zlib

from botocore.eventstream import EventStreamBuffer


def header(name, typ, value=b''):
    n = name.encode()
    return struct.pack('>B', len(n)) + n + struct.pack('>B', typ) + value


def message(headers, payload):
    hb = b''.join(headers)
    total = 12 + len(hb) + len(payload) + 4
    prelude = struct.pack('>II', total, len(hb))
    prelude += struct.pack('>I', zlib.crc32(prelude) & 0xffffffff)
    body = prelude + hb + payload
    return body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)


def strh(name, s):
    b = s.encode()
    return header(name, 7, struct.pack('>H', len(b)) + b)


UUID = bytes(range(16))
vectors = [
    {'name': 'empty', 'headers': [], 'payload': '',
     'bytes': message([], b'')},
    {'name': 'payload only', 'headers': [], 'payload': '{"foo": "bar"}',
     'bytes': message([], b'{"foo": "bar"}')},
    {'name': 'records event',
     'headers': [[':event-type', 'string', 'Records'], [':content-type', 'string', 'application/octet-stream'], [':message-type', 'string', 'event']],
     'payload': 'a,b\n1,2\n',
     'bytes': message([strh(':event-type', 'Records'), strh(':content-type', 'application/octet-stream'), strh(':message-type', 'event')], b'a,b\n1,2\n')},
    {'name': 'every header type',
     'headers': [['t', 'true', True], ['f', 'false', False], ['b', 'byte', -2], ['s', 'short', -300],
                 ['i', 'int', -70000], ['l', 'long', -5000000000], ['y', 'bytes', '00ff10'],
                 ['str', 'string', 'h\u00e9llo'], ['ts', 'timestamp', 1700000000123], ['u', 'uuid', UUID.hex()]],
     'payload': 'x',
     'bytes': message([header('t', 0), header('f', 1), header('b', 2, struct.pack('>b', -2)),
                       header('s', 3, struct.pack('>h', -300)), header('i', 4, struct.pack('>i', -70000)),
                       header('l', 5, struct.pack('>q', -5000000000)),
                       header('y', 6, struct.pack('>H', 3) + bytes.fromhex('00ff10')),
                       strh('str', 'h\u00e9llo'), header('ts', 8, struct.pack('>q', 1700000000123)),
                       header('u', 9, UUID)], b'x')},
    {'name': 'error message',
     'headers': [[':message-type', 'string', 'error'], [':error-code', 'string', 'InternalError'], [':error-message', 'string', 'We encountered an internal error.']],
     'payload': '',
     'bytes': message([strh(':message-type', 'error'), strh(':error-code', 'InternalError'), strh(':error-message', 'We encountered an internal error.')], b'')},
]

for v in vectors:
    buf = EventStreamBuffer()
    buf.add_data(v['bytes'])
    msgs = list(buf)
    assert len(msgs) == 1, v['name']
    m = msgs[0]
    assert m.payload == v['payload'].encode(), v['name']
    assert len(m.headers) == len(v['headers']), v['name']
    v['bytes'] = v['bytes'].hex()

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'vectors.json'), 'w') as f:
    json.dump(vectors, f, indent=1)
    f.write('\n')
print(len(vectors), 'vectors, botocore agrees')
