"""What botocore sends for EC2 CopySnapshot from another region: the
PresignedUrl it computes (inject_presigned_url_ec2) and the whole body, at
a fixed time and with fixed credentials. Writes copysnapshot.json beside
this file.

    python3 services/ec2/testdata/gen_copysnapshot.py
"""
import datetime
import json
import os
from unittest import mock

import botocore
import botocore.session
from botocore.stub import Stubber

HERE = os.path.dirname(os.path.abspath(__file__))
TIME = datetime.datetime(2026, 12, 7, 12, 0, 0)

cases = []
for name, params, creds in [
    ("basic", {"SourceRegion": "us-west-2", "SourceSnapshotId": "snap-0123456789abcdef0"}, ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)),
    ("with description and token", {"SourceRegion": "eu-west-1", "SourceSnapshotId": "snap-1", "Description": "a copy: été / 100%", "Encrypted": True},
     ("ASIAEXAMPLE", "secret/with+chars", "session-token/x+y=")),
    ("caller's url kept", {"SourceRegion": "us-west-2", "SourceSnapshotId": "snap-2", "PresignedUrl": "https://example.com/given"}, ("AKIDEXAMPLE", "s", None)),
    ("caller's destination region replaced", {"SourceRegion": "us-west-2", "SourceSnapshotId": "snap-3", "DestinationRegion": "ap-south-1", "Encrypted": False},
     ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)),
]:
    sess = botocore.session.Session()
    client = sess.create_client("ec2", region_name="us-east-1", aws_access_key_id=creds[0],
                                aws_secret_access_key=creds[1], aws_session_token=creds[2])
    # botocore's serializer writes the parameters in the caller's order,
    # goto3 in the model's: called in the model's order, the URLs are the
    # same byte for byte.
    members = list(client.meta.service_model.operation_model("CopySnapshot").input_shape.members)
    params = {k: params[k] for k in members if k in params}
    sent = {}

    def capture(request, **kwargs):
        sent["body"] = request.body.decode() if isinstance(request.body, bytes) else request.body
        sent["url"] = request.url
        raise RuntimeError("captured")

    client.meta.events.register("before-send.ec2.CopySnapshot", capture)
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        try:
            client.copy_snapshot(**params)
        except RuntimeError:
            pass
    cases.append({"name": name, "params": params, "access_key_id": creds[0], "secret_access_key": creds[1],
                  "session_token": creds[2], "url": sent["url"], "body": sent["body"]})

with open(os.path.join(HERE, "copysnapshot.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "time": TIME.isoformat() + "Z", "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
