#!/usr/bin/env python3
"""Vectors of botocore's S3 customizations that goto3 implements in
services/s3 (handlers.go, validate.go, redirect.go), from the installed
botocore: docs/botocore-customizations.md rows S3-5 (encoding-type=url on
the List* operations and the decoding of their answers, paginators
included), S3-6 (CopySource encoding), S3-7 (SSE-C keys), S3-8 (ASCII
metadata), S3-11 (CR and LF in two XML bodies), S3-13 (GetBucketLocation
path-style, ARN buckets virtual) and S3-R (the region redirect).

Each case is a sequence of calls on one botocore client (static
credentials, no configuration file or environment) whose requests a
before-send hook records and answers from the case's script. For every
call the file holds the params, the answers served, the requests botocore
sent (method, URL, query pairs, the headers goto3 must send alike, the
body, the credential scope's region, the attempt number) and the result
(canonical form as testdata/services-diff/gen_vectors.py's) or the error
(a ClientError's code, or the class of what botocore raised before
sending: ParamValidationError, InvalidRegionError). Besides the cases,
"quoteCopySource" and "unquote" hold values no header carries (line
breaks, other white space) through botocore's _quote_source_header and
unquote_str themselves. The Go test is
services/s3/customizations_botocore_test.go.

Run from anywhere (writes vectors.json next to itself):
    python3 services/s3/testdata/customizations/gen.py
"""

import base64
import datetime
import io
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))

for _k in list(os.environ):
    if _k.startswith("AWS_") or _k.startswith("BOTO"):
        del os.environ[_k]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

import botocore  # noqa: E402
import botocore.awsrequest  # noqa: E402
import botocore.config  # noqa: E402
import botocore.exceptions  # noqa: E402
import botocore.session  # noqa: E402

# Headers the comparison leaves out: signing, user agent, retry
# bookkeeping (the attempt number is kept apart), Expect (goto3 asks for
# 100-continue from 1 MiB only, a deliberate difference).
DROP = {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "user-agent",
        "amz-sdk-invocation-id", "amz-sdk-request", "expect", "x-amz-user-agent"}

NS = "http://s3.amazonaws.com/doc/2006-03-01/"


class Raw:
    def __init__(self, data):
        self._b = io.BytesIO(data)

    def stream(self, **kwargs):
        while True:
            c = self._b.read(4096)
            if not c:
                return
            yield c

    def read(self, amt=None):
        return self._b.read() if amt is None else self._b.read(amt)

    def close(self):
        pass


class Script:
    """The before-send hook: records each request, answers the next answer."""

    def __init__(self):
        self.answers = []
        self.sent = []

    def __call__(self, request, **kwargs):
        body = request.body
        if body is None:
            body = b""
        elif hasattr(body, "read"):
            body = body.read()
        if isinstance(body, str):
            body = body.encode()
        self.sent.append((request.method, request.url, dict(request.headers.items()), body))
        if not self.answers:
            raise AssertionError("no answer left for %s %s" % (request.method, request.url))
        status, headers, data = self.answers.pop(0)
        return botocore.awsrequest.AWSResponse(request.url, status, botocore.awsrequest.HeadersDict(headers), Raw(data))


def make_client(config):
    session = botocore.session.get_session()
    s3cfg = {}
    if config.get("addressing"):
        s3cfg["addressing_style"] = config["addressing"]
    cfg = botocore.config.Config(retries={"total_max_attempts": config.get("maxAttempts", 3), "mode": "standard"},
                                 s3=s3cfg)
    client = session.create_client("s3", region_name=config.get("region", "us-east-1"),
                                   aws_access_key_id="AKID", aws_secret_access_key="SECRET", config=cfg)
    script = Script()
    client.meta.events.register("before-send", script)
    # No backoff sleeps (goto3's test runs its retries on a fake clock).
    return client, script


def text(v):
    return v.decode() if isinstance(v, bytes) else v


def recorded(sent):
    method, url, headers, body = sent
    parts = urllib.parse.urlsplit(url)
    auth = text(headers.get("Authorization", ""))
    region = ""
    if "Credential=" in auth:
        region = auth.split("Credential=")[1].split("/")[2]
    attempt = text(headers.get("amz-sdk-request", "")).split(";")[0].replace("attempt=", "")
    out = {
        "method": method,
        "url": "%s://%s%s" % (parts.scheme, parts.netloc, parts.path),
        "query": [list(p) for p in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)],
        "headers": {k: text(v) for k, v in sorted(headers.items()) if k.lower() not in DROP},
        "signingRegion": region,
        "attempt": int(attempt) if attempt else 0,
    }
    try:
        out["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        out["bodyBase64"] = base64.b64encode(body).decode()
    return out


def canonical(v):
    if isinstance(v, dict):
        return {k: canonical(x) for k, x in v.items() if k not in ("ResponseMetadata",) and x is not None}
    if isinstance(v, list):
        return [canonical(x) for x in v]
    if isinstance(v, datetime.datetime):
        v = v.astimezone(datetime.timezone.utc)
        s = v.strftime("%Y-%m-%dT%H:%M:%S")
        if v.microsecond:
            s += ("." + "%06d" % v.microsecond).rstrip("0")
        return s + "Z"
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    if hasattr(v, "read"):
        return base64.b64encode(v.read()).decode()
    return v


def snake(name):
    out = ""
    for i, c in enumerate(name):
        if c.isupper() and i and (not name[i - 1].isupper() or (i + 1 < len(name) and name[i + 1].islower())):
            out += "_"
        out += c.lower()
    return out


def run_case(case):
    client, script = make_client(case.get("config", {}))
    calls = []
    for call in case["calls"]:
        script.answers = [(a["status"], a.get("headers", {}), a.get("body", "").encode()) for a in call.get("answers", [])]
        start = len(script.sent)
        goparams = dict(call["params"])
        if "Body" in goparams:
            # Blobs in canonical form: base64.
            goparams["Body"] = base64.b64encode(goparams["Body"].encode()).decode()
        rec = {"operation": call["operation"], "params": goparams, "answers": call.get("answers", [])}
        if call.get("paginate"):
            rec["paginate"] = True
        params = dict(call["params"])
        try:
            if call.get("paginate"):
                pages = client.get_paginator(snake(call["operation"])).paginate(**params)
                res = [canonical(p) for p in pages]
            else:
                res = canonical(getattr(client, snake(call["operation"]))(**params))
            rec["result"] = res
        except botocore.exceptions.ClientError as e:
            rec["error"] = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
        except (botocore.exceptions.ParamValidationError, botocore.exceptions.InvalidRegionError) as e:
            rec["error"] = {"class": type(e).__name__, "message": str(e)}
        rec["requests"] = [recorded(s) for s in script.sent[start:]]
        if script.answers:
            raise AssertionError("%s: %d answers left" % (case["id"], len(script.answers)))
        calls.append(rec)
    return {"id": case["id"], "config": case.get("config", {}), "calls": calls}


def ok(body="", headers=None, status=200):
    h = {"x-amz-request-id": "REQ"}
    h.update(headers or {})
    if body:
        h.setdefault("Content-Type", "application/xml")
    return {"status": status, "headers": h, "body": body}


def err(status, code, extra="", headers=None):
    h = {"Content-Type": "application/xml", "x-amz-request-id": "ERR"}
    h.update(headers or {})
    return {"status": status, "headers": h,
            "body": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>m</Message>%s"
                    "<RequestId>ERR</RequestId><HostId>H</HostId></Error>" % (code, extra)}


def bare(status, headers=None):
    """An error answer without a body, as to a HEAD request."""
    h = {"x-amz-request-id": "ERR"}
    h.update(headers or {})
    return {"status": status, "headers": h, "body": ""}


def call(op, params, *answers, paginate=False):
    c = {"operation": op, "params": params, "answers": list(answers)}
    if paginate:
        c["paginate"] = True
    return c


CASES = []


def case(id, *calls, **config):
    CASES.append({"id": id, "config": config, "calls": list(calls)})


# ---------------------------------------------------------------- S3-5

ENCODED_KEYS = ["a+b", "a%2Bb", "sp%20ace", "100%25", "bad%zz", "caf%C3%A9", "%E6%97%A5%E6%9C%AC",
                "ill%C3%28x", "trunc%F0%9F%98", "trail%2", "p/q%2Fr", "plain"]


def contents(keys):
    return "".join("<Contents><Key>%s</Key><LastModified>2015-01-25T08:00:00.000Z</LastModified>"
                   "<ETag>&quot;e&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>" % k
                   for k in keys)


def prefixes(ps):
    return "".join("<CommonPrefixes><Prefix>%s</Prefix></CommonPrefixes>" % p for p in ps)


def list_v1(keys, extra="", truncated=False, enc="url"):
    e = "<EncodingType>%s</EncodingType>" % enc if enc else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="%s"><Name>bkt</Name>'
            '<Prefix>pre%%2Bfix+x</Prefix><Marker>m%%2Bk+1</Marker><NextMarker>n%%20m+2</NextMarker>'
            '<MaxKeys>1000</MaxKeys><Delimiter>%%2F+</Delimiter><IsTruncated>%s</IsTruncated>%s%s%s%s</ListBucketResult>'
            % (NS, "true" if truncated else "false", e, extra, contents(keys), prefixes(["d%2Bir+/"])))


def list_v2(keys, enc="url"):
    e = "<EncodingType>%s</EncodingType>" % enc if enc else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="%s"><Name>bkt</Name>'
            '<Prefix>pre%%2Bfix+x</Prefix><Delimiter>%%2F+</Delimiter><MaxKeys>1000</MaxKeys>'
            '<ContinuationToken>tok%%2B+1</ContinuationToken><NextContinuationToken>tok%%2B+2</NextContinuationToken>'
            '<StartAfter>s%%2Ba+x</StartAfter><KeyCount>%d</KeyCount><IsTruncated>false</IsTruncated>%s%s%s</ListBucketResult>'
            % (NS, len(keys) + 1, e, contents(keys), prefixes(["d%2Bir+/"])))


def versions(keys):
    v = "".join("<Version><Key>%s</Key><VersionId>v%%2B+1</VersionId><IsLatest>true</IsLatest>"
                "<LastModified>2015-01-25T08:00:00.000Z</LastModified><ETag>&quot;e&quot;</ETag><Size>1</Size>"
                "<StorageClass>STANDARD</StorageClass></Version>" % k for k in keys)
    d = ("<DeleteMarker><Key>del%2B+m</Key><VersionId>d%2B1</VersionId><IsLatest>false</IsLatest>"
         "<LastModified>2015-01-25T08:00:00.000Z</LastModified></DeleteMarker>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="%s"><Name>bkt</Name>'
            '<Prefix>pre%%2Bfix+x</Prefix><KeyMarker>km%%2B+1</KeyMarker><VersionIdMarker>vm%%2B+1</VersionIdMarker>'
            '<NextKeyMarker>nkm%%2B+2</NextKeyMarker><NextVersionIdMarker>nvm%%2B+2</NextVersionIdMarker>'
            '<MaxKeys>1000</MaxKeys><Delimiter>%%2F+</Delimiter><IsTruncated>false</IsTruncated>'
            '<EncodingType>url</EncodingType>%s%s%s</ListVersionsResult>' % (NS, v, d, prefixes(["d%2Bir+/"])))


case("S3-5/ListObjects/decoded", call("ListObjects", {"Bucket": "bkt", "Prefix": "pre+fix x"}, ok(list_v1(ENCODED_KEYS))))
case("S3-5/ListObjects/caller-chose", call("ListObjects", {"Bucket": "bkt", "EncodingType": "url"}, ok(list_v1(ENCODED_KEYS))))
case("S3-5/ListObjects/answer-not-encoded", call("ListObjects", {"Bucket": "bkt"}, ok(list_v1(["a+b", "c%2Bd"], enc=""))))
case("S3-5/ListObjectsV2/decoded", call("ListObjectsV2", {"Bucket": "bkt", "StartAfter": "s+a x"}, ok(list_v2(ENCODED_KEYS))))
case("S3-5/ListObjectsV2/caller-chose", call("ListObjectsV2", {"Bucket": "bkt", "EncodingType": "url"}, ok(list_v2(ENCODED_KEYS))))
case("S3-5/ListObjectVersions/decoded", call("ListObjectVersions", {"Bucket": "bkt", "KeyMarker": "km+ 1"}, ok(versions(ENCODED_KEYS))))
case("S3-5/ListObjectVersions/caller-chose",
     call("ListObjectVersions", {"Bucket": "bkt", "EncodingType": "url"}, ok(versions(["a+b"]))))
# The paginators see the decoded keys: ListObjects without a delimiter
# continues from Contents[-1].Key, which goes back encoded as the marker.
case("S3-5/ListObjects/paginator",
     call("ListObjects", {"Bucket": "bkt"},
          ok('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="%s"><Name>bkt</Name><Prefix></Prefix>'
             '<Marker></Marker><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>%s'
             '</ListBucketResult>' % (NS, contents(["first", "a+b%2Bc%20d%25"]))),
          ok('<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="%s"><Name>bkt</Name><Prefix></Prefix>'
             '<Marker>a+b%%2Bc%%20d%%25</Marker><MaxKeys>2</MaxKeys><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>%s'
             '</ListBucketResult>' % (NS, contents(["z%2Bz"]))),
          paginate=True))
case("S3-5/ListObjectVersions/paginator",
     call("ListObjectVersions", {"Bucket": "bkt"},
          ok(versions(["a+b"]).replace("<IsTruncated>false", "<IsTruncated>true")),
          ok(versions(["c%2Bd"])),
          paginate=True))

# ---------------------------------------------------------------- S3-6

SOURCES = ["src/key", "src/a b/c+d", "src/日本/café.txt", "src/~user/_.-!*'()", "src/100%", "src/q?x#y&z=1",
           "src/k?versionId=v1", "src/a b?versionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
           "src/k?versionId=a?versionId=b", "src/k?versionId=with space", "src/k?versionId=", "src/k?versionid=v",
           "src/k?versionId=v\u3000w", "src/k?versionId=v\x1cw", "src/k%3FversionId%3Dv",
           "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap/object/k e y", "/src/leading"]
for i, s in enumerate(SOURCES):
    case("S3-6/CopyObject/%d" % i, call("CopyObject", {"Bucket": "dst", "Key": "k", "CopySource": s}, ok(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>&quot;e&quot;</ETag></CopyObjectResult>')))
for i, s in enumerate(["src/a b/c+d?versionId=v1", "src/日本"]):
    case("S3-6/UploadPartCopy/%d" % i, call("UploadPartCopy", {"Bucket": "dst", "Key": "k", "CopySource": s, "PartNumber": 1,
                                                              "UploadId": "u"}, ok(
        '<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult><ETag>&quot;e&quot;</ETag></CopyPartResult>')))

# ---------------------------------------------------------------- S3-7

KEY = "0123456789abcdef0123456789abcdef"
KEY_B64 = base64.b64encode(KEY.encode()).decode()
case("S3-7/PutObject/raw", call("PutObject", {"Bucket": "b", "Key": "k", "Body": "data", "SSECustomerAlgorithm": "AES256",
                                              "SSECustomerKey": KEY}, ok()))
case("S3-7/PutObject/md5-given", call("PutObject", {"Bucket": "b", "Key": "k", "Body": "data", "SSECustomerAlgorithm": "AES256",
                                                    "SSECustomerKey": KEY_B64, "SSECustomerKeyMD5": "given=="}, ok()))
case("S3-7/PutObject/utf8", call("PutObject", {"Bucket": "b", "Key": "k", "Body": "", "SSECustomerKey": "clé-日本"}, ok()))
case("S3-7/GetObject/raw", call("GetObject", {"Bucket": "b", "Key": "k", "SSECustomerAlgorithm": "AES256", "SSECustomerKey": KEY},
                                ok("body", {"Content-Type": "text/plain"})))
case("S3-7/HeadObject/raw", call("HeadObject", {"Bucket": "b", "Key": "k", "SSECustomerKey": KEY}, ok()))
case("S3-7/CreateMultipartUpload/raw", call("CreateMultipartUpload", {"Bucket": "b", "Key": "k", "SSECustomerKey": KEY}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>'
    '<UploadId>u</UploadId></InitiateMultipartUploadResult>')))
case("S3-7/UploadPart/raw", call("UploadPart", {"Bucket": "b", "Key": "k", "PartNumber": 1, "UploadId": "u", "Body": "part",
                                                "SSECustomerKey": KEY}, ok()))
case("S3-7/CompleteMultipartUpload/raw", call("CompleteMultipartUpload", {"Bucket": "b", "Key": "k", "UploadId": "u",
                                                                          "SSECustomerKey": KEY}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult><Key>k</Key></CompleteMultipartUploadResult>')))
case("S3-7/CopyObject/both", call("CopyObject", {"Bucket": "b", "Key": "k", "CopySource": "src/k", "SSECustomerKey": KEY,
                                                 "CopySourceSSECustomerKey": "another key of 32 bytes........"}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>&quot;e&quot;</ETag></CopyObjectResult>')))
case("S3-7/CopyObject/source-md5-given", call("CopyObject", {"Bucket": "b", "Key": "k", "CopySource": "src/k",
                                                             "CopySourceSSECustomerKey": KEY_B64,
                                                             "CopySourceSSECustomerKeyMD5": "given=="}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>&quot;e&quot;</ETag></CopyObjectResult>')))
case("S3-7/UploadPartCopy/both", call("UploadPartCopy", {"Bucket": "b", "Key": "k", "CopySource": "src/k", "PartNumber": 2,
                                                         "UploadId": "u", "SSECustomerKey": KEY, "CopySourceSSECustomerKey": KEY}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult><ETag>&quot;e&quot;</ETag></CopyPartResult>')))

# ---------------------------------------------------------------- S3-8

case("S3-8/PutObject/value", call("PutObject", {"Bucket": "b", "Key": "k", "Metadata": {"ok": "fine", "k": "café"}}))
case("S3-8/PutObject/key", call("PutObject", {"Bucket": "b", "Key": "k", "Metadata": {"clé": "v"}}))
case("S3-8/CopyObject/value", call("CopyObject", {"Bucket": "b", "Key": "k", "CopySource": "s/k", "Metadata": {"k": "日本"}}))
case("S3-8/CreateMultipartUpload/value", call("CreateMultipartUpload", {"Bucket": "b", "Key": "k", "Metadata": {"k": "\u00a0"}}))
case("S3-8/PutObject/ascii", call("PutObject", {"Bucket": "b", "Key": "k", "Metadata": {"k": "plain ~!@#$%^&*()_+{}|:<>?"}}, ok()))

# ---------------------------------------------------------------- S3-11

case("S3-11/DeleteObjects", call("DeleteObjects", {"Bucket": "b", "Delete": {"Objects": [
    {"Key": "a\nb"}, {"Key": "c\r\nd"}, {"Key": "e\rf", "VersionId": "v\n1"}, {"Key": "plain & <x>"}], "Quiet": True}}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult></DeleteResult>')))
case("S3-11/DeleteObjects/none", call("DeleteObjects", {"Bucket": "b", "Delete": {"Objects": [{"Key": "plain"}]}}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult></DeleteResult>')))
case("S3-11/PutBucketLifecycleConfiguration", call("PutBucketLifecycleConfiguration", {
    "Bucket": "b", "LifecycleConfiguration": {"Rules": [
        # In the model's member order, which goto3 writes (botocore follows
        # the caller's).
        {"Expiration": {"Days": 3}, "ID": "rule\r\n1", "Filter": {"Prefix": "logs/\nold"}, "Status": "Enabled"}]}}, ok()))

# ---------------------------------------------------------------- S3-13

case("S3-13/GetBucketLocation/virtual", call("GetBucketLocation", {"Bucket": "bkt"}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="%s">eu-west-1</LocationConstraint>' % NS)),
    addressing="virtual")
case("S3-13/GetBucketLocation/auto", call("GetBucketLocation", {"Bucket": "bkt"}, ok(
    '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="%s"/>' % NS)), region="eu-central-1")
case("S3-13/ARN/path", call("HeadObject", {"Bucket": "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap", "Key": "k"}, ok()),
     region="us-west-2", addressing="path")

# ---------------------------------------------------------------- S3-R

OBJ = '<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><ETag>&quot;e&quot;</ETag></CopyObjectResult>'
REDIRECT = "<Endpoint>bkt.s3.eu-west-1.amazonaws.com</Endpoint><Bucket>bkt</Bucket>"

case("S3-R/permanent-redirect",
     call("PutObject", {"Bucket": "bkt", "Key": "a b", "Body": "data"},
          err(301, "PermanentRedirect", REDIRECT, {"x-amz-bucket-region": "eu-west-1"}), ok()),
     call("GetObject", {"Bucket": "bkt", "Key": "k"}, ok("x", {"Content-Type": "text/plain"})),
     call("HeadObject", {"Bucket": "other", "Key": "k"}, ok()),
     region="us-west-2")
case("S3-R/retries-off",
     call("GetObject", {"Bucket": "bkt", "Key": "k"},
          err(301, "PermanentRedirect", REDIRECT, {"x-amz-bucket-region": "eu-west-1"}), ok("x", {"Content-Type": "text/plain"})),
     region="us-west-2", maxAttempts=1)
case("S3-R/authorization-header-malformed",
     call("ListObjectsV2", {"Bucket": "bkt"},
          err(400, "AuthorizationHeaderMalformed", "<Region>eu-central-1</Region>"), ok(list_v2(["k"]))),
     region="us-east-1")
case("S3-R/malformed-without-region",
     call("ListObjectsV2", {"Bucket": "bkt"}, err(400, "AuthorizationHeaderMalformed")),
     region="us-east-1")
case("S3-R/head-object-400",
     call("HeadObject", {"Bucket": "bkt", "Key": "k"}, bare(400, {"x-amz-bucket-region": "ap-south-1"}), ok()),
     region="us-east-1")
case("S3-R/head-object-400-head-bucket",
     call("HeadObject", {"Bucket": "bkt", "Key": "k"}, bare(400), ok(headers={"x-amz-bucket-region": "ap-southeast-2"}), ok()),
     region="us-east-1")
case("S3-R/head-bucket-301",
     call("HeadBucket", {"Bucket": "bkt"}, bare(301, {"x-amz-bucket-region": "sa-east-1"}),
          ok(headers={"x-amz-bucket-region": "sa-east-1"})),
     region="us-east-1")
case("S3-R/head-bucket-403",
     call("HeadBucket", {"Bucket": "bkt"}, bare(403, {"x-amz-bucket-region": "sa-east-1"})),
     region="us-east-1")
case("S3-R/illegal-location-constraint",
     call("CopyObject", {"Bucket": "bkt", "Key": "k", "CopySource": "src/k"},
          err(400, "IllegalLocationConstraintException"),
          bare(301, {"x-amz-bucket-region": "af-south-1"}), ok(headers={"x-amz-bucket-region": "af-south-1"}),
          ok(OBJ)),
     region="us-east-1")
case("S3-R/create-bucket-illegal-location",
     call("CreateBucket", {"Bucket": "bkt"}, err(400, "IllegalLocationConstraintException")),
     region="us-east-1")
case("S3-R/temporary-redirect",
     call("DeleteObject", {"Bucket": "bkt", "Key": "k"},
          err(307, "TemporaryRedirect", REDIRECT, {"x-amz-bucket-region": "eu-west-1"}), ok(status=204)),
     region="us-west-2")
case("S3-R/once",
     call("GetObject", {"Bucket": "bkt", "Key": "k"},
          err(301, "PermanentRedirect", REDIRECT, {"x-amz-bucket-region": "eu-west-1"}),
          err(301, "PermanentRedirect", REDIRECT, {"x-amz-bucket-region": "eu-north-1"})),
     region="us-west-2")
case("S3-R/then-retry",
     call("GetObject", {"Bucket": "bkt", "Key": "k"},
          err(301, "PermanentRedirect", REDIRECT, {"x-amz-bucket-region": "eu-west-1"}),
          err(503, "SlowDown"), ok("x", {"Content-Type": "text/plain"})),
     region="us-west-2")
case("S3-R/access-point",
     call("GetObject", {"Bucket": "arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap", "Key": "k"},
          err(301, "PermanentRedirect", "", {"x-amz-bucket-region": "eu-west-1"})),
     region="us-west-2")
case("S3-R/not-a-redirect",
     call("GetObject", {"Bucket": "bkt", "Key": "k"}, err(403, "AccessDenied", "", {"x-amz-bucket-region": "eu-west-1"})),
     region="us-west-2")
case("S3-R/invalid-region",
     call("GetObject", {"Bucket": "bkt", "Key": "k"}, err(301, "PermanentRedirect", "", {"x-amz-bucket-region": "-bad-"})),
     region="us-west-2")
case("S3-R/head-object-301",
     call("HeadObject", {"Bucket": "bkt", "Key": "k"}, bare(301, {"x-amz-bucket-region": "eu-west-1"}), ok()),
     region="eu-central-1")


# Values no header can carry (line breaks, other white space), through
# botocore's functions themselves: CopySource quoting and the URL-decoding
# of List* answers.
QUOTE = SOURCES + ["src/k?versionId=v\n", "src/k?versionId=v\n\n", "src/k?versionId=v\tw", "src/k?versionId=\n",
                   "src/k?versionId=v\x85", "src/k?versionId=v\u200bw", "a\nb/c?versionId=v", ""]
UNQUOTE = ENCODED_KEYS + ["", "+", "%", "%%", "%2", "%g0", "%C3", "%C3%", "%E0%80%80", "%ED%A0%80", "%F4%90%80%80",
                          "%F0%9F%98%80%F0%9F", "%E6%97%A5raw\u65e5", "%FF%FE", "%C0%AF", "%e6%97%a5", "a+%2B+b",
                          "%E2%82", "%E2%82x%E2", "%F1%80%80"]


def main():
    from botocore.compat import unquote_str
    from botocore.handlers import _quote_source_header
    out = {"botocore": botocore.__version__, "generator": "services/s3/testdata/customizations/gen.py",
           "cases": [run_case(c) for c in CASES]}
    quote = [[v, _quote_source_header(v)] for v in QUOTE]
    unquote = [[v, unquote_str(v)] for v in UNQUOTE]
    path = os.path.join(HERE, "vectors.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"botocore": %s, "generator": %s,\n' % (json.dumps(out["botocore"]), json.dumps(out["generator"])))
        f.write('"quoteCopySource": %s,\n' % json.dumps(quote, ensure_ascii=False))
        f.write('"unquote": %s,\n' % json.dumps(unquote, ensure_ascii=False))
        f.write('"cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False, sort_keys=True) for c in out["cases"]))
        f.write("\n]}\n")
    print("%d cases -> %s" % (len(out["cases"]), path), file=sys.stderr)


if __name__ == "__main__":
    main()
