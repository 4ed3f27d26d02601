"""The EKS tokens "aws eks get-token" prints, made by awscli's own
TokenGenerator and STSClientFactory (awscli/customizations/eks/get_token.py,
on the installed botocore) at a fixed time with fixed credentials, with the
presigned URL each one carries and awscli's expirationTimestamp. Writes
token.json beside this file.

    python3 services/eks/testdata/gen_token.py
"""
import base64
import datetime
import json
import os
from unittest import mock

import awscli
import botocore
import botocore.session
from awscli.customizations.eks import get_token

HERE = os.path.dirname(os.path.abspath(__file__))
TIME = datetime.datetime(2026, 12, 7, 12, 0, 0)


cases = []
for name, region, cluster, creds, sts_regional in [
    ("basic", "us-east-1", "my-cluster", ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None), None),
    ("session token", "eu-west-1", "prod_cluster-1", ("ASIAEXAMPLE", "secret/with+chars", "session-token/x+y="), None),
    ("china", "cn-north-1", "c1", ("AKIDEXAMPLE", "s", None), None),
    ("govcloud", "us-gov-west-1", "gov", ("AKIDEXAMPLE", "s", None), None),
    ("legacy global endpoint", "us-east-1", "my-cluster", ("AKIDEXAMPLE", "s", None), "legacy"),
    ("outposts cluster id", "us-west-2", "0123abcd-4567-89ef-0123-456789abcdef", ("AKIDEXAMPLE", "s", None), None),
]:
    sess = botocore.session.Session()
    sess.set_credentials(*creds)
    if sts_regional:
        sess.set_config_variable("sts_regional_endpoints", sts_regional)
    sts = get_token.STSClientFactory(sess).get_sts_client(region_name=region)
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        token = get_token.TokenGenerator(sts).get_token(cluster)
    with mock.patch.object(get_token, "get_current_datetime", return_value=TIME):
        expiration = get_token.GetTokenCommand(sess).get_expiration_time()
    body = token[len(get_token.TOKEN_PREFIX):]
    url = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()
    cases.append({"name": name, "region": region, "cluster": cluster, "access_key_id": creds[0],
                  "secret_access_key": creds[1], "session_token": creds[2],
                  "sts_regional_endpoints": sts_regional or "", "token": token, "url": url,
                  "expiration": expiration})

with open(os.path.join(HERE, "token.json"), "w") as f:
    json.dump({"awscli": awscli.__version__, "botocore": botocore.__version__,
               "time": TIME.isoformat() + "Z", "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases), "cases")
