"""What botocore sends for EC2 RunInstances with UserData:
base64_encode_user_data encodes the caller's text (UTF-8, then standard
padded base64). Records the whole request body per case (ClientToken given,
so that no random token is drawn; parameters in the model's member order,
the order goto3 serializes them in). Writes userdata.json beside this file.

    python3 services/ec2/testdata/gen_userdata.py
"""
import json
import os

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
USER_DATA = [
    ("script", "#!/bin/bash\necho hello > /tmp/hello\n"),
    ("utf-8", "#cloud-config\nwrite_files:\n  - content: \"été ✓\"\n    path: /tmp/x\n"),
    ("empty", ""),
    ("already base64", "IyEvYmluL2Jhc2gK"),
]

client = botocore.session.Session().create_client("ec2", region_name="us-east-1", aws_access_key_id="AKID", aws_secret_access_key="SECRET")
members = list(client.meta.service_model.operation_model("RunInstances").input_shape.members)
sent = {}


def capture(request, **kwargs):
    sent["body"] = request.body.decode() if isinstance(request.body, bytes) else request.body
    raise RuntimeError("captured")


client.meta.events.register("before-send.ec2.RunInstances", capture)
cases = []
for name, text in USER_DATA:
    params = {"ImageId": "ami-12345678", "MinCount": 1, "MaxCount": 1, "UserData": text, "ClientToken": "token-1"}
    params = {k: params[k] for k in members if k in params}
    try:
        client.run_instances(**params)
    except RuntimeError:
        pass
    cases.append({"name": name, "params": params, "body": sent["body"]})

with open(os.path.join(HERE, "userdata.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
