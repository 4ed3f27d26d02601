"""What botocore sends for the five RDS operations that copy or replicate
across regions when the caller gives SourceRegion (inject_presigned_url_rds):
SourceRegion is removed from the request, and unless the caller gave a
PreSignedUrl, the operation is presigned (GET, the parameters in the query
string, DestinationRegion=<client region> added) with the client's
credentials for SourceRegion, service rds, 3600 s. Records the body sent at
a fixed time with fixed credentials. Parameters are in the model's member
order (botocore serializes in the caller's order, goto3 in the model's).
Writes presignedurl.json beside this file.

    python3 services/rds/testdata/gen_presignedurl.py
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
    ("CopyDBSnapshot", "us-east-1", {"SourceDBSnapshotIdentifier": "arn:aws:rds:us-west-2:123456789012:snapshot:snap-1", "TargetDBSnapshotIdentifier": "snap-1-copy", "SourceRegion": "us-west-2"}, KEYS),
    ("CopyDBSnapshot", "eu-west-1", {"SourceDBSnapshotIdentifier": "arn:aws:rds:us-east-1:123456789012:snapshot:snap-2", "TargetDBSnapshotIdentifier": "snap-2-copy", "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/k 1", "CopyTags": True, "Tags": [{"Key": "a b", "Value": "été/100%"}], "SourceRegion": "us-east-1"}, TOKEN_KEYS),
    ("CopyDBClusterSnapshot", "us-east-1", {"SourceDBClusterSnapshotIdentifier": "arn:aws:rds:us-west-2:123456789012:cluster-snapshot:cs-1", "TargetDBClusterSnapshotIdentifier": "cs-1-copy", "KmsKeyId": "key-1", "SourceRegion": "us-west-2"}, KEYS),
    ("CreateDBCluster", "us-west-2", {"DBClusterIdentifier": "replica-cluster", "Engine": "aurora-mysql", "ReplicationSourceIdentifier": "arn:aws:rds:us-east-1:123456789012:cluster:primary", "KmsKeyId": "key-2", "SourceRegion": "us-east-1"}, TOKEN_KEYS),
    ("CreateDBInstanceReadReplica", "us-east-1", {"DBInstanceIdentifier": "replica-1", "SourceDBInstanceIdentifier": "arn:aws:rds:us-west-1:123456789012:db:primary", "DBInstanceClass": "db.t3.micro", "SourceRegion": "us-west-1"}, KEYS),
    ("StartDBInstanceAutomatedBackupsReplication", "us-east-2", {"SourceDBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:db-1", "BackupRetentionPeriod": 7, "SourceRegion": "us-east-1"}, KEYS),
    ("CopyDBSnapshot", "us-east-1", {"SourceDBSnapshotIdentifier": "snap-3", "TargetDBSnapshotIdentifier": "snap-3-copy", "PreSignedUrl": "https://example.com/given", "SourceRegion": "us-west-2"}, KEYS),
    ("CopyDBSnapshot", "us-east-1", {"SourceDBSnapshotIdentifier": "snap-4", "TargetDBSnapshotIdentifier": "snap-4-copy"}, KEYS),
    ("CopyDBSnapshot", "cn-northwest-1", {"SourceDBSnapshotIdentifier": "arn:aws-cn:rds:cn-north-1:123456789012:snapshot:snap-5", "TargetDBSnapshotIdentifier": "snap-5-copy", "SourceRegion": "cn-north-1"}, KEYS),
    ("CopyDBSnapshot", "us-gov-west-1", {"SourceDBSnapshotIdentifier": "arn:aws-us-gov:rds:us-gov-east-1:123456789012:snapshot:snap-6", "TargetDBSnapshotIdentifier": "snap-6-copy", "SourceRegion": "us-gov-east-1"}, KEYS),
]

session = botocore.session.Session()
cases = []
for op, region, params, creds in CASES:
    client = session.create_client("rds", region_name=region, aws_access_key_id=creds[0],
                                   aws_secret_access_key=creds[1], aws_session_token=creds[2])
    members = list(client.meta.service_model.operation_model(op).input_shape.members)
    params = {k: params[k] for k in members if k in params}
    sent = {}

    def capture(request, **kwargs):
        sent["body"] = request.body.decode() if isinstance(request.body, bytes) else request.body
        sent["url"] = request.url
        raise RuntimeError("captured")

    client.meta.events.register("before-send.rds." + op, capture)
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        try:
            getattr(client, botocore.xform_name(op))(**params)
        except RuntimeError:
            pass
    cases.append({"name": f"{op}/{region}/{len(cases)}", "operation": op, "region": region, "params": params,
                  "access_key_id": creds[0], "secret_access_key": creds[1], "session_token": creds[2],
                  "url": sent["url"], "body": sent["body"]})

with open(os.path.join(HERE, "presignedurl.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "time": TIME.isoformat() + "Z", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases), "cases")
