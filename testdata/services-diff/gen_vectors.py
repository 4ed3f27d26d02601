#!/usr/bin/env python3
"""Differential vectors for goto3's generated service clients, from botocore.

For each service of SERVICES (or those named on the command line) this
loads the service's model from the installed botocore (merging its
sdk-extras, as botocore's loader does), makes a real botocore client for
it (region us-east-1, static credentials, one attempt, no configuration
file or environment) and calls operations through it with a send hook
that records the request botocore would send and answers with a response
rendered here. Each call is one case of testdata/services-diff/<svc>.json:

  - params: a random, deterministic input (canonical form below);
  - request: what botocore's client sends for it, exactly as its full
    handler chain makes it (validation, endpoint rule set, host prefix,
    serializer of the service's resolved protocol, checksums, the
    service's customizations): method, URL (scheme, host, raw path),
    query as decoded pairs, headers (signing, user-agent and retry
    bookkeeping headers left out), body;
  - response: a random, deterministic answer rendered as the service
    sends it (status, headers for header-bound members, body in the
    protocol's format), and either
  - result: what botocore's client returned (canonical form below), or
  - error: for an error answer, the code, message, request id (and host
    id), and the modelled error class botocore's client raised (its
    client.exceptions match a code across the whole service) with its
    modelled members.

The Go runner is internal/testing/difftest, called from each service's
services/<pkg>/diff_test.go. README.md next to this file says how to add
a service.

Canonical forms (params, result, error members), walked along the shapes:
  - structures: objects keyed by member name; None members and those
    botocore returns outside the model (S3's ExpiresString,
    ResponseMetadata) dropped;
  - timestamps: RFC 3339 strings in UTC, "2015-01-25T08:00:00Z", with the
    fraction's trailing zeros trimmed ("...:00.5Z");
  - blobs (streaming ones too): standard base64 of the bytes;
  - integers: JSON integers (exact, 64-bit); floats: JSON numbers, NaN
    and the infinities as the strings "NaN", "Infinity", "-Infinity";
    Decimal as a JSON number;
  - documents: the JSON value; a jsonvalue string: in params the compact
    JSON text (what goto3 takes), in results the parsed value (what
    botocore returns from a jsonvalue header).
Request and response bodies are strings when they are UTF-8, else
"bodyBase64".

Inputs (deliberate limits; each avoids something botocore does on purpose
that a Go client cannot or need not copy):
  - timestamps are whole seconds (botocore sends epoch seconds as
    integers only then); response timestamps may have milliseconds;
  - strings honour the "min" length botocore validates (and "max");
    numbers honour "min" and "max"; enums take a modelled value;
  - required strings are never "" (goto3 validates a required string
    member as missing when it is "", botocore only checks its "min");
  - header values are printable ASCII without leading or trailing
    spaces, list items in headers have no commas (botocore splits
    response header lists on every comma), header lists are not empty;
  - no string has a CR (botocore's XML serializer writes it raw, which
    an XML parser reads as LF; goto3 escapes it);
  - URI labels are not empty; host labels are valid DNS labels (botocore
    refuses others); endpoint context parameters take plain names or
    ARNs (CONTEXT_VALUES) so that the rule set picks an ordinary endpoint;
  - a request checksum algorithm member is CRC32, SHA1 or SHA256 (the
    others need awscrt, not installed); inputs botocore still refuses
    (validation, endpoint resolution) are drawn again, 6 times at most,
    and an operation with no accepted input is listed in the file's
    "operations.refused";
  - members bound to Content-Length, Content-MD5 and x-amz-checksum-*
    headers are never given: a random length or digest cannot be the
    body's (botocore sends a length as given, whatever the body; goto3
    the body's); the digests botocore computes are compared;
  - idempotency tokens are always given (botocore makes a random one);
  - floats are finite and exactly representable as float32;
  - an input document member is never null (botocore sends the null, a
    Go member cannot tell it from unset);
  - map keys are sorted; lists have at most 3 elements, structures nest
    at most 4 deep;
  - operations with event streams are left out (not a request/response
    exchange); so are the operations of SKIP_OPERATIONS, the members of
    AVOID and the botocore handlers of NOT_IMPLEMENTED below, each with
    its reason; GIVE, SHAPE_VALUES and REPEAT make sure the members a
    customization changes are in the cases.

botocore's clock is frozen at NOW (the file's "now"), so that a URL a
handler presigns into a request is the same at every run (difftest.Now
gives goto3's client the same clock).

Responses: status 200 (or the operation's modelled responseCode, or a
statusCode member's value); Content-Length is the body's length for a
streaming output; a non-streaming blob or string payload is never empty
(botocore returns b"", goto3 leaves the member unset as Smithy's
RestJsonHttpPayloadTraitsWithNoBlobBody asks); x-amz-checksum-* headers are left out of operations
that validate response checksums (a random value would fail botocore's
check, which is tested elsewhere). Errors: per protocol the forms
botocore parses (JSON "__type" with and without a namespace, "code",
X-Amzn-Errortype, x-amzn-query-error for awsQueryCompatible services;
Query <ErrorResponse>; EC2 <Response><Errors>; REST-XML <ErrorResponse>
and S3's bare <Error>, also as a 200 answer; no error document: empty
bodies of HEAD operations, an empty 503, an HTML 500, a plain-text 502
(not for Query and EC2, whose botocore parsers fail on it)), codes from the service's modelled errors (the failed
operation's and others') and generic ones. Query and EC2 answers carry
x-amzn-RequestId besides the body's id, as the services send it.

Size: every operation is called once, in a seeded order (the everyday
ones of PRIORITY_OPERATIONS first), then again (up
to MAX_ROUNDS calls each) while the file stays under (1 - ERROR_SHARE)
of BUDGET bytes (services with many operations, such as EC2, get a
deterministic sample; the file's "operations" says how many); then error
cases (a quarter of the calls, MIN_ERRORS to MAX_ERRORS) up to BUDGET.

Run from anywhere:
    python3 testdata/services-diff/gen_vectors.py [--out DIR] [--seed N] [--budget BYTES] [service ...]
It writes <service>.json next to itself (or into DIR), deterministically
for a given botocore version. --seed and --budget make other and more
cases (to hunt for bugs: copy the file over the committed one and run
the service's test; do not commit it).
"""

import base64
import calendar
import datetime
import decimal
import email.utils
import hashlib
import io
import json
import math
import os
import random
import re
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))

# A client must read nothing of this machine's configuration.
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
import botocore.handlers  # noqa: E402
import botocore.response  # noqa: E402
import botocore.session  # noqa: E402
import botocore.auth  # noqa: E402

# The services to generate vectors for: botocore's service names. Adding a
# service is adding it here (see README.md).
SERVICES = [
    "acm",
    "apigateway",
    "athena",
    "autoscaling",
    "bedrock",
    "bedrock-runtime",
    "cloudformation",
    "cloudfront",
    "cloudwatch",
    "cognito-idp",
    "dynamodb",
    "ec2",
    "ecr",
    "ecs",
    "eks",
    "elbv2",
    "events",
    "firehose",
    "glue",
    "iam",
    "kinesis",
    "kms",
    "lambda",
    "logs",
    "rds",
    "route53",
    "s3",
    "secretsmanager",
    "ses",
    "sesv2",
    "sns",
    "sqs",
    "ssm",
    "stepfunctions",
    "sts",
]

REGION = "us-east-1"
# botocore's clock (the signer's get_current_datetime) is frozen at NOW,
# written to each file as "now": what a handler presigns into a request
# (RDS's and EC2's SourceRegion customizations: a PresignedUrl signed for
# the source region) is then the same at every run, and compared byte
# for byte with goto3's, whose client a diff test gives the same clock
# (difftest.Now). Signing headers are left out of the comparison anyway.
NOW = datetime.datetime(2026, 1, 15, 12, 30, 45)
SEED = 0  # added to each service's seed (--seed)
BUDGET = 300_000  # bytes per service file, roughly
ERROR_SHARE = 0.2  # of the budget, for error cases
MAX_CASE = 6_000
MAX_ROUNDS = 4  # calls per operation at most, budget allowing
MIN_ERRORS, MAX_ERRORS = 24, 120  # error cases: a quarter of the calls, within these  # a case bigger than this is generated again, smaller

# Endpoint context parameters (a member's "contextParam") take these
# values, so that the rule set resolves the service's ordinary endpoint: a
# random string is not a valid bucket name, nor an ARN. By parameter name,
# per service ("*": any service); an ARN parameter not listed gets
# arn:aws:<signing name>:us-east-1:123456789012:res/name-1 or "name-1",
# others "*".
CONTEXT_VALUES = {
    "*": {
        "*": ["alpha", "name-1", "res2"],
    },
    "s3": {
        # (goto3 refuses CreateBucket for the reserved amzn-s3-demo- prefix.)
        "Bucket": ["example-bucket", "bucket-1", "my.bucket"],
    },
    "kinesis": {
        # Kinesis's rule set checks the ARN's resource type.
        "StreamARN": ["arn:aws:kinesis:us-east-1:123456789012:stream/name-1"],
        "ResourceARN": ["arn:aws:kinesis:us-east-1:123456789012:stream/name-1"],
        "ConsumerARN": ["arn:aws:kinesis:us-east-1:123456789012:stream/name-1/consumer/c-1:1700000000"],
    },
}

# Per service and operation, members given a fixed value or left out,
# with the reason.
AVOID = {
    "s3": {
        "*": {
            # botocore's sdk-extras overlay makes Expires a timestamp
            # (parsed leniently, the raw text in ExpiresString); goto3's
            # vendored S3 model predates the overlay and has it as a
            # string. Left out until goto3 decides.
            "Expires": None,
        },
    },
    "rds": {
        "*": {
            # Left out so that botocore presigns for SourceRegion (RDS-1,
            # at NOW) in every case of the five cross-region operations
            # (a PreSignedUrl given is sent as it is, nothing to compare).
            "PreSignedUrl": None,
        },
    },
}

# Per service and operation ("*": any), input members always given, so
# that a customization's member is in every case that can have it: from
# the list given, or drawn as any other (None). Each names its reason.
REGIONS = ["us-west-2", "eu-west-1", "ap-southeast-2"]
GIVE = {
    "ec2": {
        # EC2-2: botocore base64-encodes RunInstances' UserData.
        "RunInstances": {"UserData": None},
        # EC2-1: botocore presigns CopySnapshot for SourceRegion (at NOW)
        # unless PresignedUrl is given: a region, not a random word.
        "CopySnapshot": {"SourceRegion": REGIONS},
    },
    "autoscaling": {
        # ASG-1: botocore base64-encodes CreateLaunchConfiguration's
        # UserData.
        "CreateLaunchConfiguration": {"UserData": None},
    },
    "rds": {
        # RDS-1: botocore presigns the five cross-region operations for
        # SourceRegion (at NOW) unless PreSignedUrl is given.
        "*": {"SourceRegion": REGIONS},
    },
}

# Per service, values of strings by shape name (at any depth, input and
# output), with the reason.
SHAPE_VALUES = {
    "route53": {
        # fix_route53_ids (R53-1) keeps what follows the last "/" of these
        # members: ids as Route 53 returns them, and plain ones.
        "ResourceId": ["/hostedzone/Z1PA6795UKMFR9", "Z2FDTNDATAQYW2", "hostedzone/Z3M3LMPEXAMPLE"],
        "DelegationSetId": ["/delegationset/N1PA6795SAMPLE", "N2EXAMPLE"],
        "ChangeId": ["/change/C2682N5HXP0BZ4", "C3EXAMPLE"],
    },
}

# Operations called this many times in the first round (of a sample, a
# service's operations are called once): those a customization changes.
REPEAT = {
    "ec2": {"RunInstances": 3, "CopySnapshot": 3},
    "rds": {"CopyDBClusterSnapshot": 2, "CreateDBCluster": 2, "CopyDBSnapshot": 2,
            "CreateDBInstanceReadReplica": 2, "StartDBInstanceAutomatedBackupsReplication": 2},
}

# Operations called first, whatever the budget leaves of the rest: the
# everyday ones of services sampled for size.
PRIORITY_OPERATIONS = {
    # RDS-1's five cross-region operations.
    "rds": ["CopyDBClusterSnapshot", "CreateDBCluster", "CopyDBSnapshot", "CreateDBInstanceReadReplica",
            "StartDBInstanceAutomatedBackupsReplication"],
    "ec2": [
        "DescribeAddresses", "AllocateAddress", "AssociateAddress", "DisassociateAddress", "ReleaseAddress",
        "DescribeInstances", "RunInstances", "StartInstances", "StopInstances", "TerminateInstances",
        "DescribeInstanceStatus", "DescribeRegions", "DescribeAvailabilityZones", "DescribeImages",
        "CreateSecurityGroup", "DeleteSecurityGroup", "DescribeSecurityGroups",
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
        "CreateKeyPair", "DeleteKeyPair", "DescribeKeyPairs", "ImportKeyPair",
        "CreateVpc", "DeleteVpc", "DescribeVpcs", "CreateSubnet", "DeleteSubnet", "DescribeSubnets",
        "CreateTags", "DeleteTags", "DescribeTags", "CreateVolume", "AttachVolume", "DescribeVolumes",
        "CreateSnapshot", "CopySnapshot", "GetConsoleOutput",
    ],
}

# Operations left out, with the reason.
SKIP_OPERATIONS = {
    "s3": {
        # The deprecated configuration has both a member "Event" and a
        # flattened list "Events" of <Event> elements: the document is
        # ambiguous, and botocore returns raw XML elements for it.
        "GetBucketNotification": "ambiguous XML, botocore returns Element objects",
    },
}

# botocore handlers that goto3 does not implement (yet): removed from the
# client that makes the vectors, so that each vector checks what goto3
# claims. Each names the survey row of docs/botocore-customizations.md.
# When goto3 implements one, delete its line and run this script again.
NOT_IMPLEMENTED = {
    "ec2": [
        ("decode_console_output", "EC2-3 (surface): GetConsoleOutput Output base64-decoded"),
    ],
    "iam": [
        ("json_decode_policies", "IAM-1 (surface): policy documents URL-decoded and JSON-parsed; goto3 "
                                 "returns the text, iam.DecodePolicyDocument decodes it"),
    ],
    "cloudformation": [
        ("json_decode_template_body", "CFN-1 (surface): GetTemplate's JSON TemplateBody parsed; goto3 "
                                      "returns the text"),
    ],
}

# Headers botocore sets that the comparison leaves out: signing, user
# agent, retry bookkeeping, and Expect (a transport matter: goto3 asks
# for 100-continue only for bodies of 1 MiB or more).
DROP_HEADERS = {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
                "user-agent", "amz-sdk-invocation-id", "amz-sdk-request", "expect",
                "x-amz-user-agent"}

WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "s*t", "k:v", "e=mc2", "a&b", "50%", "it's",
         "\"q\"", "caf\u00e9", "\u65e5\u672c", "\U0001F600", "<tag>", "line\nbreak", "tab\there",
         "back\\slash", "semi;colon", "comma,sep", "#hash", "q?"]
HEADER_WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "k:v", "e=mc2", "a&b", "50%", "it's",
                "(paren)", "semi;colon", "AES256"]
LABEL_WORDS = ["alpha", "a b", "x+y", "p:q", "caf\u00e9", "%2F", "e=mc2", "t~u", "semi;colon", "q?x#y", "(1)"]
GREEDY_WORDS = ["key", "photos/2024/summer.jpg", "a b/c+d", "dir//double/", "~user/file", "caf\u00e9.txt",
                "100%real", "q?x#y", "semi;colon,comma", "\U0001F600.png", "trailing/"]
HOST_LABELS = ["label", "a-b", "x1"]
META_KEYS = ["color", "x", "long-key-name", "a1"]
INTS = [0, 1, 7, 22, 443, 65535, 2147483647, -1]
LONGS = [0, 5, 1099511627776, 9007199254740993, -42]
FLOATS = [0.5, 1.25, 10.5, -3.75, 100.0, 2.0, 0.0, 1234.5]
SECONDS = [0, 1422172800, 1700000000, 946845296, 4102444800, 86399]
MILLIS = [0, 0, 0, 500, 125, 1, 999]
BLOBS = [b"value", b"", b"hello world", b"a+b/c==", b"\x00\xff\x10binary", "\u00e9t\u00e9".encode()]
IDEMPOTENCY_TOKEN = "00000000-0000-4000-8000-00000000000%d"


# ---------------------------------------------------------------- values

class Gen:
    """Random values along shapes. direction is "input" or "output"."""

    def __init__(self, r, protocol, direction, p_member, max_depth=4, max_items=3):
        self.r = r
        self.protocol = protocol
        self.direction = direction
        self.p = p_member
        self.max_depth = max_depth
        self.max_items = max_items
        self.greedy = set()  # the labels of {Label+} in the request URI
        self.signing_name = ""
        self.service = ""

    def structure(self, shape, depth, top_avoid=None):
        out = {}
        members = shape.members
        if shape.is_tagged_union:
            names = [n for n, m in members.items() if not self.skip_member(m)]
            if names:
                n = self.r.choice(names)
                out[n] = self.member(n, members[n], depth)
            return out
        required = set(shape.required_members)
        for name, m in members.items():
            if top_avoid is not None and name in top_avoid:
                if top_avoid[name] is not None:
                    out[name] = top_avoid[name]
                continue
            if self.skip_member(m):
                continue
            ser = m.serialization
            if m.metadata.get("idempotencyToken"):
                out[name] = IDEMPOTENCY_TOKEN % self.r.randrange(10)
                continue
            must = name in required or ser.get("location") == "uri" or ser.get("hostLabel") or \
                (self.direction == "output" and shape.serialization.get("payload") == name)
            if not must:
                if depth > self.max_depth or self.r.random() >= self.p:
                    continue
                if m.type_name in ("structure", "list", "map") and depth >= self.max_depth:
                    continue
            out[name] = self.member(name, m, depth)
            loc = ser.get("location")
            if not must and loc in (None, "querystring") and m.type_name == "string" and not m.enum \
                    and not m.metadata.get("min") and self.r.random() < 0.06:
                out[name] = ""
            if self.direction == "output" and not must and not loc and \
                    self.protocol in ("json", "rest-json") and self.r.random() < 0.04:
                out[name] = JSONNull()
        pl = shape.serialization.get("payload")
        if self.direction == "output" and pl in out and members[pl].type_name in ("blob", "string") \
                and not members[pl].serialization.get("streaming") and len(out[pl]) == 0:
            # An empty blob or string payload: botocore returns b"" or "",
            # goto3 leaves the member unset, as Smithy's
            # RestJsonHttpPayloadTraitsWithNoBlobBody asks.
            out[pl] = b"payload" if members[pl].type_name == "blob" else "payload"
        if self.direction == "output" and self.r.random() < 0.1:
            out[FUTURE] = True
        return out

    def skip_member(self, m):
        ser = m.serialization
        if ser.get("eventstream") or getattr(m, "is_event_stream", False):
            return True
        if ser.get("location") == "statusCode" and self.direction == "input":
            return True
        if self.direction == "input" and ser.get("location") == "header":
            hn = ser.get("name", "").lower()
            if hn in ("content-length", "content-md5") or hn.startswith("x-amz-checksum-"):
                # The body's length and digests: a random value cannot
                # be right (and botocore sends a length as given,
                # whatever the body; goto3 the body's).
                return True
        if self.direction == "output" and ser.get("location") == "header" and m.type_name == "list" \
                and m.member.type_name == "timestamp":
            # botocore splits a header list on every comma, HTTP dates
            # included.
            return True
        return False

    def member(self, name, m, depth):
        ser = m.serialization
        loc = ser.get("location")
        if loc == "statusCode":
            return self.r.choice([200, 202])
        if ser.get("hostLabel"):
            return self.r.choice(HOST_LABELS)
        if loc == "uri" and ser.get("name", name) in self.greedy:
            loc = "uri-greedy"
        return self.value(m, depth, loc, name, member=True)

    def value(self, shape, depth, loc=None, name=None, member=False):
        t = shape.type_name
        if t == "structure":
            if getattr(shape, "is_document_type", False) or shape.metadata.get("document"):
                # An input member's null document: botocore sends null, a
                # Go member cannot tell it from unset (a nil any; a null
                # list element or map value is kept).
                return self.document(depth, null=not (member and self.direction == "input"))
            return self.structure(shape, depth + 1)
        if t == "list":
            n = self.r.randrange(self.max_items + 1) if depth < self.max_depth else 0
            if loc == "header":
                n = max(n, 1)
            n = self.fit(n, shape, 0, self.max_items + 2)
            return [self.value(shape.member, depth + 1, "header-item" if loc == "header" else loc) for _ in range(n)]
        if t == "map":
            n = self.r.randrange(self.max_items + 1) if depth < self.max_depth else 0
            n = self.fit(n, shape, 0, self.max_items + 2)
            keys = set()
            for _ in range(n * 3):
                if len(keys) >= n:
                    break
                if loc == "headers":
                    keys.add(self.r.choice(META_KEYS))
                elif loc == "querystring":
                    keys.add(self.r.choice(["mk-a", "mk b", "mk+c", "mk-d"]))
                else:
                    keys.add(self.string(shape.key, None, None, key=True))
            vloc = "header" if loc == "headers" else loc
            return {k: self.value(shape.value, depth + 1, vloc) for k in sorted(keys)}
        if t in ("string", "character"):
            if shape.serialization.get("jsonvalue") or getattr(shape, "metadata", {}).get("jsonvalue"):
                return JSONValue({"k": self.r.choice(["v", 1, True, None]), "list": [1, "two"]})
            return self.string(shape, loc, name)
        if t == "boolean":
            return self.r.choice([True, False])
        if t in ("integer", "short", "byte"):
            return self.number(shape, INTS)
        if t == "long":
            return self.number(shape, LONGS)
        if t in ("float", "double"):
            return self.number(shape, FLOATS)
        if t == "timestamp":
            sec = self.r.choice(SECONDS)
            ms = 0
            fmt = shape.serialization.get("timestampFormat")
            if self.direction == "output" and loc != "header" and fmt != "rfc822":
                ms = self.r.choice(MILLIS)
            return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc) + datetime.timedelta(milliseconds=ms)
        if t == "blob":
            b = self.r.choice(BLOBS)
            if loc in ("header", "header-item"):
                b = b"header"
            return b
        raise ValueError("shape type %s" % t)

    def fit(self, n, shape, lo, hi):
        mn = shape.metadata.get("min")
        mx = shape.metadata.get("max")
        if mn is not None and n < mn:
            n = mn
        if mx is not None and n > mx:
            n = mx
        return n

    def number(self, shape, choices):
        mn = shape.metadata.get("min")
        mx = shape.metadata.get("max")
        ok = [c for c in choices if (mn is None or c >= mn) and (mx is None or c <= mx)]
        if not ok:
            ok = [mn if mn is not None else mx]
        v = self.r.choice(ok)
        if shape.type_name in ("float", "double"):
            v = float(v)
        return v

    def string(self, shape, loc, name, key=False):
        if shape.enum:
            if self.r.random() < 0.05 and not key:
                return FUTURE_ENUM
            return self.r.choice(shape.enum)
        ctx = shape.serialization.get("contextParam") if hasattr(shape, "serialization") else None
        if ctx is None and hasattr(shape, "metadata"):
            ctx = shape.metadata.get("contextParam")
        if ctx:
            pname = ctx.get("name", "")
            words = CONTEXT_VALUES.get(self.service, {}).get(pname) or CONTEXT_VALUES["*"].get(pname)
            if words is None and "arn" in pname.lower():
                # An ARN (DynamoDB's rule set then picks the account's
                # endpoint) or a plain name (a rule set that refuses
                # one makes the generator draw again).
                words = ["arn:aws:%s:us-east-1:123456789012:res/name-1" % self.signing_name, "name-1"]
            if words is None:
                words = CONTEXT_VALUES["*"]["*"]
        elif getattr(shape, "name", None) in SHAPE_VALUES.get(self.service, {}):
            words = SHAPE_VALUES[self.service][shape.name]
        elif loc in ("header", "header-item"):
            words = HEADER_WORDS
            if loc == "header-item":
                words = [w for w in words if "," not in w]
        elif loc == "uri":
            words = LABEL_WORDS
        elif loc == "uri-greedy":
            words = GREEDY_WORDS
        else:
            words = WORDS
        s = self.r.choice(words)
        mn = shape.metadata.get("min", 0)
        mx = shape.metadata.get("max")
        if len(s) < max(mn, 1 if key else 0):
            s = s + "x" * (max(mn, 1) - len(s))
        if mx is not None and len(s) > mx:
            s = s[:mx] if mx >= 1 else s
        return s

    def document(self, depth, null=True):
        kinds = ["str", "int", "float", "bool", "null", "list", "map"] if depth < 3 else ["str", "int", "bool"]
        if not null and "null" in kinds:
            kinds.remove("null")
        k = self.r.choice(kinds)
        if k == "str":
            return self.r.choice(WORDS)
        if k == "int":
            return self.r.choice([0, 1, -7, 123456789012])
        if k == "float":
            return self.r.choice([1.5, -0.25, 1e-07])
        if k == "bool":
            return self.r.choice([True, False])
        if k == "null":
            return None
        if k == "list":
            return [self.document(depth + 1) for _ in range(self.r.randrange(3))]
        return {self.r.choice(["a", "b", "c d"]): self.document(depth + 1) for _ in range(self.r.randrange(3))}


# Output oddities real services send and clients must take: a member this
# botocore's model does not know yet (FUTURE, as an extra JSON key or XML
# element in a structure), an enum value it does not know, and (JSON) an
# explicit null for a member.
FUTURE = "ZzFutureMember"
FUTURE_ENUM = "FUTURE_VALUE"


class JSONNull:
    """An explicit JSON null for a member."""


class JSONValue:
    """A jsonvalue string member's value: botocore takes the value, goto3
    its compact JSON text."""

    def __init__(self, v):
        self.v = v


def greedy_labels(op):
    uri = op.http.get("requestUri", "")
    return {m[1:-2] for m in re.findall(r"\{[^}]+\+\}", uri)}


def to_botocore(v):
    """A generated value -> what botocore's client takes."""
    if isinstance(v, JSONValue):
        return v.v
    if isinstance(v, dict):
        return {k: to_botocore(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_botocore(x) for x in v]
    return v


# ---------------------------------------------------------------- canonical

def ts(v):
    if not isinstance(v, datetime.datetime):
        return v
    v = v.astimezone(datetime.timezone.utc)
    s = v.strftime("%Y-%m-%dT%H:%M:%S")
    if v.microsecond:
        s += ("." + "%06d" % v.microsecond).rstrip("0")
    return s + "Z"


def num(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, decimal.Decimal):
        v = int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
    return v


def plain(v):
    """A document's value, JSON-able."""
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (float, decimal.Decimal)):
        return num(v)
    return v


def canonical(shape, v, params=False):
    if v is None:
        return None
    t = shape.type_name
    if isinstance(v, JSONValue):
        return json.dumps(v.v, separators=(",", ":")) if params else plain(v.v)
    if t == "structure":
        if getattr(shape, "is_document_type", False) or shape.metadata.get("document"):
            return plain(v)
        return {k: canonical(shape.members[k], x, params) for k, x in v.items()
                if k in shape.members and x is not None}
    if t == "list":
        return [canonical(shape.member, x, params) for x in v]
    if t == "map":
        return {k: canonical(shape.value, x, params) for k, x in v.items()}
    if t == "timestamp":
        return ts(v)
    if t == "blob":
        if hasattr(v, "read"):
            v = v.read()
        if isinstance(v, str):
            v = v.encode()
        return base64.b64encode(v).decode()
    if t in ("string", "character"):
        if not isinstance(v, str):
            return plain(v)  # a parsed jsonvalue header
        return v
    return num(v)


# ---------------------------------------------------------------- rendering

def fmt_ts(v, fmt):
    sec = calendar.timegm(v.utctimetuple())
    ms = v.microsecond // 1000
    if fmt == "rfc822":
        return email.utils.formatdate(sec, usegmt=True)
    if fmt == "unixTimestamp":
        return sec + ms / 1000 if ms else sec
    s = v.strftime("%Y-%m-%dT%H:%M:%S")
    if ms:
        s += ".%03d" % ms
    return s + "Z"


def ts_format(shape, protocol, where):
    f = shape.serialization.get("timestampFormat")
    if f:
        return f
    if where == "header":
        return "rfc822"
    if protocol in ("json", "rest-json"):
        return "unixTimestamp"
    return "iso8601"


def json_value(shape, v, protocol):
    t = shape.type_name
    if isinstance(v, JSONNull):
        return None
    if isinstance(v, JSONValue):
        return json.dumps(v.v, separators=(",", ":"))
    if t == "structure":
        if getattr(shape, "is_document_type", False) or shape.metadata.get("document"):
            return v
        out = {}
        for k, m in shape.members.items():
            if k in v and not m.serialization.get("location"):
                out[m.serialization.get("name", k)] = json_value(m, v[k], protocol)
        if FUTURE in v:
            out[FUTURE] = {"a": [1, "x"], "b": None}
        return out
    if t == "list":
        return [json_value(shape.member, x, protocol) for x in v]
    if t == "map":
        return {k: json_value(shape.value, x, protocol) for k, x in v.items()}
    if t == "timestamp":
        return fmt_ts(v, ts_format(shape, protocol, "body"))
    if t == "blob":
        return base64.b64encode(v).decode()
    return v


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
            .replace("\r", "&#13;"))


def xml_scalar(shape, v, protocol):
    t = shape.type_name
    if isinstance(v, JSONValue):
        return xml_escape(json.dumps(v.v, separators=(",", ":")))
    if t == "boolean":
        return "true" if v else "false"
    if t == "timestamp":
        return str(fmt_ts(v, ts_format(shape, protocol, "body")))
    if t == "blob":
        return base64.b64encode(v).decode()
    if t in ("float", "double"):
        return repr(v)
    return xml_escape(str(v))


def xml_element(shape, v, name, protocol, attrs=""):
    t = shape.type_name
    if t == "structure":
        inner = ""
        for k, m in shape.members.items():
            if k not in v or m.serialization.get("location"):
                continue
            if m.serialization.get("xmlAttribute"):
                attrs += ' %s="%s"' % (m.serialization["name"], xml_escape(str(v[k])))
                continue
            inner += xml_member(m, v[k], k, protocol)
        if FUTURE in v:
            inner += "<%s><a>1</a><b/></%s>" % (FUTURE, FUTURE)
        ns = shape.serialization.get("xmlNamespace")
        if isinstance(ns, dict) and ns.get("prefix"):
            attrs += ' xmlns:%s="%s"' % (ns["prefix"], ns["uri"])
        return "<%s%s>%s</%s>" % (name, attrs, inner, name)
    if t == "list":
        if shape.serialization.get("flattened"):
            return "".join(xml_element(shape.member, x, name, protocol) for x in v)
        item = shape.member.serialization.get("name", "item" if protocol == "ec2" else "member")
        return "<%s%s>%s</%s>" % (name, attrs, "".join(xml_element(shape.member, x, item, protocol) for x in v), name)
    if t == "map":
        kn = shape.key.serialization.get("name", "key")
        vn = shape.value.serialization.get("name", "value")
        entries = ["%s%s" % (xml_element(shape.key, k, kn, protocol), xml_element(shape.value, x, vn, protocol))
                   for k, x in v.items()]
        if shape.serialization.get("flattened"):
            return "".join("<%s>%s</%s>" % (name, e, name) for e in entries)
        return "<%s%s>%s</%s>" % (name, attrs, "".join("<entry>%s</entry>" % e for e in entries), name)
    return "<%s%s>%s</%s>" % (name, attrs, xml_scalar(shape, v, protocol), name)


def xml_member(m, v, key, protocol):
    if m.type_name == "list" and m.serialization.get("flattened"):
        name = m.member.serialization.get("name") or m.serialization.get("name", key)
        return "".join(xml_element(m.member, x, name, protocol) for x in v)
    if m.type_name == "map" and m.serialization.get("flattened"):
        name = m.serialization.get("name", key)
        return xml_element(m, v, name, protocol)
    return xml_element(m, v, m.serialization.get("name", key), protocol)


def header_value(m, v, protocol):
    t = m.type_name
    if isinstance(v, JSONValue):
        return base64.b64encode(json.dumps(v.v, separators=(",", ":")).encode()).decode()
    if t == "timestamp":
        return str(fmt_ts(v, ts_format(m, protocol, "header")))
    if t == "list":
        return ",".join(header_value(m.member, x, protocol) for x in v)
    if t == "boolean":
        return "true" if v else "false"
    if t == "blob":
        return base64.b64encode(v).decode()
    return str(v)


def request_id(i):
    return "REQ-%04d-ID" % i


def render_response(model, op, value, i):
    """The answer a service sends for output value: status, headers, body bytes."""
    protocol = model.resolved_protocol
    shape = op.output_shape
    status = op.http.get("responseCode", 200)
    headers = {}
    body = b""
    rid = request_id(i)
    if protocol in ("json", "rest-json", "query", "ec2"):
        # Query and EC2 services send it too, besides the body's (which
        # is what botocore reads; goto3 reads the header).
        headers["x-amzn-RequestId"] = rid
    elif protocol == "rest-xml":
        headers["x-amz-request-id"] = rid
        headers["x-amz-id-2"] = "HOST-%04d" % i
    if shape is None:
        if protocol == "json":
            body = b"{}"
        elif protocol == "query":
            body = ('<%sResponse xmlns="%s"><ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>'
                    % (op.name, model.metadata.get("xmlNamespace", ""), rid, op.name)).encode()
        elif protocol == "ec2":
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<%sResponse xmlns="%s"><requestId>%s</requestId></%sResponse>'
                    % (op.name, model.metadata.get("xmlNamespace", ""), rid, op.name)).encode()
        return status, headers, body
    validates = bool((op.http_checksum or {}).get("responseAlgorithms"))
    for k, m in shape.members.items():
        if k not in value:
            continue
        loc = m.serialization.get("location")
        if loc == "header":
            hn = m.serialization.get("name", k)
            if validates and hn.lower().startswith("x-amz-checksum-"):
                continue
            headers[hn] = header_value(m, value[k], protocol)
        elif loc == "headers":
            for mk, mv in value[k].items():
                headers[m.serialization.get("name", "") + mk] = header_value(m.value, mv, protocol)
        elif loc == "statusCode":
            status = value[k]
    payload = shape.serialization.get("payload")
    if protocol in ("json", "rest-json"):
        if payload is not None:
            m = shape.members[payload]
            if payload in value:
                if m.type_name == "blob":
                    body = value[payload]
                elif m.type_name == "string":
                    body = value[payload].encode()
                else:
                    body = json.dumps(json_value(m, value[payload], protocol)).encode()
        else:
            body = json.dumps(json_value(shape, value, protocol)).encode()
        if protocol == "json":
            headers["Content-Type"] = "application/x-amz-json-%s" % model.metadata.get("jsonVersion", "1.0")
        elif "Content-Type" not in headers and payload is None:
            headers["Content-Type"] = "application/json"
    elif protocol == "query":
        ns = model.metadata.get("xmlNamespace", "")
        wrapper = shape.serialization.get("resultWrapper")
        inner = xml_element(shape, value, wrapper or op.name + "Result", protocol)
        if not wrapper:
            inner = inner[len("<%sResult>" % op.name):-len("</%sResult>" % op.name)]
        body = ('<%sResponse xmlns="%s">%s<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>'
                % (op.name, ns, inner, rid, op.name)).encode()
        headers["Content-Type"] = "text/xml"
    elif protocol == "ec2":
        ns = model.metadata.get("xmlNamespace", "")
        inner = "".join(xml_member(m, value[k], k, protocol) for k, m in shape.members.items()
                        if k in value and not m.serialization.get("location"))
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<%sResponse xmlns="%s"><requestId>%s</requestId>%s</%sResponse>'
                % (op.name, ns, rid, inner, op.name)).encode()
        headers["Content-Type"] = "text/xml;charset=UTF-8"
    elif protocol == "rest-xml":
        ns = model.metadata.get("xmlNamespace") or ""
        if isinstance(ns, dict):
            ns = ns.get("uri", "")
        xmlns = ' xmlns="%s"' % ns if ns else ""
        if payload is not None:
            m = shape.members[payload]
            if payload in value:
                if m.type_name == "blob":
                    body = value[payload]
                elif m.type_name == "string":
                    body = value[payload].encode()
                else:
                    name = m.serialization.get("name", payload)
                    body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml_element(m, value[payload], name, protocol, xmlns)).encode()
        else:
            root = shape.serialization.get("name", op.name + "Result")
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml_element(shape, value, root, protocol, xmlns)).encode()
        if body and "Content-Type" not in headers and (payload is None or shape.members[payload].type_name == "structure"):
            headers["Content-Type"] = "application/xml"
    if op.has_streaming_output:
        for h in list(headers):
            if h.lower() == "content-length":
                del headers[h]
        headers["Content-Length"] = str(len(body))
    return status, headers, body


def s3_200_error_eligible(op):
    """Whether botocore's _handle_200_error looks at op's 200 answers."""
    out = op.output_shape
    if out is None or op.has_event_stream_output or op.http.get("method") == "HEAD":
        # (A HEAD answer has no body.)
        return False
    payload = out.serialization.get("payload")
    return payload is None or out.members[payload].type_name not in ("blob", "string")


GENERIC_CODES = {
    "json": ["ThrottlingException", "InternalFailure", "AccessDeniedException", "ValidationException"],
    "rest-json": ["ThrottlingException", "InternalFailure", "AccessDeniedException", "ValidationException"],
    "query": ["Throttling", "InternalFailure", "AccessDenied", "InvalidParameterValue"],
    "ec2": ["RequestLimitExceeded", "InternalError", "UnauthorizedOperation", "InvalidParameterValue",
            "InvalidInstanceID.NotFound", "DryRunOperation"],
    "rest-xml": ["AccessDenied", "SlowDown", "InternalError", "InvalidArgument"],
}
MESSAGES = ["Rate exceeded", "The specified key does not exist.", "a&b <c>", "caf\u00e9", ""]


def render_error(model, op, r, i, codes):
    """An error answer for op: status, headers, body bytes."""
    protocol = model.resolved_protocol
    pick = r.random()
    eshape = None
    if op.error_shapes and pick < 0.55:
        eshape = r.choice(op.error_shapes)
    elif codes and pick < 0.75:
        eshape = r.choice(codes)
    if eshape is not None:
        code = eshape.error_code or eshape.name
        status = eshape.metadata.get("error", {}).get("httpStatusCode") or r.choice([400, 404, 409])
    else:
        code = r.choice(GENERIC_CODES[protocol])
        status = r.choice([400, 403, 500, 503])
    msg = r.choice(MESSAGES)
    rid = "ERR-%04d-ID" % i
    headers = {}
    members = {}
    if eshape is not None:
        g = Gen(r, protocol, "output", 0.6, max_depth=2, max_items=2)
        members = g.structure(eshape, 1)
        for k in list(members):
            if k.lower() == "message":
                members[k] = msg
    if protocol in ("json", "rest-json"):
        headers["x-amzn-RequestId"] = rid
        body = {}
        if eshape is not None:
            for k, m in eshape.members.items():
                if k not in members:
                    continue
                loc = m.serialization.get("location")
                if loc == "header":
                    headers[m.serialization.get("name", k)] = header_value(m, members[k], protocol)
                elif not loc:
                    body[m.serialization.get("name", k)] = json_value(m, members[k], protocol)
        form = r.choice(["__type", "__type-ns", "__type-ns-uri", "header", "code"] if protocol == "rest-json"
                        else ["__type", "__type-ns", "__type-ns-uri"])
        name = eshape.name if eshape is not None else code
        if protocol == "json" and model.metadata.get("awsQueryCompatible") is not None:
            # The type is the shape's name; the Query code comes in the
            # x-amzn-query-error header, which these services always send
            # for a modelled error. (Without it botocore matches no
            # modelled error whose code is not its shape's name; goto3's
            # protocol.Operation.ErrorShape falls back to shape names.)
            if eshape is not None:
                headers["x-amzn-query-error"] = "%s;%s" % (code, r.choice(["Sender", "Receiver"]))
        else:
            name = code
        prefix = "com.amazonaws.%s.v%s" % (model.endpoint_prefix, model.api_version.replace("-", ""))
        if form == "__type":
            body["__type"] = name
        elif form == "__type-ns":
            body["__type"] = "%s#%s" % (prefix, name)
        elif form == "__type-ns-uri":
            body["__type"] = "%s#%s:http://internal.amazon.com/coral/%s/" % (prefix, name, prefix)
        elif form == "header":
            headers["X-Amzn-Errortype"] = name + ":http://internal.amazon.com/coral/com.amazon.coral.validate/"
        else:
            body["code"] = name
        if "message" not in {k.lower() for k in body} and r.random() < 0.85:
            body[r.choice(["message", "Message"])] = msg
        text = json.dumps(body).encode()
        headers["Content-Type"] = "application/x-amz-json-1.1" if protocol == "json" else "application/json"
        return status, headers, text
    inner = ""
    if eshape is not None:
        for k, m in eshape.members.items():
            if k not in members or k.lower() in ("message", "code"):
                continue
            loc = m.serialization.get("location")
            if loc == "header":
                headers[m.serialization.get("name", k)] = header_value(m, members[k], protocol)
            elif not loc:
                inner += xml_member(m, members[k], k, protocol)
    msg_el = "<Message>%s</Message>" % xml_escape(msg) if msg or r.random() < 0.5 else ""
    if protocol == "ec2":
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>%s</Code>%s%s</Error></Errors>'
                '<RequestID>%s</RequestID></Response>' % (code, msg_el, inner, rid))
    elif protocol == "query":
        body = ('<ErrorResponse xmlns="%s">\n  <Error>\n    <Type>%s</Type>\n    <Code>%s</Code>\n    %s%s\n  </Error>\n'
                '  <RequestId>%s</RequestId>\n</ErrorResponse>\n' % (model.metadata.get("xmlNamespace", ""),
                                                                    r.choice(["Sender", "Receiver"]), code, msg_el, inner, rid))
    else:
        if model.metadata.get("signingName", model.endpoint_prefix) == "s3":
            # S3's bare <Error>, with the ids in the headers (or not).
            if r.random() < 0.6:
                headers["x-amz-request-id"] = rid
                headers["x-amz-id-2"] = "HOST-E%04d" % i
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code>%s%s<RequestId>%s</RequestId>'
                    '<HostId>HOST-B%04d</HostId></Error>' % (code, msg_el, inner, rid, i))
            if s3_200_error_eligible(op) and r.random() < 0.2:
                # S3 answers some failures with 200 and the <Error>
                # document (botocore's _handle_200_error makes it a 500).
                status = 200
        else:
            headers["x-amzn-RequestId"] = rid
            body = ('<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code>%s%s</Error>'
                    '<RequestId>%s</RequestId></ErrorResponse>' % (model.metadata.get("xmlNamespace", ""), code, msg_el, inner, rid))
    headers["Content-Type"] = "text/xml"
    return status, headers, body.encode()


# ---------------------------------------------------------------- the client

class RawBody:
    """The raw stream of a response, as urllib3's is read by botocore."""

    def __init__(self, data):
        self._b = io.BytesIO(data)

    def stream(self, **kwargs):
        while True:
            chunk = self._b.read(4096)
            if not chunk:
                return
            yield chunk

    def read(self, amt=None):
        return self._b.read() if amt is None else self._b.read(amt)

    def close(self):
        pass


class Exchange:
    """The before-send hook: records each request and answers with the
    response set for the call."""

    def __init__(self):
        self.sent = []
        self.answer = None

    def __call__(self, request, **kwargs):
        body = request.body
        if body is None:
            body = b""
        elif hasattr(body, "read"):
            body = body.read()
        if isinstance(body, str):
            body = body.encode()
        self.sent.append((request.method, request.url, dict(request.headers.items()), body))
        status, headers, data = self.answer
        h = botocore.awsrequest.HeadersDict(headers)
        return botocore.awsrequest.AWSResponse(request.url, status, h, RawBody(data))


def make_client(svc):
    session = botocore.session.get_session()
    cfg = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})
    client = session.create_client(svc, region_name=REGION, aws_access_key_id="AKID",
                                   aws_secret_access_key="SECRET", config=cfg)
    off = {name for name, _ in NOT_IMPLEMENTED.get(svc, [])}
    if off:
        for entry in botocore.handlers.BUILTIN_HANDLERS:
            event, handler = entry[0], entry[1]
            if getattr(handler, "__name__", None) in off:
                client.meta.events.unregister(event, handler)
    ex = Exchange()
    client.meta.events.register("before-send", ex)
    return client, ex


def body_field(b):
    try:
        return {"body": b.decode("utf-8")}
    except UnicodeDecodeError:
        return {"bodyBase64": base64.b64encode(b).decode()}


def recorded_request(sent):
    method, url, headers, body = sent
    parts = urllib.parse.urlsplit(url)
    out = {
        "method": method,
        "url": "%s://%s%s" % (parts.scheme, parts.netloc, parts.path),
        "query": [list(p) for p in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)],
        "headers": {k: (v.decode() if isinstance(v, bytes) else v) for k, v in sorted(headers.items())
                    if k.lower() not in DROP_HEADERS},
    }
    out.update(body_field(body))
    return out


def call(client, ex, op, params):
    """Calls op; returns (request, parsed result or None, exception or None)."""
    ex.sent = []
    method = getattr(client, botocore.xform_name(op.name))
    try:
        parsed = method(**to_botocore(params))
        err = None
    except botocore.exceptions.ClientError as e:
        parsed, err = None, e
    if len(ex.sent) != 1:
        raise RuntimeError("%d requests sent" % len(ex.sent))
    if parsed is not None:
        for k, v in list(parsed.items()):
            if isinstance(v, botocore.response.StreamingBody):
                parsed[k] = v.read()
    return recorded_request(ex.sent[0]), parsed, err


def response_field(status, headers, body):
    out = {"status": status, "headers": headers}
    out.update(body_field(body))
    return out


REFUSED = {}


def make_case(client, ex, model, op, r, i, error_codes, error, answer=None):
    """One case, or None when botocore refuses every try (the reason in
    REFUSED[op.name]). An error case answers with answer (status,
    headers, body) when given, else with a rendered error."""
    protocol = model.resolved_protocol
    avoid = dict(AVOID.get(model.service_name, {}).get("*", {}))
    avoid.update(AVOID.get(model.service_name, {}).get(op.name, {}))
    give = dict(GIVE.get(model.service_name, {}).get("*", {}))
    give.update(GIVE.get(model.service_name, {}).get(op.name, {}))
    for attempt in range(6):
        p = max(0.5 - 0.1 * attempt, 0.1)
        gin = Gen(r, protocol, "input", p, max_depth=4 - attempt // 2)
        gin.greedy = greedy_labels(op)
        gin.signing_name = model.signing_name
        gin.service = model.service_name
        params = gin.structure(op.input_shape, 1, avoid) if op.input_shape is not None else {}
        for name, choices in give.items():
            if op.input_shape is not None and name in op.input_shape.members and name not in avoid:
                m = op.input_shape.members[name]
                params[name] = r.choice(choices) if choices else gin.member(name, m, 1)
        if give and op.input_shape is not None:
            # In the model's order, as goto3 serializes (botocore's Query
            # serializer follows the caller's: a presigned URL's too).
            params = {k: params[k] for k in op.input_shape.members if k in params}
        alg = (op.http_checksum or {}).get("requestAlgorithmMember")
        if alg in params:
            # The algorithms botocore computes without the CRT (CRC32C,
            # CRC64NVME and the rest need awscrt, not installed).
            params[alg] = r.choice(["CRC32", "SHA1", "SHA256"])
        case = {"id": "%s/%d" % (op.name, i), "operation": op.name,
                "params": canonical(op.input_shape, params, True) if op.input_shape is not None else {}}
        if error:
            ans = answer or render_error(model, op, r, i, error_codes)
        else:
            gout = Gen(r, protocol, "output", max(0.7 - 0.15 * attempt, 0.2), max_depth=4 - attempt // 2,
                       max_items=2 if attempt < 2 else 1)
            value = gout.structure(op.output_shape, 1, {k: None for k in avoid}) if op.output_shape is not None else {}
            ans = render_response(model, op, value, i)
        ex.answer = ans
        try:
            req, parsed, err = call(client, ex, op, params)
        except (botocore.exceptions.ParamValidationError, botocore.exceptions.MissingDependencyException,
                botocore.exceptions.FlexibleChecksumError, botocore.exceptions.InvalidEndpointConfigurationError,
                botocore.exceptions.EndpointResolutionError) as e:
            # Inputs botocore refuses (a checksum algorithm that needs
            # the CRT, say) are drawn again.
            REFUSED[op.name] = str(e).splitlines()[-1][:200]
            continue
        case["request"] = req
        case["response"] = response_field(*ans)
        if err is not None:
            meta = err.response.get("ResponseMetadata", {})
            e = err.response.get("Error", {})
            cls = type(err).__name__
            modeled = None if cls == "ClientError" else cls
            members = None
            if modeled is not None:
                eshape = model.shape_for(modeled)
                members = canonical(eshape, {k: v for k, v in err.response.items()
                                             if k not in ("Error", "ResponseMetadata")})
            case["error"] = {"code": e.get("Code", ""), "message": e.get("Message", ""),
                             "requestId": meta.get("RequestId", ""), "hostId": meta.get("HostId", ""),
                             "status": meta.get("HTTPStatusCode"), "modeled": modeled, "members": members}
            if not error:
                raise RuntimeError("%s: botocore raised %s for a success answer" % (op.name, err))
        else:
            if error:
                raise RuntimeError("%s: botocore took an error answer: %r" % (op.name, parsed))
            meta = parsed.pop("ResponseMetadata", {})
            case["result"] = canonical(op.output_shape, parsed) if op.output_shape is not None else {}
            case["requestId"] = meta.get("RequestId", "")
        if len(json.dumps(case, ensure_ascii=False)) > MAX_CASE and attempt < 5:
            continue
        return case
    return None


def documentless_errors(client, ex, model, ops, r):
    """Error answers without an error document: botocore takes the status
    as the code and its text as the message. HEAD operations (REST) always
    answer so; any operation may, from a proxy or a load balancer."""
    out = []
    rid = "x-amz-request-id" if model.resolved_protocol == "rest-xml" else "x-amzn-RequestId"
    answers = []
    if model.resolved_protocol in ("rest-xml", "rest-json"):
        for op in [o for o in ops if o.http.get("method") == "HEAD"][:3]:
            for status in (403, 404):
                answers.append((op, "empty%d" % status, (status, {rid: "EMPTY-%s-%d" % (op.name, status)}, b"")))
    others = [o for o in ops if o.http.get("method") != "HEAD"]
    if others:
        answers.append((others[0], "empty503", (503, {}, b"")))
        answers.append((others[-1], "html500", (500, {"Content-Type": "text/html"},
                                                b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>")))
        if model.resolved_protocol not in ("query", "ec2"):
            # (botocore's Query and EC2 parsers fail on a body that is
            # not XML.)
            answers.append((others[len(others) // 2], "text502",
                            (502, {"Content-Type": "text/plain"}, b"upstream connect error")))
    for op, name, ans in answers:
        c = make_case(client, ex, model, op, r, 0, None, True, answer=ans)
        if c is not None:
            c["id"] = "%s/%s" % (op.name, name)
            out.append(c)
    return out


def build(svc):
    session = botocore.session.get_session()
    model = session.get_service_model(svc)
    client, ex = make_client(svc)
    protocol = model.resolved_protocol
    seed = int(hashlib.sha256(svc.encode()).hexdigest()[:8], 16) + SEED
    r = random.Random(seed)
    names = sorted(model.operation_names)
    ops = []
    skipped = []
    for n in names:
        op = model.operation_model(n)
        if op.has_event_stream_input or op.has_event_stream_output:
            skipped.append(n)
            continue
        if n in SKIP_OPERATIONS.get(svc, {}):
            continue
        ops.append(op)
    order = ops[:]
    r.shuffle(order)
    first = PRIORITY_OPERATIONS.get(svc, [])
    order = [o for n in first for o in order if o.name == n] + [o for o in order if o.name not in first]
    cases, size, used, failed = [], 0, [], {}
    for rnd in range(MAX_ROUNDS):
        for op in order if rnd == 0 else used:
            if size > BUDGET * (1 - ERROR_SHARE):
                break
            extra = REPEAT.get(svc, {}).get(op.name, 1) - 1
            c = make_case(client, ex, model, op, r, rnd + extra if rnd else 0, None, False)
            if c is None:
                if rnd == 0:
                    failed[op.name] = REFUSED.get(op.name, "cases too big")
                    print("  %s: no case: %s" % (op.name, failed[op.name]), file=sys.stderr)
                continue
            cs = [c]
            if rnd == 0:
                used.append(op)
                cs += [x for x in (make_case(client, ex, model, op, r, k, None, False)
                                   for k in range(1, extra + 1)) if x is not None]
            cases += cs
            size += sum(len(json.dumps(x, ensure_ascii=False)) for x in cs)
    error_codes = list(model.error_shapes)
    errors = []
    errors += documentless_errors(client, ex, model, used, r)
    want = min(max(MIN_ERRORS, len(cases) // 4), MAX_ERRORS)
    i = 0
    while len(errors) < want and size < BUDGET:
        op = used[(i * 7) % len(used)]
        i += 1
        c = make_case(client, ex, model, op, r, i, error_codes, True)
        if c is None:
            continue
        c["id"] = "%s/error%d" % (op.name, i)
        errors.append(c)
        size += len(json.dumps(c, ensure_ascii=False))
    cases.sort(key=lambda c: c["operation"])
    errors.sort(key=lambda c: c["operation"])
    return {
        "generator": "testdata/services-diff/gen_vectors.py",
        "botocore": botocore.__version__,
        "service": svc,
        "protocol": protocol,
        "region": REGION,
        "now": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "operations": {"total": len(names), "eventStream": skipped, "called": len(used),
                       "skipped": SKIP_OPERATIONS.get(svc, {}), "refused": failed},
        "notImplemented": ["%s (%s)" % (h, why) for h, why in NOT_IMPLEMENTED.get(svc, [])],
        "cases": cases + errors,
    }


def write(svc, v):
    path = os.path.join(HERE, "%s.json" % svc)
    with open(path, "w") as f:
        head = {k: v[k] for k in v if k != "cases"}
        f.write(json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1])
        f.write(',\n"cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                           for c in v["cases"]))
        f.write("\n]}\n")
    nerr = sum(1 for c in v["cases"] if "error" in c)
    print("%s (%s): %d of %d operations, %d cases (%d errors), %d bytes -> %s" % (
        svc, v["protocol"], v["operations"]["called"], v["operations"]["total"], len(v["cases"]), nerr,
        os.path.getsize(path), path))


def main():
    global HERE, BUDGET, SEED, MAX_ROUNDS
    args = sys.argv[1:]
    while args[:1] and args[0].startswith("--"):
        # --out DIR writes elsewhere; --seed N and --budget BYTES make
        # other and more cases: to hunt for bugs beyond the committed
        # vectors (copy a file over the committed one to run it).
        flag, val, args = args[0], args[1], args[2:]
        if flag == "--out":
            HERE = val
            os.makedirs(HERE, exist_ok=True)
        elif flag == "--seed":
            SEED = int(val)
        elif flag == "--budget":
            BUDGET = int(val)
            MAX_ROUNDS = max(MAX_ROUNDS, BUDGET // 60_000)
        else:
            sys.exit("unknown flag %s" % flag)
    # (The signer reads the clock through botocore.auth's name.)
    botocore.auth.get_current_datetime = lambda remove_tzinfo=True: \
        NOW if remove_tzinfo else NOW.replace(tzinfo=datetime.timezone.utc)
    for svc in args or SERVICES:
        write(svc, build(svc))


if __name__ == "__main__":
    main()
