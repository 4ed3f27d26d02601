#!/usr/bin/env python3
"""Builds the event stream answers of the JSON-protocol streaming operations
(Kinesis SubscribeToShard, CloudWatch Logs StartLiveTail and GetLogObject,
Lambda InvokeWithResponseStream, Bedrock Runtime ConverseStream and
InvokeModelWithResponseStream) as binary event streams, and records what
the installed botocore parses from the same bytes: the output's members
(the JSON-RPC initial-response, the REST headers), the events its
EventStream yields, and the EventStreamError that ends a stream. Writes
<service>.json next to this file, one list of cases each; the Go tests of
each service package (events_botocore_test.go) replay them through the
generated clients.

    python3 make_vectors.py

Values are written in the form internal/testing/protocoltest.ToJSON gives a
Go value: structures keyed by member name, numbers as floats, timestamps as
epoch seconds, blobs as strings (the cases keep them UTF-8). The body is
base64. Events are encoded here from the format description ("Event stream
encoding" in the AWS docs), the frames split into uneven chunks when fed to
botocore.
"""
import base64
import datetime
import json
import os
import struct
import zlib

import botocore
import botocore.session
from botocore.awsrequest import HTTPHeaders
from botocore.exceptions import EventStreamError
from botocore.parsers import create_parser


def header(name, typ, value=b''):
    n = name.encode()
    return struct.pack('>B', len(n)) + n + struct.pack('>B', typ) + value


def strh(name, s):
    b = s.encode()
    return header(name, 7, struct.pack('>H', len(b)) + b)


def message(headers, payload):
    hb = b''.join(headers)
    total = 12 + len(hb) + len(payload) + 4
    prelude = struct.pack('>II', total, len(hb))
    prelude += struct.pack('>I', zlib.crc32(prelude) & 0xffffffff)
    body = prelude + hb + payload
    return body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)


def event(typ, payload, content_type='application/json', extra=()):
    if not isinstance(payload, bytes):
        payload = json.dumps(payload, separators=(',', ':')).encode()
    hs = [strh(':message-type', 'event'), strh(':event-type', typ)]
    if content_type:
        hs.append(strh(':content-type', content_type))
    return message(hs + list(extra), payload)


def exception(typ, payload):
    return message([strh(':message-type', 'exception'), strh(':exception-type', typ),
                    strh(':content-type', 'application/json')],
                   json.dumps(payload, separators=(',', ':')).encode())


def error(code, msg):
    return message([strh(':message-type', 'error'), strh(':error-code', code),
                    strh(':error-message', msg)], b'')


def initial(payload=None):
    return event('initial-response', payload if payload is not None else {})


class RawStream:
    """The urllib3 response botocore's EventStream reads, in uneven chunks."""

    def __init__(self, data):
        self._data = data

    def stream(self):
        sizes, i, k = [1, 7, 64, 5, 300], 0, 0
        while i < len(self._data):
            n = sizes[k % len(sizes)]
            yield self._data[i:i + n]
            i, k = i + n, k + 1

    def close(self):
        pass


def plain(v):
    """botocore's parsed value in protocoltest.ToJSON's form."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if k != 'ResponseMetadata'}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, bool) or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).decode('utf-8')
    if isinstance(v, datetime.datetime):
        return v.timestamp()
    raise TypeError(type(v))


session = botocore.session.get_session()


def case(service, operation, name, frames, headers=None, status=200):
    model = session.get_service_model(service)
    op = model.operation_model(operation)
    body = b''.join(frames)
    h = HTTPHeaders()
    h['content-type'] = 'application/vnd.amazon.eventstream'
    for k, v in (headers or {}).items():
        h[k] = v
    parser = create_parser(model.resolved_protocol)
    parsed = parser.parse({'status_code': status, 'headers': h, 'body': RawStream(body),
                           'context': {'operation_name': operation}}, op.output_shape)
    stream_member = op.output_shape.event_stream_name or op.output_shape.serialization.get('payload')
    stream = parsed.pop(stream_member)
    events, err = [], None
    try:
        for ev in stream:
            events.append(plain(ev))
    except EventStreamError as e:
        err = {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message']}
    return {
        'name': name, 'operation': operation, 'status': status, 'headers': headers or {},
        'body': base64.b64encode(body).decode(), 'output': plain(parsed), 'stream': stream_member,
        'events': events, 'error': err,
    }


def kinesis():
    rec = {'SequenceNumber': '4960', 'ApproximateArrivalTimestamp': 1700000000.5, 'Data': base64.b64encode(b'hello').decode(),
           'PartitionKey': 'pk-1', 'EncryptionType': 'NONE'}
    shard_event = {'Records': [rec, dict(rec, SequenceNumber='4961', Data=base64.b64encode(b'{"n":2}').decode())],
                   'ContinuationSequenceNumber': '4962', 'MillisBehindLatest': 0,
                   'ChildShards': [{'ShardId': 'shardId-000000000002', 'ParentShards': ['shardId-000000000000'],
                                    'HashKeyRange': {'StartingHashKey': '0', 'EndingHashKey': '170141183460469231731687303715884105727'}}]}
    return [
        case('kinesis', 'SubscribeToShard', 'events then the end', [
            initial(), event('SubscribeToShardEvent', shard_event),
            event('SubscribeToShardEvent', {'Records': [], 'ContinuationSequenceNumber': '4963', 'MillisBehindLatest': 1500}),
        ]),
        case('kinesis', 'SubscribeToShard', 'unknown event skipped, modelled exception', [
            initial(), event('SubscribeToShardEvent', {'Records': [], 'ContinuationSequenceNumber': '1', 'MillisBehindLatest': 0}),
            event('SomethingNew', {'x': 1}),
            exception('ResourceNotFoundException', {'message': 'Consumer arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1 not found'}),
            event('SubscribeToShardEvent', {'Records': [], 'ContinuationSequenceNumber': '2', 'MillisBehindLatest': 0}),
        ]),
        case('kinesis', 'SubscribeToShard', 'error message', [
            initial(), error('InternalFailure', 'Internal service failure.'),
        ]),
    ]


def logs():
    start = {'requestId': 'req-1', 'sessionId': 'sess-1', 'logGroupIdentifiers': ['arn:aws:logs:us-east-1:123456789012:log-group:g'],
             'logStreamNames': ['s1'], 'logEventFilterPattern': 'ERROR'}
    update = {'sessionMetadata': {'sampled': False},
              'sessionResults': [{'logStreamName': 's1', 'logGroupIdentifier': '123456789012:g', 'message': 'ERROR boom',
                                  'timestamp': 1700000000123, 'ingestionTime': 1700000000456}]}
    return [
        case('logs', 'StartLiveTail', 'session start and updates', [
            initial(), event('sessionStart', start), event('sessionUpdate', update),
            event('sessionUpdate', {'sessionMetadata': {'sampled': True}, 'sessionResults': []}),
        ]),
        case('logs', 'StartLiveTail', 'timeout exception', [
            initial(), event('sessionStart', start), event('heartbeat', {}),
            exception('SessionTimeoutException', {'message': 'Session timed out after 3 hours'}),
        ]),
        case('logs', 'GetLogObject', 'fields then streaming exception', [
            initial(), event('fields', {'data': base64.b64encode(b'{"@message":"m1"}').decode()}),
            event('fields', {'data': base64.b64encode(b'{"@message":"m2"}').decode()}),
            exception('InternalStreamingException', {'message': 'stream broke'}),
        ]),
    ]


def lambda_():
    complete = {'ErrorCode': 'Unhandled', 'ErrorDetails': 'boom', 'LogResult': base64.b64encode(b'START RequestId').decode()}
    return [
        case('lambda', 'InvokeWithResponseStream', 'payload chunks and completion', [
            event('PayloadChunk', b'{"part":1,', content_type='application/octet-stream'),
            event('PayloadChunk', b'"part":2}', content_type='application/octet-stream'),
            event('InvokeComplete', {'LogResult': base64.b64encode(b'END').decode()}),
        ], headers={'X-Amz-Executed-Version': '$LATEST', 'Content-Type': 'application/vnd.amazon.eventstream'}),
        case('lambda', 'InvokeWithResponseStream', 'function error completion, unknown event', [
            event('PayloadChunk', b'partial', content_type='application/octet-stream'),
            event('Trailer', {'x': 1}),
            event('InvokeComplete', complete),
        ], headers={'X-Amz-Executed-Version': '7'}),
    ]


def bedrock():
    usage = {'inputTokens': 12, 'outputTokens': 34, 'totalTokens': 46}
    return [
        case('bedrock-runtime', 'ConverseStream', 'a text answer', [
            event('messageStart', {'role': 'assistant'}),
            event('contentBlockDelta', {'contentBlockIndex': 0, 'delta': {'text': 'Hello'}}),
            event('contentBlockDelta', {'contentBlockIndex': 0, 'delta': {'text': ', world'}}),
            event('contentBlockStop', {'contentBlockIndex': 0}),
            event('messageStop', {'stopReason': 'end_turn'}),
            event('metadata', {'usage': usage, 'metrics': {'latencyMs': 321}}),
        ]),
        case('bedrock-runtime', 'ConverseStream', 'tool use, then a model stream error', [
            event('messageStart', {'role': 'assistant'}),
            event('contentBlockStart', {'contentBlockIndex': 1, 'start': {'toolUse': {'toolUseId': 't-1', 'name': 'get_weather'}}}),
            event('contentBlockDelta', {'contentBlockIndex': 1, 'delta': {'toolUse': {'input': '{"city":'}}}),
            exception('modelStreamErrorException', {'message': 'model failed', 'originalStatusCode': 500, 'originalMessage': 'upstream'}),
        ]),
        case('bedrock-runtime', 'InvokeModelWithResponseStream', 'chunks', [
            event('chunk', {'bytes': base64.b64encode(b'{"completion":"Hi"}').decode()}),
            event('chunk', {'bytes': base64.b64encode(b'{"completion":" there"}').decode()}),
        ], headers={'X-Amzn-Bedrock-Content-Type': 'application/json', 'X-Amzn-Bedrock-PerformanceConfig-Latency': 'standard'}),
        case('bedrock-runtime', 'InvokeModelWithResponseStream', 'throttling exception', [
            event('chunk', {'bytes': base64.b64encode(b'{}').decode()}),
            exception('throttlingException', {'message': 'Too many requests, please wait before trying again.'}),
        ], headers={'X-Amzn-Bedrock-Content-Type': 'application/json'}),
    ]


here = os.path.dirname(os.path.abspath(__file__))
for service, cases in [('kinesis', kinesis()), ('logs', logs()), ('lambda', lambda_()), ('bedrockruntime', bedrock())]:
    doc = {'botocore': botocore.__version__, 'cases': cases}
    with open(os.path.join(here, service + '.json'), 'w') as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write('\n')
    print(f'{service}: {len(cases)} cases')
