#!/usr/bin/env python3
"""Differential vectors for goto3's Query (SES) and EC2 codecs, from botocore.

For generated inputs of real SES and EC2 operations this records the form
body botocore serializes; for real-shaped XML response bodies (built from
the output shapes) what botocore parses; for error documents the code,
message, request id and modelled error botocore raises (its client
exceptions match a code across the whole service). The Go tests
(services/ses and services/ec2, codec_diff_test.go) replay every vector
through protocol/query and protocol/ec2query with the generated schemas.

Run from the repository root:
    python3 testdata/protocols-diff/ses_ec2_vectors.py
It writes ses-vectors.json and ec2-vectors.json next to itself. The output
is deterministic for a given botocore version (random.Random(seed)).
"""

import base64
import calendar
import datetime
import json
import os
import random

import botocore
import botocore.awsrequest
import botocore.errorfactory
import botocore.exceptions
import botocore.loaders
import botocore.model
import botocore.parsers
import botocore.serialize

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, "..", "..", "internal", "codegen", "models")

EC2_OPERATIONS = [
    "DescribeAddresses", "AllocateAddress", "AssociateAddress",
    "DisassociateAddress", "ReleaseAddress",
    "DescribeInstances", "RunInstances", "StartInstances", "StopInstances",
    "TerminateInstances", "DescribeRegions", "DescribeAvailabilityZones",
    "DescribeImages",
    "CreateSecurityGroup", "DeleteSecurityGroup", "DescribeSecurityGroups",
    "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
    "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
    "CreateKeyPair", "DeleteKeyPair", "DescribeKeyPairs", "ImportKeyPair",
    "CreateVpc", "DeleteVpc", "DescribeVpcs",
    "CreateSubnet", "DeleteSubnet", "DescribeSubnets",
    "CreateTags", "DeleteTags", "DescribeTags",
]

# Strings exercise the form escaping: space, '+', '/', '~', '*', ':', '=',
# '&', '%', quotes, non-ASCII and astral characters.
WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "s*t", "k:v", "e=mc2",
         "a&b", "50%", "it's", "\"q\"", "caf\u00e9", "\u00fcber", "\u65e5\u672c",
         "\U0001F600", "i-0123456789abcdef0", "sg-1a2b3c", "10.0.0.0/16",
         "tag:Name", "me@example.com", "", "<tag>", "line\nbreak"]

FLOATS = [0.5, 1.25, 10.5, -3.75, 100.0, 2.0, 0.0, 1e-05 * 4096, 1234.5]


def _ts(sec, micro):
    return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc).replace(microsecond=micro)


# Hand-picked requests on top of the generated ones: timestamps with and
# without fractions (botocore writes microseconds only when non-zero).
EXTRA = {
    "ses": [
        ("SendBounce", {
            "OriginalMessageId": "msg-1", "BounceSender": "mailer@example.com",
            "MessageDsn": {"ReportingMta": "dns; mta.example.com", "ArrivalDate": _ts(sec, micro)},
            "BouncedRecipientInfoList": [{"Recipient": "a@example.com", "BounceType": "DoesNotExist"}],
        })
        for sec, micro in [(1422172800, 0), (1422172800, 123456), (1422172800, 1), (946845296, 500000),
                           (0, 0), (4102444800, 999999)]
    ],
}


def load_model(service, version):
    path = os.path.join(MODELS, service, version, "service-2.json")
    with open(path) as f:
        return botocore.model.ServiceModel(json.load(f), service_name=service)


class Gen:
    def __init__(self, seed, max_depth=4, p_member=0.45):
        self.r = random.Random(seed)
        self.max_depth = max_depth
        self.p_member = p_member

    def value(self, shape, depth, name=""):
        t = shape.type_name
        if t == "structure":
            return self.structure(shape, depth + 1)
        if t == "list":
            n = self.r.choice([0, 1, 1, 2, 3]) if depth < self.max_depth else 0
            return [self.value(shape.member, depth + 1) for _ in range(n)]
        if t == "map":
            n = self.r.choice([0, 1, 2, 3]) if depth < self.max_depth else 0
            keys = sorted({self.string(shape.key) for _ in range(n)})
            return {k: self.value(shape.value, depth + 1) for k in keys}
        if t == "string":
            return self.string(shape)
        if t == "boolean":
            return self.r.choice([True, False])
        if t in ("integer", "short", "byte"):
            return self.r.choice([0, 1, -1, 7, 22, 443, 65535, 2147483647])
        if t == "long":
            return self.r.choice([0, 5, 1099511627776, -42])
        if t in ("float", "double"):
            return self.r.choice(FLOATS)
        if t == "timestamp":
            sec = self.r.choice([0, 1422172800, 1700000000, 946845296])
            frac = self.r.choice([0, 0, 0.5, 0.125, 0.123456, 0.000001])
            return datetime.datetime.fromtimestamp(sec, datetime.timezone.utc) + \
                datetime.timedelta(seconds=frac)
        if t == "blob":
            return self.r.choice(["value", "", "hello world", "a+b/c=="]).encode()
        raise ValueError(t)

    def string(self, shape):
        if shape.enum:
            return self.r.choice(shape.enum)
        return self.r.choice(WORDS)

    def structure(self, shape, depth):
        out = {}
        required = set(shape.required_members)
        for name, member in shape.members.items():
            if member.serialization.get("hostLabel"):
                out[name] = "label"
                continue
            if name in required or (depth <= self.max_depth and self.r.random() < self.p_member):
                if member.type_name == "structure" and depth >= self.max_depth and name not in required:
                    continue
                out[name] = self.value(member, depth, name)
        return out


def to_json(shape, value):
    """botocore's Python value -> the JSON form the Go test compares."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        return {k: to_json(shape.members[k], v) for k, v in value.items()
                if k in shape.members}
    if t == "list":
        return [to_json(shape.member, v) for v in value]
    if t == "map":
        return {k: to_json(shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        if isinstance(value, datetime.datetime):
            return calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6
        return value
    if t == "blob":
        # The Go test helpers take a blob as the string of its bytes; the
        # generated blobs are ASCII.
        return value.decode("ascii")
    return value


def xml_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&quot;").replace("\r", "&#13;"))


def xml_scalar(shape, value):
    t = shape.type_name
    if t == "boolean":
        return "true" if value else "false"
    if t == "timestamp":
        s = value.strftime("%Y-%m-%dT%H:%M:%S")
        if value.microsecond:
            s += ".%03d" % (value.microsecond // 1000)
        return s + "Z"
    if t == "blob":
        return base64.b64encode(value).decode()
    if t in ("float", "double"):
        return repr(value)
    return xml_escape(str(value))


def xml_value(shape, value, name, ec2):
    """Render value as the element <name>, as the real services do."""
    t = shape.type_name
    if t == "structure":
        inner = "".join(xml_member(m, value[k], k, ec2) for k, m in shape.members.items() if k in value)
        return "<%s>%s</%s>" % (name, inner, name)
    if t == "list":
        item = shape.member.serialization.get("name", "item" if ec2 else "member")
        inner = "".join(xml_value(shape.member, v, item, ec2) for v in value)
        return "<%s>%s</%s>" % (name, inner, name)
    if t == "map":
        kn = shape.key.serialization.get("name", "key")
        vn = shape.value.serialization.get("name", "value")
        inner = "".join("<entry>%s%s</entry>" % (xml_value(shape.key, k, kn, ec2), xml_value(shape.value, v, vn, ec2))
                        for k, v in value.items())
        return "<%s>%s</%s>" % (name, inner, name)
    return "<%s>%s</%s>" % (name, xml_scalar(shape, value), name)


def xml_member(member, value, key, ec2):
    name = member.serialization.get("name", key)
    return xml_value(member, value, name, ec2)


def form_body(serializer, params, op):
    # botocore's generate_idempotent_uuid handler fills unset idempotency
    # tokens before serialization, appending them to the parameters; the Go
    # test supplies "token" as the generated value.
    params = dict(params)
    if op.input_shape is not None:
        for name, member in op.input_shape.members.items():
            if member.metadata.get("idempotencyToken") and name not in params:
                params[name] = "token"
    req = serializer.serialize_to_request(params, op)
    req["url_path"] = "/"
    req["query_string"] = ""
    botocore.awsrequest.prepare_request_dict(req, endpoint_url="https://example.com")
    prepared = botocore.awsrequest.create_request_object(req).prepare()
    body = prepared.body
    if isinstance(body, bytes):
        body = body.decode()
    return body or ""


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


def error_vectors(svc, proto, model, ops, r):
    parser = botocore.parsers.create_parser(proto)
    out = []
    codes = []
    for opname in ops:
        op = model.operation_model(opname)
        for es in op.error_shapes:
            codes.append((opname, es.error_code or es.name, es))
    generic = ["Throttling", "InvalidParameterValue", "AccessDenied", "InternalFailure"]
    if proto == "ec2":
        generic += ["InvalidInstanceID.NotFound", "InvalidAllocationID.NotFound", "UnauthorizedOperation",
                    "DryRunOperation", "InvalidGroup.Duplicate", "InvalidKeyPair.NotFound",
                    "InvalidVpcID.NotFound", "RequestLimitExceeded", "Unsupported", "IncorrectInstanceState"]
    picks = codes[:]
    r.shuffle(picks)
    picks = picks[:20]
    for g in generic:
        picks.append((r.choice(ops), g, None))
    for i, (opname, code, es) in enumerate(picks):
        msg = r.choice(["Rate exceeded", "Email address is not verified: a&b <c>", "caf\u00e9 ok", ""])
        rid = "req-%04d" % i
        if proto == "ec2":
            body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>%s</Code><Message>%s</Message>"
                    "</Error></Errors><RequestID>%s</RequestID></Response>") % (code, xml_escape(msg), rid)
        else:
            body = ("<ErrorResponse xmlns=\"%s\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>%s</Code>\n"
                    "    <Message>%s</Message>\n  </Error>\n  <RequestId>%s</RequestId>\n</ErrorResponse>\n") % (
                model.metadata.get("xmlNamespace", ""), code, xml_escape(msg), rid)
        status = r.choice([400, 400, 403, 500])
        parsed = parser.parse({"status_code": status, "headers": {}, "body": body.encode()}, op.output_shape)
        err = parsed["Error"]
        modeled = modeled_error(model, err.get("Code"))
        out.append({
            "operation": opname, "status": status, "body": body,
            "code": err.get("Code") or "", "message": err.get("Message") or "",
            "requestId": parsed["ResponseMetadata"].get("RequestId") or "",
            "modeled": modeled,
        })
    # Bodies that carry no error document: botocore takes the status.
    for status, body in [(503, ""), (500, "<html><body><b>Http/1.1 Service Unavailable</b></body></html>")]:
        parsed = parser.parse({"status_code": status, "headers": {}, "body": body.encode()}, None)
        out.append({"operation": ops[0], "status": status, "body": body,
                    "code": parsed["Error"]["Code"], "message": parsed["Error"]["Message"],
                    "requestId": "", "modeled": None})
    return out


def build(svc, version, proto, ops, per_op, seed):
    model = load_model(svc, version)
    serializer = botocore.serialize.create_serializer(proto, include_validation=False)
    parser = botocore.parsers.create_parser(proto)
    gen = Gen(seed)
    rich = Gen(seed + 2, p_member=0.8)
    requests, responses = [], []
    for opname in ops:
        op = model.operation_model(opname)
        for i in range(per_op):
            params = gen.structure(op.input_shape, 1) if op.input_shape else {}
            requests.append({
                "operation": opname,
                "params": to_json(op.input_shape, params) if op.input_shape else {},
                "body": form_body(serializer, params, op),
            })
        if op.output_shape is None:
            continue
        for i in range(per_op):
            value = rich.structure(op.output_shape, 1)
            inner = "".join(xml_member(m, value[k], k, proto == "ec2") for k, m in op.output_shape.members.items() if k in value)
            ns = model.metadata.get("xmlNamespace", "")
            if proto == "ec2":
                body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<%sResponse xmlns=\"%s\"><requestId>rid-%d</requestId>%s</%sResponse>" % (
                    opname, ns, i, inner, opname)
            else:
                wrapper = op.output_shape.serialization.get("resultWrapper", opname + "Result")
                body = "<%sResponse xmlns=\"%s\">\n  <%s>%s</%s>\n  <ResponseMetadata><RequestId>rid-%d</RequestId></ResponseMetadata>\n</%sResponse>\n" % (
                    opname, ns, wrapper, inner, wrapper, i, opname)
            parsed = parser.parse({"status_code": 200, "headers": {}, "body": body.encode()}, op.output_shape)
            parsed.pop("ResponseMetadata", None)
            responses.append({"operation": opname, "body": body, "result": to_json(op.output_shape, parsed)})
    for opname, params in EXTRA.get(svc, []):
        op = model.operation_model(opname)
        requests.append({"operation": opname, "params": to_json(op.input_shape, params),
                         "body": form_body(serializer, params, op)})
    errors = error_vectors(svc, proto, model, ops, random.Random(seed + 1))
    return {
        "generator": "testdata/protocols-diff/ses_ec2_vectors.py",
        "botocore": botocore.__version__,
        "service": svc, "protocol": proto,
        "requests": requests, "responses": responses, "errors": errors,
    }


def main():
    ses_model = load_model("ses", "2010-12-01")
    ses_ops = sorted(ses_model.operation_names)
    vectors = {
        "ses": build("ses", "2010-12-01", "query", ses_ops, 3, 20101201),
        "ec2": build("ec2", "2016-11-15", "ec2", EC2_OPERATIONS, 6, 20161115),
    }
    for svc, v in vectors.items():
        path = os.path.join(HERE, "%s-vectors.json" % svc)
        with open(path, "w") as f:
            json.dump(v, f, indent=1, ensure_ascii=False, sort_keys=True)
            f.write("\n")
        print("%s: %d requests, %d responses, %d errors -> %s" % (
            svc, len(v["requests"]), len(v["responses"]), len(v["errors"]), path))


if __name__ == "__main__":
    main()
