#!/usr/bin/env python3
"""Writes boto3_conditions.json: the expressions boto3's
ConditionExpressionBuilder writes for conditions made with
boto3.dynamodb.conditions, with their placeholders.

    python3 boto3_conditions.py > boto3_conditions.json

Each case builds one or more conditions with one builder, in order (as
boto3's Table does for a request: FilterExpression or ConditionExpression
first, then KeyConditionExpression), and records each expression, then the
names and the values (attribute values in DynamoDB's wire JSON, through
boto3's TypeSerializer). The Go test builds the same conditions, under the
same case names, and compares.
"""
import base64
import json
import sys
from decimal import Decimal

import boto3
from boto3.dynamodb.conditions import Attr, ConditionExpressionBuilder, Key
from boto3.dynamodb.types import TypeSerializer

C, K = "condition", "key"

CASES = [
    ("eq_string", [(C, Attr("name").eq("Ana"))]),
    ("ne_number", [(C, Attr("n").ne(5))]),
    ("lt", [(C, Attr("n").lt(Decimal("1.5")))]),
    ("lte", [(C, Attr("n").lte(-3))]),
    ("gt", [(C, Attr("n").gt(0))]),
    ("gte", [(C, Attr("n").gte(100))]),
    ("between", [(C, Attr("price").between(Decimal("9.99"), 100))]),
    ("begins_with", [(C, Attr("sk").begins_with("order#"))]),
    ("contains_string", [(C, Attr("title").contains("go"))]),
    ("contains_set_element", [(C, Attr("tags").contains("gift"))]),
    ("in", [(C, Attr("status").is_in(["A", "B", "C"]))]),
    ("in_one", [(C, Attr("status").is_in([7]))]),
    ("exists", [(C, Attr("pk").exists())]),
    ("not_exists", [(C, Attr("pk").not_exists())]),
    ("attribute_type", [(C, Attr("v").attribute_type("SS"))]),
    ("size_eq", [(C, Attr("tags").size().eq(3))]),
    ("size_gt", [(C, Attr("body").size().gt(1024))]),
    ("size_lte", [(C, Attr("body").size().lte(10))]),
    ("size_between", [(C, Attr("s").size().between(1, 10))]),
    ("nested_path", [(C, Attr("address.city").eq("Lyon"))]),
    ("list_index", [(C, Attr("lines[0].qty").gt(1))]),
    ("deep_index", [(C, Attr("a[1][2].b.c[10]").eq(True))]),
    ("reserved_words", [(C, Attr("name").eq("x") & Attr("size").gt(1) & Attr("status").ne("y"))]),
    ("compare_attributes", [(C, Attr("a").lt(Attr("b")))]),
    ("compare_with_key", [(C, Attr("a").eq(Key("b")))]),
    ("compare_with_size", [(C, Attr("a").eq(Attr("b").size()))]),
    ("between_attributes", [(C, Attr("x").between(Attr("lo"), Attr("hi")))]),
    ("and", [(C, Attr("a").eq(1) & Attr("b").eq(2))]),
    ("and3", [(C, Attr("a").eq(1) & Attr("b").eq(2) & Attr("c").eq(3))]),
    ("or", [(C, Attr("a").eq(1) | Attr("b").eq(2))]),
    ("not", [(C, ~Attr("a").exists())]),
    ("not_not", [(C, ~~Attr("a").eq(1))]),
    ("grouped", [(C, (Attr("a").eq(1) | Attr("b").eq(2)) & ~Attr("c").exists())]),
    ("right_grouped", [(C, Attr("a").eq(1) & (Attr("b").eq(2) | Attr("c").eq(3)))]),
    ("complex", [(C, (Attr("status").eq("OPEN") & Attr("total").gte(100))
                  | (Attr("priority").is_in([1, 2]) & ~Attr("archived").exists()))]),
    ("same_attribute_twice", [(C, Attr("a").gt(1) & Attr("a").lt(5))]),
    ("value_null", [(C, Attr("x").eq(None))]),
    ("value_bool", [(C, Attr("x").eq(False))]),
    ("value_binary", [(C, Attr("b").eq(b"\x01\x02"))]),
    ("value_list", [(C, Attr("l").eq([1, "a", None]))]),
    ("value_map", [(C, Attr("m").eq({"k": "v", "n": 2}))]),
    ("value_string_set", [(C, Attr("ss").eq({"only"}))]),
    ("value_number_set", [(C, Attr("ns").eq({Decimal("2.5")}))]),
    ("key_eq", [(K, Key("pk").eq("customer#42"))]),
    ("key_number", [(K, Key("id").eq(7))]),
    ("key_and_between", [(K, Key("pk").eq("x") & Key("sk").between("a", "m"))]),
    ("key_and_begins_with", [(K, Key("pk").eq(1) & Key("sk").begins_with("order#"))]),
    ("key_and_lt", [(K, Key("pk").eq("p") & Key("sk").lt(10))]),
    ("key_and_lte", [(K, Key("pk").eq("p") & Key("sk").lte(10))]),
    ("key_and_gt", [(K, Key("pk").eq("p") & Key("sk").gt(10))]),
    ("key_and_gte", [(K, Key("pk").eq("p") & Key("sk").gte(10))]),
    ("key_sort_first", [(K, Key("sk").begins_with("2026-") & Key("pk").eq("p"))]),
    ("query_filter_then_key", [(C, Attr("total").gt(10) & Attr("status").ne("VOID")),
                               (K, Key("pk").eq("customer#42") & Key("sk").begins_with("order#"))]),
    ("names_needing_placeholders", [(C, Attr("first-name").eq("a") & Attr("with space").exists()
                                     & Attr("ünïcode").ne(1) & Attr("#hash:colon").lt(2))]),
    ("reserved_nested", [(C, Attr("data.size.count[3]").gte(1) | Attr("key.value").eq("v"))]),
    ("or_of_ands_deep", [(C, ((Attr("a").eq(1) & Attr("b").eq(2)) | (Attr("c").eq(3) & Attr("d").eq(4)))
                          & ~(Attr("e").begins_with("x") | Attr("f").contains(5)))]),
    ("size_compared_to_attribute", [(C, Attr("list").size().gt(Attr("max")))]),
    ("attribute_type_all", [(C, Attr("a").attribute_type("S") | Attr("b").attribute_type("N")
                             | Attr("c").attribute_type("B") | Attr("d").attribute_type("BOOL")
                             | Attr("e").attribute_type("NULL") | Attr("f").attribute_type("L")
                             | Attr("g").attribute_type("M") | Attr("h").attribute_type("NS")
                             | Attr("i").attribute_type("BS"))]),
    ("contains_binary", [(C, Attr("bs").contains(b"\xff"))]),
    ("begins_with_binary", [(C, Attr("b").begins_with(b"\x00\x01"))]),
    ("key_between_numbers", [(K, Key("pk").eq("p") & Key("n").between(Decimal("-1.5"), Decimal("1e3")))]),
    ("key_binary", [(K, Key("pk").eq(b"\x01") & Key("sk").begins_with(b"\x02"))]),
    ("key_reserved", [(K, Key("name").eq("x") & Key("timestamp").gt(0))]),
    ("projection_like_paths", [(C, Attr("a.b[2].c").exists() & Attr("x[0][1]").not_exists())]),
    ("three_conditions", [(C, Attr("a").exists()), (C, Attr("b").eq(1)), (K, Key("pk").eq(2))]),
    ("two_conditions", [(C, Attr("a").exists()), (C, Attr("b").eq("x"))]),
]


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
    ser = TypeSerializer()
    out = []
    for name, builds in CASES:
        b = ConditionExpressionBuilder()
        exprs, names, values = [], {}, {}
        for kind, cond in builds:
            built = b.build_expression(cond, is_key_condition=(kind == K))
            exprs.append({"kind": kind, "expression": built.condition_expression})
            names.update(built.attribute_name_placeholders)
            values.update({k: wire(ser.serialize(v)) for k, v in built.attribute_value_placeholders.items()})
        out.append({"name": name, "expressions": exprs, "names": names, "values": values})
    json.dump({"boto3": boto3.__version__, "cases": out}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
