#!/usr/bin/env python3
"""Differential vectors for goto3's AWS JSON and REST-JSON codecs, from botocore.

The operations are those of the Smithy protocol-test suites botocore ships
(testdata/protocols/{input,output}/{json,json_1_0,rest-json}.json), whose Go
types and schema internal/codegen generates into internal/testing/protocoltest. For
each chosen operation this script:

  - requests: generates random inputs from the input shape and records what
    botocore's JSONSerializer / RestJSONSerializer makes of them (method,
    path, query string, headers, body);
  - responses: generates random outputs, renders them as a response with
    botocore's own serializer for the protocol (a body, and headers for
    REST-JSON), and records what botocore's JSONParser / RestJSONParser
    parses from that response;
  - errors: error responses ("__type", X-Amzn-Errortype, "code", query
    compatible headers) with the code, message and modelled members botocore
    finds.

The Go tests (protocol/jsonrpc and protocol/restjson, diff_test.go) replay
every vector through the codecs and the generated packages.

Values avoid what botocore does differently on purpose or by accident (and
the Go test documents): body timestamps are whole seconds (botocore writes
epoch seconds as integers), header list strings hold no commas in
responses (botocore splits them naively), query map keys do not collide
with named query parameters, and idempotency tokens are given.

Run from the repository root:
    python3 testdata/protocols-diff/json_vectors.py
It writes json-vectors.json next to itself. The output is deterministic for
a given botocore version (random.Random(seed)).
"""

import base64
import calendar
import copy
import datetime
import json
import math
import os
import random

import botocore
import botocore.model
import botocore.parsers
import botocore.serialize
from botocore.awsrequest import HeadersDict
from botocore.utils import percent_encode_sequence

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOCOLS = os.path.join(HERE, "..", "protocols")

# (file, suite index, operation, count) for requests, from the input files.
REQUESTS = [
    ("input/json.json", 7, "KitchenSinkOperation", 40),
    ("input/json.json", 6, "JsonUnions", 12),
    ("input/json.json", 10, "PutAndGetInlineDocuments", 8),
    ("input/json.json", 12, "SimpleScalarProperties", 8),
    ("input/json.json", 2, "EndpointWithHostLabelOperation", 4),
    ("input/json_1_0.json", 4, "JsonUnions", 10),
    ("input/json_1_0-query-compatible.json", 0, "QueryCompatibleOperation", 2),
    ("input/rest-json.json", 0, "AllQueryStringTypes", 16),
    ("input/rest-json.json", 22, "InputAndOutputWithHeaders", 16),
    ("input/rest-json.json", 18, "HttpRequestWithLabels", 8),
    ("input/rest-json.json", 17, "HttpRequestWithGreedyLabelInPath", 6),
    ("input/rest-json.json", 15, "HttpPrefixHeaders", 6),
    ("input/rest-json.json", 12, "HttpPayloadTraits", 6),
    ("input/rest-json.json", 13, "HttpPayloadWithStructure", 6),
    ("input/rest-json.json", 21, "HttpStringPayload", 4),
    ("input/rest-json.json", 26, "JsonLists", 10),
    ("input/rest-json.json", 27, "JsonMaps", 10),
    ("input/rest-json.json", 28, "JsonTimestamps", 6),
    ("input/rest-json.json", 23, "JsonBlobs", 4),
    ("input/rest-json.json", 29, "JsonUnions", 10),
    ("input/rest-json.json", 41, "RecursiveShapes", 6),
    ("input/rest-json.json", 42, "SimpleScalarProperties", 10),
    ("input/rest-json.json", 3, "DocumentType", 8),
    ("input/rest-json.json", 50, "TimestampFormatHeaders", 4),
    ("input/rest-json.json", 8, "EndpointWithHostLabelOperation", 3),
]

# (file, suite index, operation, count) for responses, from the output files.
RESPONSES = [
    ("output/json.json", 9, "KitchenSinkOperation", 40),
    ("output/json.json", 8, "JsonUnions", 10),
    ("output/json.json", 12, "SimpleScalarProperties", 8),
    ("output/json_1_0.json", 4, "JsonUnions", 8),
    ("output/rest-json.json", 19, "InputAndOutputWithHeaders", 16),
    ("output/rest-json.json", 23, "JsonLists", 10),
    ("output/rest-json.json", 24, "JsonMaps", 10),
    ("output/rest-json.json", 25, "JsonTimestamps", 6),
    ("output/rest-json.json", 26, "JsonUnions", 10),
    ("output/rest-json.json", 12, "HttpPayloadWithStructure", 6),
    ("output/rest-json.json", 11, "HttpPayloadTraits", 6),
    ("output/rest-json.json", 31, "RecursiveShapes", 6),
    ("output/rest-json.json", 32, "SimpleScalarProperties", 10),
    ("output/rest-json.json", 1, "DocumentType", 8),
    ("output/rest-json.json", 14, "HttpPrefixHeaders", 6),
]

# (file, suite index, operation) for errors.
ERRORS = [
    ("output/json.json", 4, "GreetingWithErrors"),
    ("output/json_1_0.json", 3, "GreetingWithErrors"),
    ("output/json_1_0-query-compatible.json", 1, "QueryCompatibleOperation"),
    ("output/rest-json.json", 8, "GreetingWithErrors"),
]

WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "t~u", "s*t", "k:v", "e=mc2",
         "a&b", "50%", "it's", "\"q\"", "caf\u00e9", "\u00fcber", "\u65e5\u672c",
         "\U0001F600", "", "<tag>", "line\nbreak", "tab\there", "back\\slash"]
HEADER_WORDS = ["alpha", "Beta-1", "a b", "x+y", "p/q", "k:v", "e=mc2", "50%", "it's", ""]
HEADER_LIST_WORDS = HEADER_WORDS + ["a,b", "\"q\""]
LABEL_WORDS = ["alpha", "a b", "x+y", "p:q", "caf\u00e9", "%2F", "e=mc2", "t~u"]
FLOATS = [0.5, 1.25, 10.5, -3.75, 100.0, 2.0, 0.0, 1234.5, 1e-07, 3.4e+38, float("nan"), float("inf"), float("-inf")]
INTS = [0, 1, -1, 7, 22, 443, 65535, 2147483647, -2147483648]
LONGS = [0, 5, 1099511627776, -42, 9007199254740993, 9223372036854775807, -9223372036854775808]
SECONDS = [0, 1422172800, 1700000000, 946845296, 4102444800, 86399]


class Gen:
    def __init__(self, seed, direction, max_depth=4, p_member=0.55):
        self.r = random.Random(seed)
        self.direction = direction
        self.max_depth = max_depth
        self.p_member = p_member

    def value(self, shape, depth, location=None):
        t = shape.type_name
        loc = location or shape.serialization.get("location")
        if t == "structure":
            if getattr(shape, "is_document_type", False):
                return self.document(depth)
            return self.structure(shape, depth + 1)
        if t == "list":
            n = self.r.choice([0, 1, 1, 2, 3]) if depth < self.max_depth else 0
            if loc == "header" and n == 0:
                n = 1
            return [self.value(shape.member, depth + 1, "header-list" if loc == "header" else None) for _ in range(n)]
        if t == "map":
            n = self.r.choice([0, 1, 2, 3]) if depth < self.max_depth else 0
            if loc == "headers":
                keys = sorted({self.r.choice(["a", "b", "c-d", "e"]) for _ in range(n)})
            elif loc == "querystring":
                keys = sorted({self.r.choice(["mk-a", "mk b", "mk+c", "mk-d"]) for _ in range(n)})
            else:
                keys = sorted({self.string(shape.key) for _ in range(n)})
            return {k: self.value(shape.value, depth + 1, "header" if loc == "headers" else None) for k in keys}
        if t in ("string", "character"):
            if shape.serialization.get("jsonvalue"):
                v = {"k": self.r.choice(["v", 1, True, None]), "list": [1, "two"]}
                # In a header botocore takes the value; elsewhere the
                # member is a plain string (botocore would embed a value).
                return v if loc == "header" else json.dumps(v, separators=(",", ":"))
            if loc in ("header", "header-list"):
                return self.string(shape, HEADER_LIST_WORDS if loc == "header-list" and self.direction == "input" else HEADER_WORDS)
            if loc == "uri":
                return self.string(shape, LABEL_WORDS)
            return self.string(shape)
        if t == "boolean":
            return self.r.choice([True, False])
        if t in ("integer", "short", "byte"):
            return self.r.choice(INTS)
        if t == "long":
            return self.r.choice(LONGS)
        if t in ("float", "double"):
            f = self.r.choice(FLOATS)
            if t == "float" and not math.isnan(f) and not math.isinf(f) and abs(f) > 1e38:
                f = 1.5
            return f
        if t == "timestamp":
            return datetime.datetime.fromtimestamp(self.r.choice(SECONDS), datetime.timezone.utc)
        if t == "blob":
            return self.r.choice(["value", "", "hello world", "a+b/c==", "\u00e9t\u00e9"]).encode()
        raise ValueError(t)

    def string(self, shape, words=WORDS):
        if shape.enum:
            return self.r.choice(shape.enum)
        return self.r.choice(words)

    def document(self, depth):
        kind = self.r.choice(["str", "num", "float", "bool", "null", "list", "map"] if depth < 3 else ["str", "num", "bool"])
        if kind == "str":
            return self.r.choice(WORDS)
        if kind == "num":
            return self.r.choice([0, 1, -7, 123456789012])
        if kind == "float":
            return self.r.choice([1.5, -0.25, 1e-07])
        if kind == "bool":
            return self.r.choice([True, False])
        if kind == "null":
            return None
        if kind == "list":
            return [self.document(depth + 1) for _ in range(self.r.choice([0, 1, 2]))]
        return {self.r.choice(["a", "b", "c d"]): self.document(depth + 1) for _ in range(self.r.choice([0, 1, 2]))}

    def structure(self, shape, depth):
        out = {}
        members = shape.members
        if shape.is_tagged_union:
            name = self.r.choice(list(members))
            out[name] = self.value(members[name], depth)
            return out
        for name, member in members.items():
            ser = member.serialization
            if ser.get("eventstream") or member.type_name == "structure" and member.serialization.get("eventstream"):
                continue
            if ser.get("location") == "statusCode":
                continue
            if self.direction == "output" and ser.get("location") == "header" and member.type_name == "list" \
                    and member.member.type_name == "timestamp":
                # botocore splits a header list on every comma, HTTP
                # dates included.
                continue
            if ser.get("hostLabel"):
                out[name] = self.r.choice(["label", "a-b", "x.y"])
                continue
            if ser.get("location") == "uri":
                out[name] = self.value(member, depth)
                continue
            if ser.get("idempotencyToken") or getattr(member, "metadata", {}).get("idempotencyToken"):
                out[name] = "00000000-0000-4000-8000-000000000000"
                continue
            if depth <= self.max_depth and self.r.random() < self.p_member:
                if member.type_name == "structure" and depth >= self.max_depth:
                    continue
                out[name] = self.value(member, depth)
                while getattr(member, "is_document_type", False) and out[name] is None:
                    # A nil Go any is an unset member; botocore sends an
                    # explicit None as null.
                    out[name] = self.document(depth)
        for name, member in members.items():
            if self.direction == "output" and shape.serialization.get("payload") == name and not out.get(name) \
                    and member.type_name in ("blob", "string"):
                # An empty (or absent) blob payload: botocore gives b"",
                # goto3 leaves the member unset as Smithy's
                # RestJsonHttpPayloadTraitsWithNoBlobBody asks.
                out[name] = b"payload" if member.type_name == "blob" else "payload"
        return out


def json_safe(v):
    """NaN and the infinities as the strings the Go test helpers take."""
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [json_safe(x) for x in v]
    return v


def to_params(shape, value):
    """A Python input -> the JSON form protocoltest.BuildValue takes."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        if getattr(shape, "is_document_type", False):
            return json_safe(value)
        return {k: to_params(shape.members[k], v) for k, v in value.items()}
    if t == "list":
        return [to_params(shape.member, v) for v in value]
    if t == "map":
        return {k: to_params(shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        return calendar.timegm(value.utctimetuple())
    if t == "blob":
        return value.decode("utf-8")
    if t in ("string", "character") and shape.serialization.get("jsonvalue") and not isinstance(value, str):
        # botocore takes the value, goto3 the JSON text of it.
        return json.dumps(value, separators=(",", ":"))
    return json_safe(value)


def to_result(shape, value):
    """What botocore parsed -> the form protocoltest.ToJSON gives."""
    if value is None:
        return None
    t = shape.type_name
    if t == "structure":
        if getattr(shape, "is_document_type", False):
            return json_safe(value)
        return {k: to_result(shape.members[k], v) for k, v in value.items() if k in shape.members}
    if t == "list":
        return [to_result(shape.member, v) for v in value]
    if t == "map":
        return {k: to_result(shape.value, v) for k, v in value.items()}
    if t == "timestamp":
        if isinstance(value, datetime.datetime):
            return calendar.timegm(value.utctimetuple()) + value.microsecond / 1e6
        return value
    if t == "blob":
        # A payload blob comes back as str (botocore decodes the body).
        return value if isinstance(value, str) else value.decode("utf-8")
    return json_safe(value)


def load_suite(path, index, operation):
    with open(os.path.join(PROTOCOLS, path)) as f:
        suite = json.load(f)[index]
    case = next(c for c in suite["cases"] if c["given"]["name"] == operation)
    desc = copy.deepcopy(suite)
    given = case["given"]
    desc["operations"] = {operation: given}
    model = botocore.model.ServiceModel(desc)
    return model, botocore.model.OperationModel(given, model), case["id"]


def serialize_request(model, op, params):
    cls = botocore.serialize.SERIALIZERS[model.metadata["protocol"]]
    req = cls().serialize_to_request(copy.deepcopy(params), op)
    body = req["body"]
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    qs = req.get("query_string")
    if isinstance(qs, dict):
        qs = percent_encode_sequence(qs)
    return {
        "method": req["method"],
        "path": req["url_path"],
        "query": qs or "",
        "headers": {k: str(v) for k, v in req["headers"].items()},
        "body": body,
        "hostPrefix": req.get("host_prefix") or "",
    }


def requests():
    out = []
    for i, (path, suite, name, count) in enumerate(REQUESTS):
        model, op, case_id = load_suite(path, suite, name)
        gen = Gen(1000 + i, "input", max_depth=2 if name == "KitchenSinkOperation" else 3)
        for _ in range(count):
            params = gen.structure(op.input_shape, 0) if op.input_shape is not None else {}
            out.append({
                "file": path, "suite": suite, "case": case_id, "operation": name,
                "params": to_params(op.input_shape, params) if op.input_shape is not None else {},
                "request": serialize_request(model, op, params),
            })
    return out


def response_for(model, op, value):
    """Render an output value as the service would answer: the protocol's
    serializer, run on a copy of the operation whose input is the output
    shape, gives the body (and, for REST-JSON, the headers)."""
    desc = copy.deepcopy(model._service_description)
    given = copy.deepcopy(desc["operations"][op.name])
    given["input"] = given.pop("output")
    given.setdefault("http", {"method": "POST", "requestUri": "/"})
    given["http"]["requestUri"] = "/"
    desc["operations"] = {op.name: given}
    m2 = botocore.model.ServiceModel(desc)
    op2 = botocore.model.OperationModel(given, m2)
    req = serialize_request(m2, op2, value)
    headers = {k: v for k, v in req["headers"].items() if k not in ("X-Amz-Target", "Content-Type", "x-amzn-query-mode")}
    return headers, req["body"]


def parse(model, op, status, headers, body):
    parser = botocore.parsers.create_parser(model.metadata["protocol"])
    resp = {"status_code": status, "headers": HeadersDict(headers), "body": body.encode("utf-8")}
    parsed = parser.parse(resp, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


def responses():
    out = []
    for i, (path, suite, name, count) in enumerate(RESPONSES):
        model, op, case_id = load_suite(path, suite, name)
        gen = Gen(2000 + i, "output", max_depth=2 if name == "KitchenSinkOperation" else 3)
        for _ in range(count):
            value = gen.structure(op.output_shape, 0)
            headers, body = response_for(model, op, value)
            parsed = parse(model, op, 200, headers, body)
            out.append({
                "file": path, "suite": suite, "case": case_id, "operation": name,
                "status": 200, "headers": headers, "body": body,
                "result": to_result(op.output_shape, parsed),
            })
    return out


def error_vectors():
    out = []
    r = random.Random(3000)
    for path, suite, name in ERRORS:
        model, op, case_id = load_suite(path, suite, name)
        protocol = model.metadata["protocol"]
        shapes = [s for s in op.error_shapes]
        for k in range(8):
            shape = r.choice(shapes + [None])
            code = shape.error_code if shape is not None else r.choice(["InternalFailure", "ThrottlingException"])
            typ = shape.name if shape is not None else code
            body = {}
            headers = {}
            form = r.choice(["__type", "__type-ns", "header", "code"] if protocol == "rest-json" else ["__type", "__type-ns"])
            if form == "__type":
                body["__type"] = typ
            elif form == "__type-ns":
                body["__type"] = "aws.protocoltests#" + typ + (":http://internal.amazon.com/coral/" if k % 2 else "")
            elif form == "header":
                headers["X-Amzn-Errortype"] = typ + ":http://internal.amazon.com/coral/"
            else:
                body["code"] = typ
            if model.metadata.get("awsQueryCompatible") is not None and shape is not None and k % 2:
                headers["x-amzn-query-error"] = code + ";Sender"
            if r.random() < 0.8:
                body[r.choice(["message", "Message"])] = r.choice(["Hi", "rate exceeded", "caf\u00e9"])
            if shape is not None:
                for mname, member in shape.members.items():
                    ser = member.serialization
                    if ser.get("location") == "header":
                        headers[ser.get("name", mname)] = "hdr-" + mname
                    elif mname not in ("message", "Message") and r.random() < 0.7 and member.type_name in ("string", "structure"):
                        body[ser.get("name", mname)] = "v-" + mname if member.type_name == "string" else {}
            status = r.choice([400, 403, 404, 500])
            text = json.dumps(body)
            parser = botocore.parsers.create_parser(protocol)
            resp = {"status_code": status, "headers": HeadersDict(headers), "body": text.encode()}
            parsed = parser.parse(resp, op.output_shape)
            err = parsed["Error"]
            modeled = None
            members = None
            try:
                eshape = model.shape_for(err.get("QueryErrorCode") or err["Code"])
            except botocore.model.NoShapeFoundError:
                eshape = None
            if eshape is not None and eshape.metadata.get("exception"):
                modeled = eshape.name
                mparsed = parser.parse(resp, eshape)
                mparsed.pop("ResponseMetadata", None)
                members = to_result(eshape, mparsed)
            out.append({
                "file": path, "suite": suite, "case": case_id, "operation": name,
                "status": status, "headers": headers, "body": text,
                "code": err["Code"], "message": err["Message"], "modeled": modeled, "members": members,
            })
    return out


def main():
    vectors = {
        "botocore": botocore.__version__,
        "requests": requests(),
        "responses": responses(),
        "errors": error_vectors(),
    }
    # One vector per line: a small file that diffs well.
    with open(os.path.join(HERE, "json-vectors.json"), "w") as f:
        f.write('{"botocore": %s' % json.dumps(vectors["botocore"]))
        for key in ("requests", "responses", "errors"):
            f.write(',\n"%s": [\n' % key)
            f.write(",\n".join(json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for v in vectors[key]))
            f.write("\n]")
        f.write("}\n")
    print("requests %d, responses %d, errors %d" % (len(vectors["requests"]), len(vectors["responses"]), len(vectors["errors"])))


if __name__ == "__main__":
    main()
