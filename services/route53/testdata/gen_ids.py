"""What botocore sends for every Route 53 operation whose input has a member
of shape ResourceId, DelegationSetId or ChangeId, when those members carry
the prefixes Route 53's own answers put on ids ("/hostedzone/Z...",
"/delegationset/N...", "/change/C..."): botocore's fix_route53_ids keeps
the text after the last "/". Each case fills the input's required members
with plain values, sets every id member, and records the method, path,
query and body botocore would send (captured before sending). Writes
ids.json beside this file.

    python3 services/route53/testdata/gen_ids.py
"""
import json
import os

import botocore
import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
ID_SHAPES = {"ResourceId": "/hostedzone/Z1PA6795UKMFR9", "DelegationSetId": "/delegationset/N1PA6795SAMPLE", "ChangeId": "/change/C2682N5HXP0BZ4"}


def fill(shape):
    t = shape.type_name
    if t == "structure":
        return {name: fill(shape.members[name]) for name in shape.required_members}
    if t == "list":
        return [fill(shape.member)]
    if t == "map":
        return {"k": fill(shape.value)}
    if t == "string":
        if shape.enum:
            return shape.enum[0]
        n = max(shape.metadata.get("min", 1), 1)
        return ("x" * n) if n > 1 else "x"
    if t in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    if t == "boolean":
        return True
    raise ValueError(f"cannot fill {shape.name} ({t})")


session = botocore.session.Session()
client = session.create_client("route53", region_name="us-east-1", aws_access_key_id="AKID", aws_secret_access_key="SECRET")
model = client.meta.service_model
sent = {}


def capture(request, **kwargs):
    body = request.body
    if isinstance(body, bytes):
        body = body.decode()
    sent.update(method=request.method, url=request.url, body=body or "")
    raise RuntimeError("captured")


client.meta.events.register("before-send.route53", capture)
cases = []
for op_name in model.operation_names:
    op = model.operation_model(op_name)
    shape = op.input_shape
    if shape is None:
        continue
    ids = {name: ID_SHAPES[m.name] for name, m in shape.members.items() if m.name in ID_SHAPES}
    if not ids:
        continue
    for variant in ("prefixed", "bare"):
        params = fill(shape)
        for name, value in ids.items():
            params[name] = value if variant == "prefixed" else value.rsplit("/", 1)[1]
        method = getattr(client, botocore.xform_name(op_name))
        sent.clear()
        try:
            method(**params)
        except RuntimeError:
            pass
        cases.append({"operation": op_name, "name": op_name + "/" + variant, "params": params,
                      "members": sorted(ids), "method": sent["method"], "url": sent["url"], "body": sent["body"]})

with open(os.path.join(HERE, "ids.json"), "w") as f:
    json.dump({"botocore": botocore.__version__, "operations": len(cases) // 2, "cases": cases}, f, indent=1)
    f.write("\n")
print(len(cases) // 2, "operations,", len(cases), "cases")
