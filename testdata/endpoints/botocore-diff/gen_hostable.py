"""Differential vectors for aws.isVirtualHostableS3Bucket and S3 endpoint
resolution around dotted, short and IP-shaped bucket names, from the
installed botocore (the oracle). Writes hostable.json beside this file.

    python3 testdata/endpoints/botocore-diff/gen_hostable.py
"""
import json
import os
import random

import botocore
from botocore.endpoint_provider import EndpointProvider, RuleSetStandardLibrary
from botocore.loaders import create_loader

HERE = os.path.dirname(os.path.abspath(__file__))

names = [
    "a", "ab", "abc", "a.b", "ab.c", "a.bc", "a.bc.def", "my.bucket", "my.b", "x.y.z",
    "bucket", "bucket.name", "bucket..name", ".bucket", "bucket.", "-bucket", "bucket-",
    "bucket-.name", "bucket.-name", "Bucket", "bucket.Name", "bucket_name", "192.168.5.4",
    "192.168.5", "1.2.3.4.5", "999.999.999.999", "10.0.0.1.example", "a" * 63, "a" * 64,
    "a" * 62 + ".b", ("a" * 30 + ".") * 2 + "b", "aa." + "b" * 63, "aa." + "b" * 64,
    "xn--bucket", "bucket--x-s3", "my.bucket--usw2-az1--x-s3", "123", "1.2", "a-b.c-d",
    "a.-b", "my.bucket.with.many.dots", "dot.", "..", "a..b",
]
rng = random.Random(20261207)
alphabet = "abc.-1Z_"
for _ in range(200):
    names.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))))

lib_cases = []
lib = RuleSetStandardLibrary({"partitions": []})
for n in names:
    for sub in (False, True):
        lib_cases.append({"bucket": n, "allowSubDomains": sub,
                          "virtualHostable": bool(lib.aws_is_virtual_hostable_s3_bucket(n, sub))})

loader = create_loader()
ruleset = loader.load_service_model("s3", "endpoint-rule-set-1")
partitions = loader.load_data("partitions")
provider = EndpointProvider(ruleset, partitions)

resolutions = []
for n in names[:45]:
    for endpoint in (None, "http://127.0.0.1:9000", "http://localhost:9000", "https://example.com"):
        for path_style in (False, True):
            params = {"Region": "us-west-2", "Bucket": n, "ForcePathStyle": path_style,
                      "UseFIPS": False, "UseDualStack": False, "Accelerate": False}
            if endpoint:
                params["Endpoint"] = endpoint
            case = {"params": params}
            try:
                ep = provider.resolve_endpoint(**params)
                case["url"] = ep.url
            except Exception as e:  # an error rule or an invalid input
                case["error"] = str(e)
            resolutions.append(case)

out = {"botocore": botocore.__version__, "hostable": lib_cases, "resolutions": resolutions}
with open(os.path.join(HERE, "hostable.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(len(lib_cases), "function cases,", len(resolutions), "resolutions")
