"""Which vendored endpoint test cases the installed botocore fails itself.

The endpoint tests under testdata/endpoints/tests come from botocore's
develop branch (1.43.67); the rule sets goto3 embeds come from the
installed botocore wheel (1.43.11). Where a service's rule set changed in
between, some cases cannot pass against the older rule set: this script
resolves every case with the installed botocore's own EndpointProvider and
rule set and records the ones it fails (URL, properties or headers), with
its answer in the test files' "expect" form, in version_drift.json. The Go
conformance runner checks exactly those against botocore's answer instead;
every other case must pass as written.

    python3 testdata/endpoints/botocore-diff/version_drift.py
"""
import json
import os

import botocore
from botocore.endpoint_provider import EndpointProvider
from botocore.loaders import create_loader

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests")

loader = create_loader()
partitions = loader.load_data("partitions")
drift = {}
for svc in sorted(os.listdir(TESTS)):
    with open(os.path.join(TESTS, svc, "endpoint-tests-1.json")) as f:
        cases = json.load(f)["testCases"]
    provider = EndpointProvider(loader.load_service_model(svc, "endpoint-rule-set-1"), partitions)
    for i, case in enumerate(cases):
        expect = case["expect"]
        try:
            ep = provider.resolve_endpoint(**case.get("params", {}))
            got = {"endpoint": {"url": ep.url}}
            if ep.properties:
                got["endpoint"]["properties"] = ep.properties
            if ep.headers:
                got["endpoint"]["headers"] = ep.headers
            want = expect.get("endpoint")
            ok = want is not None and want.get("url") == ep.url \
                and (want.get("properties") or {}) == (ep.properties or {}) \
                and (want.get("headers") or {}) == (ep.headers or {})
        except Exception as e:
            got = {"error": str(e)}
            ok = "error" in expect and expect["error"] == str(e)
        if not ok:
            drift.setdefault(svc, {})[str(i)] = got
with open(os.path.join(HERE, "version_drift.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "cases": drift}, f, indent=1, sort_keys=True)
    f.write("\n")
print({k: len(v) for k, v in drift.items()})
