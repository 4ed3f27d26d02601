#!/usr/bin/env python3
"""Differential SigV4 vectors from botocore.

Generates random requests (odd paths, unicode, reserved characters, repeated
and empty query keys, header case and whitespace, bodies), signs each with
botocore's SigV4Auth or S3SigV4Auth at a fixed time, and writes what botocore
computed (canonical request, string to sign, signature, Authorization) to
vectors.json. The Go test sigv4/botocore_diff_test.go signs the same requests
and compares.

    python3 testdata/sigv4/botocore-diff/gen.py > testdata/sigv4/botocore-diff/vectors.json

The requests are what an SDK puts on the wire, so that the comparison is
about signing and not about botocore's tolerance of unencoded input:
  * paths are percent-encoded (each segment either strictly, or leaving the
    RFC 3986 sub-delimiters, ':' and '@' as they are), always start with '/',
    and may contain empty, '.' and '..' segments;
  * query keys and values are strictly percent-encoded with upper-case hex
    (botocore copies the query verbatim into the canonical request, while AWS
    re-encodes it; for strictly encoded input the two agree); no empty
    '&&' pieces (botocore signs them as "=", net/url and AWS drop them);
  * hosts are lower case and never carry an explicit default port (botocore
    drops it from the signed host; net/http sends it);
  * header values are printable ASCII with spaces and tabs, sometimes folded
    over lines (Python's str.split also splits on non-ASCII spaces);
  * no Date header (botocore then signs Date instead of X-Amz-Date).
"""
import base64
import datetime
import io
import json
import random
import sys
import types
from unittest import mock
from urllib.parse import quote

import botocore
import botocore.auth
from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SEED = 20261124
N_CASES = 640
SIGN_TIME = datetime.datetime(2026, 11, 24, 12, 34, 56, tzinfo=datetime.timezone.utc)

ALPHA = "abcXYZ019-_.~"
RESERVED = "!$&'()*+,;=:@/?#[]%"
ODD = " \"<>\\^`{|}"
UNICODE = "éßሴ😀中文Ω\u00a0"


def rand_text(r, lo, hi, pools):
    n = r.randint(lo, hi)
    out = []
    for _ in range(n):
        pool = r.choice(pools)
        out.append(r.choice(pool))
    return "".join(out)


def rand_path(r):
    segs = []
    for _ in range(r.randint(0, 6)):
        kind = r.random()
        if kind < 0.08:
            segs.append("")
        elif kind < 0.14:
            segs.append(".")
        elif kind < 0.20:
            segs.append("..")
        else:
            raw = rand_text(r, 1, 12, [ALPHA, ALPHA, RESERVED, ODD, UNICODE])
            if r.random() < 0.5:
                segs.append(quote(raw, safe="~"))
            else:
                segs.append(quote(raw, safe="~!$&'()*+,;=:@"))
    path = "/" + "/".join(segs)
    if segs and r.random() < 0.3:
        path += "/"
    return path


def rand_query(r):
    pairs = []
    keys = []
    for _ in range(r.randint(0, 6)):
        if keys and r.random() < 0.3:
            k = r.choice(keys)  # a repeated key
        else:
            k = rand_text(r, 0 if r.random() < 0.1 else 1, 10, [ALPHA, ALPHA, RESERVED, ODD, UNICODE])
            keys.append(k)
        ek = quote(k, safe="-_.~")
        form = r.random()
        if form < 0.15 and ek:
            pairs.append(ek)  # no '='
        elif form < 0.3:
            pairs.append(ek + "=")
        else:
            v = rand_text(r, 0, 14, [ALPHA, ALPHA, RESERVED, ODD, UNICODE])
            pairs.append(ek + "=" + quote(v, safe="-_.~"))
    return "&".join(pairs)


HEADER_NAMES = [
    "Content-Type", "content-type", "X-Amz-Meta-Color", "x-amz-meta-color", "X-AMZ-META-SIZE",
    "X-Custom-Header", "x-custom-header", "Range", "If-Match", "Cache-Control",
    "X-Amz-Storage-Class", "x-amz-acl", "X-Amz-Tagging", "Content-Language",
    # never signed by botocore
    "User-Agent", "Expect", "X-Amzn-Trace-Id", "Connection", "Keep-Alive", "TE", "Upgrade",
    "Proxy-Authorization", "Trailer", "Transfer-Encoding",
]
VALUE_CHARS = "abcXYZ0189-_.~:;,/=+()!\"'<>@[]{}?*&^%$#|\\`"


def rand_value(r):
    parts = []
    for _ in range(r.randint(0, 5)):
        parts.append(rand_text(r, 0, 8, [VALUE_CHARS]))
    seps = [" ", "  ", "\t", " \t ", "   "]
    v = ""
    for i, p in enumerate(parts):
        if i:
            v += r.choice(seps) if r.random() < 0.9 else "\r\n  "
        v += p
    if r.random() < 0.3:
        v = r.choice(seps) + v
    if r.random() < 0.3:
        v = v + r.choice(seps)
    return v


def main():
    r = random.Random(SEED)
    cases = []
    for i in range(N_CASES):
        s3 = i % 2 == 1
        scheme = r.choice(["https", "http"])
        host = r.choice(["examplebucket.s3.amazonaws.com", "s3.us-west-2.amazonaws.com", "example.amazonaws.com",
                         "email.eu-west-1.amazonaws.com", "localhost:8443", "127.0.0.1:9000"])
        path = rand_path(r)
        query = rand_query(r)
        url = f"{scheme}://{host}{path}"
        if query:
            url += "?" + query
        method = r.choice(["GET", "PUT", "POST", "DELETE", "HEAD"])
        headers = []
        for _ in range(r.randint(0, 6)):
            headers.append([r.choice(HEADER_NAMES), rand_value(r)])
        body = b""
        if r.random() < 0.6:
            body = bytes(r.getrandbits(8) for _ in range(r.randint(0, 300)))
        token = None
        if r.random() < 0.3:
            token = "token/" + rand_text(r, 8, 40, [ALPHA, "+/="])
        service = "s3" if s3 else r.choice(["ses", "ec2", "sts", "service"])
        region = r.choice(["us-east-1", "eu-west-1", "ap-southeast-2"])
        creds = Credentials("AKIDDIFFERENTIAL", "secret/" + rand_text(r, 10, 40, [ALPHA, "+/"]), token)
        unsigned_payload = s3 and scheme == "https" and r.random() < 0.25
        preset_hash = (not s3) and r.random() < 0.1

        req = AWSRequest(method=method, url=url, data=(io.BytesIO(body) if r.random() < 0.5 else body))
        for k, v in headers:
            req.headers[k] = v  # HTTPHeaders keeps repeated names
        if preset_hash:
            req.headers["X-Amz-Content-SHA256"] = "%064x" % r.getrandbits(256)
        if unsigned_payload:
            req.context["client_config"] = types.SimpleNamespace(s3={"payload_signing_enabled": False})
        signer = (S3SigV4Auth if s3 else SigV4Auth)(creds, service, region)
        with mock.patch("botocore.auth.get_current_datetime", return_value=SIGN_TIME.replace(tzinfo=None)):
            # What add_auth computes, step by step, so that the intermediate
            # values can be recorded; add_auth itself is then run to get the
            # Authorization header it sets.
            snapshot = AWSRequest(method=method, url=url, data=body)
            for k, v in req.headers.items():
                snapshot.headers[k] = v
            snapshot.context.update(req.context)
            snapshot.context["timestamp"] = SIGN_TIME.strftime(botocore.auth.SIGV4_TIMESTAMP)
            signer._modify_request_before_signing(snapshot)
            creq = signer.canonical_request(snapshot)
            sts = signer.string_to_sign(snapshot, creq)
            sig = signer.signature(sts, snapshot)
            signer.add_auth(req)
        authz = req.headers["Authorization"]
        if not authz.endswith("Signature=" + sig):
            sys.exit(f"case {i}: add_auth and the step-by-step signature differ")
        cases.append({
            "name": f"{i:03d}-{'s3' if s3 else 'sigv4'}",
            "auth": "S3SigV4Auth" if s3 else "SigV4Auth",
            "service": service,
            "region": region,
            "access_key": creds.access_key,
            "secret_key": creds.secret_key,
            "token": token or "",
            "method": method,
            "url": url,
            "headers": headers + ([["X-Amz-Content-SHA256", snapshot.headers["X-Amz-Content-SHA256"]]] if preset_hash else []),
            "body_base64": base64.b64encode(body).decode(),
            "unsigned_payload": unsigned_payload,
            "canonical_request": creq,
            "string_to_sign": sts,
            "signature": sig,
            "authorization": authz,
        })
    json.dump({
        "generator": "testdata/sigv4/botocore-diff/gen.py",
        "botocore_version": botocore.__version__,
        "seed": SEED,
        "time": SIGN_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cases": cases,
    }, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
