#!/usr/bin/env python3
"""Writes <name>.json next to every parse/<name>.ini: what the installed
botocore's configloader makes of the file (raw_config_parse and
build_profile_map), or that it rejects it. The Go test in
internal/config compares its parser against these files.

It also writes parse_random.json: a few hundred random files built from
tricky lines (indented keys, comments, delimiters, odd headers, CRLF) with
botocore's verdict on each, for a differential test.

Run: python3 gen_parse.py
"""
import glob
import json
import os
import random
import tempfile

import botocore
import botocore.configloader as cl
import botocore.exceptions

here = os.path.dirname(os.path.abspath(__file__))
for path in sorted(glob.glob(os.path.join(here, 'parse', '*.ini'))):
    out = {'botocore': botocore.__version__}
    try:
        raw = cl.raw_config_parse(path)
    except botocore.exceptions.ConfigParseError as e:
        out['error'] = True
    else:
        out['error'] = False
        out['sections'] = raw
        m = cl.build_profile_map(raw)
        out['profiles'] = m['profiles']
        out['sso_sessions'] = m['sso_sessions']
        out['services'] = m['services']
    with open(path[:-4] + '.json', 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write('\n')


GOOD = ['[default]', '[profile a]', '[profile b]', "[profile 'c d']", '[ profile e ]', '[DEFAULT]',
        '[sso-session s]', '[services x]', '[a]b]', '[profiles z]', '[profile]',
        'region = us-east-1', 'Region=us', 'k : v', 'k:v=w', 'url = http://h:1/p', 's3 =',
        'x = y # c', 'y=;z', '# comment', '; comment', '  # indented', '', '   ', '\t',
        '  a = b', '    c = d', '\tE = f', ' [profile d]', 'key=', 'kEy = V', 'endpoint_url = http://x']
BAD = ['= v', 'novalue', '[]', '  bad', 'foo']


def random_cases(n=500, seed=20261124):
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        lines = [rnd.choice(BAD) if rnd.random() < 0.03 else rnd.choice(GOOD)
                 for _ in range(rnd.randint(1, 8))]
        text = rnd.choice(['\n', '\r\n']).join(lines) + rnd.choice(['', '\n'])
        with tempfile.NamedTemporaryFile('w', delete=False, newline='') as f:
            f.write(text)
        try:
            raw = cl.raw_config_parse(f.name)
            case = {'error': False, 'sections': raw}
            m = cl.build_profile_map(raw)
            case.update(profiles=m['profiles'], sso_sessions=m['sso_sessions'], services=m['services'])
        except botocore.exceptions.ConfigParseError:
            case = {'error': True}
        finally:
            os.unlink(f.name)
        case['text'] = text
        out.append(case)
    return out


with open(os.path.join(here, 'parse_random.json'), 'w') as f:
    json.dump({'botocore': botocore.__version__, 'cases': random_cases()}, f, indent=0, sort_keys=True)
    f.write('\n')
