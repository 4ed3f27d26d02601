#!/usr/bin/env python3
"""Writes boto3_types.json: what boto3's TypeSerializer makes of Python
values, and what its TypeDeserializer makes of that again.

    python3 boto3_types.py > boto3_types.json

Each case has a name (the Go test has the Go equivalent of the input under
that name), the input's repr, and either "av", the attribute value in
DynamoDB's wire JSON (B and BS base64), with "back", the deserialized value
as a JSON shape (see shape()), or "error", the exception boto3 raised.
Sets are serialized in Python's iteration order (the script runs itself
with PYTHONHASHSEED=0 so that the output is reproducible); compare them as
sets.
"""
import base64
import json
import os
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer

CASES = [
    # scalars
    ("null", None),
    ("true", True),
    ("false", False),
    ("int_zero", 0),
    ("int_one", 1),
    ("int_negative", -42),
    ("int64_max", 2**63 - 1),
    ("int64_min", -(2**63)),
    ("uint64_max", 2**64 - 1),
    ("int_38_digits", 10**37 + 1),
    ("int_1e38", 10**38),
    ("decimal_price", Decimal("19.99")),
    ("decimal_trailing_zero", Decimal("1.50")),
    ("decimal_negative_zero", Decimal("-0")),
    ("decimal_small", Decimal("0.000001")),
    ("decimal_exponent", Decimal("1E+2")),
    ("decimal_exponent_lower", Decimal("1e2")),
    ("decimal_min_positive", Decimal("1E-130")),
    ("decimal_max", Decimal("9.9999999999999999999999999999999999999E+125")),
    ("decimal_38_digits", Decimal("12345678901234567890.123456789012345678")),
    ("decimal_negative_exponent", Decimal("-1.5E-7")),
    ("decimal_leading_zeros", Decimal("007.25")),
    ("string_empty", ""),
    ("string", "hello"),
    ("string_unicode", "\u00fcn\u00efcode \u2713 \U0001f600"),
    ("bytes_empty", b""),
    ("bytes", b"\x00\x01\xfe\xff"),
    ("bytearray", bytearray(b"abc")),
    ("binary", Binary(b"xyz")),
    # collections
    ("list_empty", []),
    ("list_mixed", [1, "a", None, True, Decimal("2.5"), b"\x01"]),
    ("tuple", (1, 2)),
    ("map_empty", {}),
    ("map_nested", {"a": {"b": [1, {"c": True}], "d": None}, "e": "f"}),
    ("string_set", {"red", "green", "blue"}),
    ("number_set", {1, 2, 3}),
    ("number_set_decimal", {Decimal("1.5"), Decimal("-2")}),
    ("binary_set", {b"a", b"bc"}),
    ("frozenset", frozenset({"x"})),
    ("item", {
        "pk": "customer#42", "sk": "order#0001", "total": Decimal("129.95"), "qty": 3,
        "paid": True, "note": None, "tags": {"gift", "express"},
        "lines": [{"sku": "A-1", "qty": 2, "price": Decimal("49.99")}, {"sku": "B-7", "qty": 1, "price": Decimal("29.97")}],
        "address": {"city": "Lyon", "zip": "69001", "geo": [Decimal("45.764"), Decimal("4.8357")]},
        "raw": b"\x89PNG", "scores": {10, 20},
    }),
    # what boto3 refuses
    ("float", 1.5),
    ("float_in_list", [0.1]),
    ("decimal_nan", Decimal("NaN")),
    ("decimal_infinity", Decimal("Infinity")),
    ("decimal_39_digits", Decimal("1.23456789012345678901234567890123456789")),
    ("decimal_1e126", Decimal("1E+126")),
    ("decimal_too_large", Decimal("1E+127")),
    ("decimal_too_small", Decimal("1E-200")),
    ("set_mixed", {1, "a"}),
    ("set_empty", set()),
    ("object", object()),
]


def shape(v):
    """The JSON shape of a deserialized value: None null, bool, str as
    they are; Decimal {"decimal": str}; Binary {"binary": base64}; set
    {"set": [shapes, sorted by their JSON]}; list a JSON array; dict
    {"map": {k: shape}}."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, Decimal):
        return {"decimal": str(v)}
    if isinstance(v, Binary):
        return {"binary": base64.b64encode(bytes(v.value)).decode()}
    if isinstance(v, (set, frozenset)):
        return {"set": sorted((shape(x) for x in v), key=lambda s: json.dumps(s, sort_keys=True))}
    if isinstance(v, list):
        return [shape(x) for x in v]
    if isinstance(v, dict):
        return {"map": {k: shape(x) for k, x in v.items()}}
    raise TypeError(type(v))


def wire(av):
    """An attribute value as DynamoDB's JSON: bytes in base64."""
    (k, v), = av.items()
    if k == "B":
        return {k: base64.b64encode(bytes(v)).decode()}
    if k == "BS":
        return {k: [base64.b64encode(bytes(b)).decode() for b in v]}
    if k == "L":
        return {k: [wire(x) for x in v]}
    if k == "M":
        return {k: {n: wire(x) for n, x in v.items()}}
    return {k: v}


def main():
    # Sets of strings iterate in hash order: fix the hash seed so that the
    # output is the same on every run.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    ser, de = TypeSerializer(), TypeDeserializer()
    out = []
    for name, value in CASES:
        case = {"name": name, "input": repr(value) if name != "object" else "object()"}
        try:
            av = ser.serialize(value)
        except Exception as e:  # noqa: BLE001 - the oracle records what boto3 raises
            case["error"] = f"{type(e).__name__}: {e}" if name != "object" else type(e).__name__
        else:
            case["av"] = wire(av)
            try:
                case["back"] = shape(de.deserialize(av))
            except Exception as e:  # noqa: BLE001
                case["back_error"] = f"{type(e).__name__}: {e}"
        out.append(case)
    json.dump({"boto3": boto3.__version__, "cases": out}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
