#!/usr/bin/env python3
"""Writes vectors.json: requests to an S3 Express One Zone directory bucket
signed by botocore's S3ExpressAuth (header) and S3ExpressQueryAuth
(presigned URL) with fixed session credentials at a fixed time.

Run from this directory: python3 gen.py  (botocore as installed; the
version is recorded in the output). The Go test
internal/pipeline/s3express_botocore_test.go replays each request through
goto3's S3 Express signing and compares.
"""
import datetime
import json
from unittest import mock

import botocore
import botocore.auth
import botocore.session
import botocore.utils
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

TIME = datetime.datetime(2026, 11, 24, 12, 0, 0)
SESSION = {
    "access_key_id": "ASIASESSIONKEYEXAMPLE",
    "secret_access_key": "sessionSecret/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "session_token": "IQoJb3JpZ2luX2VjEXAMPLE/session+token==",
}
HOST = "mybucket--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com"
REGION = "us-east-1"
SERVICE = "s3express"


def creds():
    return Credentials(
        SESSION["access_key_id"],
        SESSION["secret_access_key"],
        SESSION["session_token"],
    )


def header_vector(name, method, url, headers, body=b""):
    req = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    req.context = {}
    auth = botocore.auth.S3ExpressAuth(creds(), SERVICE, REGION, identity_cache=None)
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        auth.add_auth(req)
    return {
        "name": name,
        "method": method,
        "url": url,
        "headers": headers,
        "body": body.decode(),
        "want_headers": {k: v for k, v in req.headers.items()},
    }


def presign_vector(name, url, expires, headers=None):
    headers = headers or {}
    req = AWSRequest(method="GET", url=url, headers=dict(headers))
    req.context = {}
    auth = botocore.auth.S3ExpressQueryAuth(
        creds(), SERVICE, REGION, identity_cache=None, expires=expires
    )
    with mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        auth.add_auth(req)
    return {
        "name": name,
        "method": "GET",
        "url": url,
        "headers": headers,
        "expires": expires,
        "want_url": req.url,
    }


def client_presign_vector(name, bucket, key, expires):
    """generate_presigned_url of a whole botocore client whose CreateSession
    answers SESSION (expiring in 2099: RefreshableCredentials reads the
    real clock)."""

    def refresh_callback(self, bucket):
        def refresher():
            return {
                "access_key": SESSION["access_key_id"],
                "secret_key": SESSION["secret_access_key"],
                "token": SESSION["session_token"],
                "expiry_time": "2099-01-01T00:00:00+00:00",
            }

        return refresher

    sess = botocore.session.Session()
    with mock.patch.object(
        botocore.utils.S3ExpressIdentityCache,
        "build_refresh_callback",
        refresh_callback,
    ), mock.patch("botocore.auth.get_current_datetime", return_value=TIME):
        client = sess.create_client(
            "s3",
            region_name=REGION,
            aws_access_key_id="AKIDBASE",
            aws_secret_access_key="base-secret",
            aws_session_token="base-token",
        )
        url = client.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=expires
        )
    return {
        "name": name,
        "client": True,
        "bucket": bucket,
        "key": key,
        "expires": expires,
        "want_url": url,
    }


def main():
    vectors = [
        header_vector(
            "GetObject",
            "GET",
            f"https://{HOST}/photos/2026/key.txt",
            {"Host": HOST},
        ),
        header_vector(
            "GetObject with a stale X-Amz-Security-Token",
            "GET",
            f"https://{HOST}/key.txt?versionId=3%2FL4kqtJlcpXroDTDmJ%2BrmSpXd3dIbrHY",
            {"Host": HOST, "X-Amz-Security-Token": "base-token-must-go", "Range": "bytes=0-9"},
        ),
        header_vector(
            "PutObject with a signed body over http",
            "PUT",
            f"http://{HOST}/dir/file%20name.txt",
            {
                "Host": HOST,
                "Content-Type": "text/plain",
                "Content-Length": "11",
                "x-amz-checksum-crc32": "DUoRhQ==",
                "x-amz-sdk-checksum-algorithm": "CRC32",
            },
            b"hello world",
        ),
        header_vector(
            "ListObjectsV2",
            "GET",
            f"https://{HOST}/?list-type=2&prefix=a%2Fb%20c",
            {"Host": HOST},
        ),
        presign_vector("presigned GetObject", f"https://{HOST}/key.txt", 300),
        presign_vector(
            "presigned GetObject with query",
            f"https://{HOST}/photos/k%20ey.txt?response-content-type=text%2Fplain",
            3600,
        ),
        client_presign_vector(
            "client generate_presigned_url get_object",
            "mybucket--use1-az4--x-s3",
            "photos/k ey.txt",
            900,
        ),
    ]
    out = {
        "botocore_version": botocore.__version__,
        "time": TIME.strftime("%Y%m%dT%H%M%SZ"),
        "region": REGION,
        "service": SERVICE,
        "session": SESSION,
        "vectors": vectors,
    }
    with open("vectors.json", "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
