"""How boto3 decodes IAM policy documents (botocore's json_decode_policies:
urllib.parse.unquote, then json.loads; the string unchanged when that
fails), for documents as IAM returns them. Writes policy.json beside this
file: per case the string, its unquoted text and the decoded value (absent
when botocore leaves the string).

    python3 services/iam/testdata/gen_policy.py
"""
import json
import os
from urllib.parse import quote, unquote

import botocore
from botocore.handlers import decode_quoted_jsondoc

HERE = os.path.dirname(os.path.abspath(__file__))
TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
POLICY = {"Version": "2012-10-17", "Statement": [{"Sid": "S3 read+list", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
          "Resource": ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket"], "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "StringLike": {"s3:prefix": ["home/${aws:username}/*", "é ✓"]}}}]}
CASES = [
    ("trust policy", quote(json.dumps(TRUST), safe="")),
    ("policy with spaces, plus and unicode", quote(json.dumps(POLICY, ensure_ascii=False), safe="")),
    ("compact, some characters left unencoded", quote(json.dumps(POLICY, separators=(",", ":")), safe="{}[]:,\"")),
    ("not encoded", json.dumps(TRUST)),
    ("invalid escape kept", quote('{"Version":"2012-10-17","Sid":"100%', safe="") + "%zz" + quote('"}', safe="")),
    ("big number", quote('{"n": 123456789012345678901234567890, "f": 1.5}', safe="")),
    ("not JSON", "Version%3D1"),
    ("truncated JSON", quote('{"Version": "2012-10-17"', safe="")),
]

cases = []
for name, doc in CASES:
    decoded = decode_quoted_jsondoc(doc)
    case = {"name": name, "document": doc, "unquoted": unquote(doc)}
    if not isinstance(decoded, str):
        case["decoded"] = decoded
    cases.append(case)

with open(os.path.join(HERE, "policy.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
