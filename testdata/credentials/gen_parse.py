#!/usr/bin/env python3
"""Writes <name>.json next to every parse/<name>.ini: what the installed
botocore's configloader makes of the file (raw_config_parse and
build_profile_map), or that it rejects it. The Go test in
internal/config compares its parser against these files.

Run from this directory: python3 gen_parse.py
"""
import glob
import json
import os

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
