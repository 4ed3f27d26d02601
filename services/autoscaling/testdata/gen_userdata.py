"""What botocore sends for Auto Scaling CreateLaunchConfiguration with
UserData: base64_encode_user_data encodes the caller's text (UTF-8, then
standard padded base64). Records the whole request body per case. Writes
userdata.json beside this file.

    python3 services/autoscaling/testdata/gen_userdata.py
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
    ("padding", "ab"),
]

client = botocore.session.Session().create_client("autoscaling", region_name="us-east-1", aws_access_key_id="AKID", aws_secret_access_key="SECRET")
sent = {}


def capture(request, **kwargs):
    sent["body"] = request.body.decode() if isinstance(request.body, bytes) else request.body
    raise RuntimeError("captured")


client.meta.events.register("before-send.autoscaling.CreateLaunchConfiguration", capture)
members = list(client.meta.service_model.operation_model("CreateLaunchConfiguration").input_shape.members)
cases = []
for name, text in USER_DATA:
    params = {"LaunchConfigurationName": "lc-1", "ImageId": "ami-12345678", "InstanceType": "t3.micro", "UserData": text}
    # botocore serializes members in the order of the caller's dict; goto3
    # in the model's.
    params = {k: params[k] for k in members if k in params}
    try:
        client.create_launch_configuration(**params)
    except RuntimeError:
        pass
    cases.append({"name": name, "params": params, "body": sent["body"]})

with open(os.path.join(HERE, "userdata.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
