#!/usr/bin/env python3
"""Differential vectors for goto3's REST-XML codec (S3), from botocore.

For generated inputs of every S3 operation (but the event-stream one) this
records what botocore's rest-xml serializer produces: method, URL (path and
query), headers and body, against a path-style endpoint. For real-shaped
responses (headers and XML bodies built from the output shapes the way S3
writes them) it records what botocore's rest-xml parser returns; for error
documents (S3's <Error>, the wrapped form, HEAD/empty bodies, errors inside
200 responses) the code, message, request id, host id and modelled error
botocore raises (its client exceptions match a code across the whole
service). services/s3/codec_diff_test.go replays every vector through
protocol/restxml with the generated S3 schema.

Only botocore's serializer and parser run here, not its S3 event handlers
(Content-MD5, SSE-C key encoding, CopySource quoting, Expect: 100-continue):
those belong to goto3's request pipeline, not to the codec. The exception is
handlers._handle_200_error, which the codec implements, applied to the
200-error vectors.

Run from the repository root:
    python3 testdata/protocols-diff/s3_vectors.py
It writes s3-vectors.json next to itself, deterministically for a given
botocore version (random.Random(seed)).
"""

import base64
import calendar
import datetime
import email.utils
import json
import os
import random

import botocore
import botocore.awsrequest
import botocore.errorfactory
import botocore.exceptions
import botocore.handlers
import botocore.model
import botocore.parsers
import botocore.serialize

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "internal", "codegen", "models")
ENDPOINT = "https://s3.us-east-1.amazonaws.com"
BUCKET = "amzn-s3-demo-bucket"

# Strings exercise URI, query, header and XML escaping. Header values avoid
# characters that cannot travel in an HTTP header.
WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "s*t", "k:v", "e=mc2",
         "a&b", "50%", "it's", "\"q\"", "caf\u00e9", "\u65e5\u672c", "\U0001F600",
         "<tag>", "line\nbreak", "", "(paren)", "semi;colon", "comma,sep", "#hash", "q?"]
HEADER_WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "k:v", "e=mc2", "a&b",
                "50%", "it's", "(paren)", "semi;colon", "", "AES256", "bytes=0-99"]
KEYS = ["key", "photos/2024/summer.jpg", "a b/c+d", "dir//double/", "~user/file", "caf\u00e9.txt",
        "\u65e5\u672c/\u8a9e", "100%real", "q?x#y", "(1)[2]{3}", "semi;colon,comma", "plus+and&amp",
        "\U0001F600.png", "trailing/"]
META_KEYS = ["color", "x", "long-key-name", "a1"]
FLOATS = [0.5, 1.25, 10.5, -3.75, 100.0, 2.0, 0.0, 1234.5]
TIMES = [0, 1422172800, 1700000000, 946845296, 2524608000]
FRACS = [0, 0, 0.5, 0.125, 0.25]


def load_model():
    path = os.path.join(MODELS, "s3", "2006-03-01", "service-2.json")
    with open(path) as f:
        return botocore.model.ServiceModel(json.load(f), service_name="s3")


class Gen:
    def __init__(self, seed, max_depth=4, p_member=0.45, body_time_ms=False):
        self.r = random.Random(seed)
        self.max_depth = max_depth
        self.p_member = p_member
        self.body_time_ms = body_time_ms

    def value(self, shape, depth, location=None):
        t = shape.type_name
        if t == "structure":
            return self.structure(shape, depth + 1)
        if t == "list":
            n = self.r.choice([0, 1, 1, 2, 3]) if depth < self.max_depth else 0
            if location == "header" and n == 0:
                n = 1
            return [self.value(shape.member, depth + 1, location) for _ in range(n)]
        if t == "map":
            n = self.r.choice([0, 1, 2, 3]) if depth < self.max_depth else 0
            if location == "headers":
                keys = sorted({self.r.choice(META_KEYS) for _ in range(n)})
                return {k: self.r.choice(HEADER_WORDS) for k in keys}
            keys = sorted({self.string(shape.key, location) for _ in range(n)})
            return {k: self.value(shape.value, depth + 1, location) for k in keys}
        if t == "string":
            return self.string(shape, location)
        if t == "boolean":
            return self.r.choice([True, False])
        if t in ("integer", "short", "byte"):
            return self.r.choice([0, 1, 7, 22, 443, 65535, 2147483647])
        if t == "long":
            return self.r.choice([0, 5, 1099511627776, 42])
        if t in ("float", "double"):
            return self.r.choice(FLOATS)
        if t == "timestamp":
            sec = self.r.choice(TIMES)
            frac = self.r.choice(FRACS)
            if location == "header" and shape.serialization.get("timestampFormat", "rfc822") == "rfc822":
                frac = 0  # HTTP dates have whole seconds
            return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc) + \
                datetime.timedelta(seconds=frac)
        if t == "blob":
            return self.r.choice(["value", "", "hello world", "a+b/c=="]).encode()
        raise ValueError(t)

    def string(self, shape, location=None):
        if shape.enum:
            return self.r.choice(shape.enum)
        if location in ("header", "headers"):
            return self.r.choice(HEADER_WORDS)
        return self.r.choice(WORDS)

    def structure(self, shape, depth, top=False):
        out = {}
        required = set(shape.required_members)
        for name, member in shape.members.items():
            loc = member.serialization.get("location")
            if top and name == "Bucket":
                out[name] = BUCKET
                continue
            if top and name == "Key" and loc == "uri":
                out[name] = self.r.choice(KEYS)
                continue
            if member.serialization.get("hostLabel"):
                out[name] = "label-1"
                continue
            if member.serialization.get("eventstream"):
                continue
            if name in required or (depth <= self.max_depth and self.r.random() < self.p_member):
                if member.type_name == "structure" and depth >= self.max_depth and name not in required:
                    continue
                v = self.value(member, depth, loc)
                if loc == "uri" and v in ("", b""):
                    v = "label"
                if loc in ("uri", "querystring") and member.type_name == "string" and not member.enum:
                    v = self.r.choice(KEYS)
                out[name] = v
        return out


def to_json(shape, value):
    """botocore's Python value -> the JSON form the Go test compares."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        return {k: to_json(shape.members[k], v) for k, v in value.items() if k in shape.members}
    if t == "list":
        return [to_json(shape.member, v) for v in value]
    if t == "map":
        return {k: to_json(shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        if isinstance(value, datetime.datetime):
            return calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6
        return value
    if t == "blob":
        if hasattr(value, "read"):
            value = value.read()
        if isinstance(value, str):
            return value
        return value.decode("ascii")
    return value


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")


def xml_scalar(shape, value, fmt=None):
    t = shape.type_name
    if t == "boolean":
        return "true" if value else "false"
    if t == "timestamp":
        fmt = fmt or shape.serialization.get("timestampFormat", "iso8601")
        if fmt == "rfc822":
            return email.utils.formatdate(calendar.timegm(value.utctimetuple()), usegmt=True)
        if fmt == "unixTimestamp":
            return repr(calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6)
        # S3 writes milliseconds: 2009-10-12T17:50:30.000Z
        return value.strftime("%Y-%m-%dT%H:%M:%S") + ".%03dZ" % (value.microsecond // 1000)
    if t == "blob":
        return base64.b64encode(value).decode()
    if t in ("float", "double"):
        return repr(value)
    return xml_escape(str(value))


def xml_struct(shape, value, name, extra_attrs=""):
    attrs = extra_attrs
    inner = ""
    for k, m in shape.members.items():
        if k not in value:
            continue
        if m.serialization.get("location"):
            continue
        if m.serialization.get("xmlAttribute"):
            attrs += ' %s="%s"' % (m.serialization["name"], xml_escape(str(value[k])))
            continue
        inner += xml_member(m, value[k], k)
    return "<%s%s>%s</%s>" % (name, attrs, inner, name)


def xml_value(shape, value, name, flattened=False):
    """Render value as the element <name>, as S3 does."""
    t = shape.type_name
    if t == "structure":
        extra = ""
        ns = shape.serialization.get("xmlNamespace")
        if isinstance(ns, dict) and ns.get("prefix"):
            extra = ' xmlns:%s="%s"' % (ns["prefix"], ns["uri"])
        return xml_struct(shape, value, name, extra)
    if t == "list":
        if flattened or shape.serialization.get("flattened"):
            return "".join(xml_value(shape.member, v, name) for v in value)
        item = shape.member.serialization.get("name", "member")
        inner = "".join(xml_value(shape.member, v, item) for v in value)
        return "<%s>%s</%s>" % (name, inner, name)
    if t == "map":
        kn = shape.key.serialization.get("name", "key")
        vn = shape.value.serialization.get("name", "value")
        inner = "".join("<entry>%s%s</entry>" % (xml_value(shape.key, k, kn), xml_value(shape.value, v, vn))
                        for k, v in value.items())
        return "<%s>%s</%s>" % (name, inner, name)
    return "<%s>%s</%s>" % (name, xml_scalar(shape, value), name)


def xml_member(member, value, key):
    name = member.serialization.get("name", key)
    return xml_value(member, value, name, member.serialization.get("flattened", False))


def header_value(member, value):
    t = member.type_name
    if t == "timestamp":
        return xml_scalar(member, value, member.serialization.get("timestampFormat", "rfc822"))
    if t == "list":
        return ",".join(header_value(member.member, v) for v in value)
    if t == "boolean":
        return "true" if value else "false"
    return str(value)


def request_vector(serializer, model, op, params):
    # botocore's generate_idempotent_uuid handler fills absent idempotency
    # tokens before serialization; the Go test supplies "token" as the
    # generated value.
    given = params
    params = dict(params)
    if op.input_shape is not None:
        for name, member in op.input_shape.members.items():
            if member.metadata.get("idempotencyToken") and name not in params:
                params[name] = "token"
    req = serializer.serialize_to_request(params, op)
    url_path = req["url_path"]
    botocore.awsrequest.prepare_request_dict(req, endpoint_url=ENDPOINT)
    prepared = botocore.awsrequest.create_request_object(req).prepare()
    body = prepared.body
    if body is None:
        body = b""
    if hasattr(body, "read"):
        body = body.read()
    if isinstance(body, str):
        body = body.encode()
    headers = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in req["headers"].items()}
    # The Go test puts the bucket into the endpoint's path (path-style), as
    # goto3's endpoint resolver does, since the generated schema strips
    # "/{Bucket}" from request URIs.
    endpoint = ENDPOINT
    if op.http["requestUri"].startswith("/{Bucket}"):
        endpoint = ENDPOINT + "/" + BUCKET
    return {
        "operation": op.name,
        "params": to_json(op.input_shape, given) if op.input_shape else {},
        "endpoint": endpoint,
        "method": req["method"],
        "url": prepared.url,
        "urlPath": url_path,
        "headers": headers,
        "body": body.decode("utf-8"),
    }


def response_vector(parser, model, op, value, i):
    shape = op.output_shape
    headers = {}
    status = 200
    payload = shape.serialization.get("payload")
    for k, m in shape.members.items():
        if k not in value:
            continue
        loc = m.serialization.get("location")
        if loc == "header":
            headers[m.serialization.get("name", k)] = header_value(m, value[k])
        elif loc == "headers":
            for mk, mv in value[k].items():
                headers[m.serialization.get("name", "") + mk] = mv
        elif loc == "statusCode":
            status = value[k]
    body = ""
    if payload is not None:
        m = shape.members[payload]
        if payload in value:
            if m.type_name == "blob":
                body = value[payload].decode("ascii")
            elif m.type_name == "string":
                body = value[payload]
            else:
                name = m.serialization.get("name", payload)
                body = '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_value(m, value[payload], name).replace(
                    "<%s>" % name, '<%s xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' % name, 1)
    else:
        root = shape.serialization.get("name", op.name + "Result")
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_struct(
            shape, value, root, ' xmlns="http://s3.amazonaws.com/doc/2006-03-01/"')
    headers["x-amz-request-id"] = "REQ%04d" % i
    headers["x-amz-id-2"] = "HOST%04d" % i
    parsed = parser.parse({"status_code": status, "headers": dict(headers), "body": body.encode()}, shape)
    parsed.pop("ResponseMetadata", None)
    return {"operation": op.name, "status": status, "headers": headers, "body": body,
            "result": to_json(shape, parsed)}


def error_vectors(parser, model, r):
    out = []
    ops = sorted(model.operation_names)
    picks = []
    for opname in ops:
        for es in model.operation_model(opname).error_shapes:
            picks.append((opname, es.error_code or es.name))
    r.shuffle(picks)
    picks = picks[:15]
    for g in ["AccessDenied", "NoSuchBucket", "SlowDown", "InternalError", "InvalidArgument",
              "SignatureDoesNotMatch", "PreconditionFailed", "InvalidRange"]:
        picks.append((r.choice(ops), g))
    for i, (opname, code) in enumerate(picks):
        op = model.operation_model(opname)
        msg = r.choice(["Access Denied", "The specified key does not exist.", "a&b <c>", "caf\u00e9", ""])
        status = r.choice([400, 403, 404, 409, 500, 503])
        headers = {}
        in_body = r.random() < 0.5
        if not in_body:
            headers = {"x-amz-request-id": "HREQ%04d" % i, "x-amz-id-2": "HHOST%04d" % i}
        if r.random() < 0.7:
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
                    '<Resource>/%s/k</Resource><RequestId>BREQ%04d</RequestId><HostId>BHOST%04d</HostId></Error>') % (
                code, xml_escape(msg), BUCKET, i, i)
        else:
            body = ('<ErrorResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Error><Type>Sender</Type>'
                    '<Code>%s</Code><Message>%s</Message></Error><RequestId>BREQ%04d</RequestId></ErrorResponse>') % (
                code, xml_escape(msg), i)
        out.append(error_vector(parser, model, op, status, headers, body))
    # HEAD and other empty bodies: the code is the status.
    for status, opname in [(404, "HeadObject"), (403, "HeadBucket"), (412, "HeadObject"), (304, "GetObject"),
                           (503, "PutObject"), (400, "HeadObject")]:
        op = model.operation_model(opname)
        out.append(error_vector(parser, model, op, status, {"x-amz-request-id": "EREQ", "x-amz-id-2": "EHOST"}, ""))
    # Errors inside 200 responses (botocore's handlers._handle_200_error).
    for i, opname in enumerate(["CompleteMultipartUpload", "CopyObject", "UploadPartCopy"]):
        op = model.operation_model(opname)
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n\n<Error><Code>InternalError</Code><Message>We encountered an '
                'internal error. Please try again.</Message><RequestId>656c76696e6727732072657175657374%d</RequestId>'
                '<HostId>Uuag1LuByRx9e6j5Onimru9pO4ZVKnJ2Qz7/C1NPcfTWAtRPfTaOFg==</HostId></Error>') % i
        out.append(error_vector(parser, model, op, 200, {}, body))
    return out


def error_vector(parser, model, op, status, headers, body):
    response = {"status_code": status, "headers": dict(headers), "body": body.encode()}
    botocore.handlers._handle_200_error(op, response)
    parsed = parser.parse(response, op.output_shape)
    err = parsed.get("Error", {})
    md = parsed.get("ResponseMetadata", {})
    return {"operation": op.name, "status": status, "headers": headers, "body": body,
            "wantStatus": response["status_code"],
            "code": err.get("Code") or "", "message": err.get("Message") or "",
            "requestId": md.get("RequestId") or "", "hostId": md.get("HostId") or "",
            "modeled": modeled_error(model, err.get("Code"))}


def modeled_error(model, code):
    """The modelled error botocore raises for code: the client's exception
    class (client.exceptions.from_code), which matches by code across every
    operation of the service, not only the failed one's errors; None for a
    plain ClientError."""
    exceptions = botocore.errorfactory.ClientExceptionsFactory().create_client_exceptions(model)
    cls = exceptions.from_code(code or "")
    if cls is botocore.exceptions.ClientError:
        return None
    return cls.__name__


def main():
    model = load_model()
    serializer = botocore.serialize.create_serializer("rest-xml", include_validation=False)
    parser = botocore.parsers.create_parser("rest-xml")
    gen = Gen(20060301)
    rich = Gen(20060302, p_member=0.8)
    requests, responses = [], []
    for opname in sorted(model.operation_names):
        op = model.operation_model(opname)
        if op.has_event_stream_output or op.has_event_stream_input:
            continue
        for _ in range(3):
            params = gen.structure(op.input_shape, 1, top=True) if op.input_shape else {}
            requests.append(request_vector(serializer, model, op, params))
        # GetBucketNotification's (deprecated) configurations have both a
        # member "Event" and a flattened list "Events" whose elements are
        # also <Event>: the document is ambiguous, botocore returns XML
        # elements for it. Left out.
        if op.output_shape is None or opname == "GetBucketNotification":
            continue
        for i in range(2):
            value = rich.structure(op.output_shape, 1)
            responses.append(response_vector(parser, model, op, value, len(responses)))
    errors = error_vectors(parser, model, random.Random(20060303))
    v = {
        "generator": "testdata/protocols-diff/s3_vectors.py",
        "botocore": botocore.__version__,
        "service": "s3", "protocol": "rest-xml",
        "requests": requests, "responses": responses, "errors": errors,
    }
    path = os.path.join(HERE, "s3-vectors.json")
    with open(path, "w") as f:
        json.dump(v, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print("s3: %d requests, %d responses, %d errors -> %s" % (len(requests), len(responses), len(errors), path))


if __name__ == "__main__":
    main()
