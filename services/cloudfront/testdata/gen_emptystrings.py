"""What botocore sends for CloudFront requests whose required strings are
empty, as CloudFront's API Reference asks ("include an empty Comment
element", an empty OriginAccessIdentity for an S3 origin without one):
CreateDistribution and CreateCloudFrontOriginAccessIdentity with Comment "",
captured before sending. Writes emptystrings.json beside this file.

    python3 services/cloudfront/testdata/gen_emptystrings.py
"""
import json
import os

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
DIST = {
    "CallerReference": "ref-1",
    "Origins": {"Quantity": 1, "Items": [{"Id": "s3", "DomainName": "bucket.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
    "DefaultCacheBehavior": {"TargetOriginId": "s3", "ViewerProtocolPolicy": "redirect-to-https", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
    "Comment": "",
    "Enabled": False,
}
CASES = [
    ("CreateDistribution", "create_distribution", {"DistributionConfig": DIST}),
    ("CreateCloudFrontOriginAccessIdentity", "create_cloud_front_origin_access_identity", {"CloudFrontOriginAccessIdentityConfig": {"CallerReference": "ref-2", "Comment": ""}}),
]

client = botocore.session.Session().create_client("cloudfront", region_name="us-east-1", aws_access_key_id="AKID", aws_secret_access_key="SECRET")
sent = {}


def capture(request, **kwargs):
    sent.update(method=request.method, url=request.url, body=request.body.decode())
    raise RuntimeError("captured")


client.meta.events.register("before-send.cloudfront", capture)
cases = []
for op, method, params in CASES:
    try:
        getattr(client, method)(**params)
    except RuntimeError:
        pass
    cases.append({"operation": op, "params": params, "method": sent["method"], "url": sent["url"], "body": sent["body"]})

with open(os.path.join(HERE, "emptystrings.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
