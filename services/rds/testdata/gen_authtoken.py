"""IAM database authentication tokens as botocore's generate_db_auth_token
makes them (a presigned GET of https://<host>:<port>/?Action=connect&
DBUser=<user>, service rds-db, 900 s, "https://" stripped), at a fixed time
with fixed credentials. Writes authtoken.json beside this file.

    python3 services/rds/testdata/gen_authtoken.py
"""
import datetime
import json
import os
from unittest import mock

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
TIME = datetime.datetime(2026, 12, 7, 12, 0, 0)
KEYS = ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None)
TOKEN_KEYS = ("ASIAEXAMPLE", "secret/with+chars", "session-token/x+y=")

CASES = [
    # name, client region, hostname, port, user, region argument, keys
    ("mysql", "us-east-1", "prod-instance.abcdefghijkl.us-east-1.rds.amazonaws.com", 3306, "iam_user", None, KEYS),
    ("postgres other region", "us-east-1", "pg.abcdefghijkl.eu-west-1.rds.amazonaws.com", 5432, "db_admin", "eu-west-1", KEYS),
    ("session token", "us-west-2", "aurora.cluster-abcdefghijkl.us-west-2.rds.amazonaws.com", 3306, "app", None, TOKEN_KEYS),
    ("user needing escapes", "us-east-1", "db.example.internal", 1234, "user name+x@corp/é", None, KEYS),
    ("china", "cn-north-1", "db.abcdefghijkl.cn-north-1.rds.amazonaws.com.cn", 3306, "u", None, KEYS),
    ("https port", "us-east-1", "db.example.internal", 443, "u", None, KEYS),
    ("proxy", "ap-southeast-2", "proxy-1.proxy-abcdefghijkl.ap-southeast-2.rds.amazonaws.com", 5432, "proxy_user", None, TOKEN_KEYS),
]

session = botocore.session.Session()
cases = []
for name, client_region, host, port, user, region, creds in CASES:
    client = session.create_client("rds", region_name=client_region, aws_access_key_id=creds[0],
                                   aws_secret_access_key=creds[1], aws_session_token=creds[2])
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        token = client.generate_db_auth_token(DBHostname=host, Port=port, DBUsername=user, Region=region)
    cases.append({"name": name, "client_region": client_region, "hostname": host, "port": port, "user": user,
                  "region": region, "access_key_id": creds[0], "secret_access_key": creds[1],
                  "session_token": creds[2], "token": token})

with open(os.path.join(HERE, "authtoken.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "time": TIME.isoformat() + "Z", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
