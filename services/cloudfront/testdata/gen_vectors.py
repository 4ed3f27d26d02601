#!/usr/bin/env python3
"""Write botocore_vectors.json: CloudFront signed URLs made by botocore.

The Go tests in the parent folder (botocore_diff_test.go) reproduce every URL
and policy byte for byte. Run from this folder:

    python3 gen_vectors.py              # rewrite botocore_vectors.json
    python3 gen_vectors.py --new-keys   # also replace the two test keys

It needs botocore and cryptography. The keys it reads, test_rsa2048.pem and
test_ecdsa_p256.pem, are TEST KEYS committed as fixtures: they sign nothing
but these vectors and must never be registered with CloudFront.

Cases:
  canned      botocore CloudFrontSigner.generate_presigned_url(url,
              date_less_than=...), RSA PKCS#1 v1.5 with SHA-1.
  custom      build_policy(resource, date_less_than, date_greater_than,
              ip_address) then generate_presigned_url(url, policy=...).
  sha256      as canned or custom, with an rsa_signer callable that hashes
              with SHA-256, and "&Hash-Algorithm=SHA256" appended as the
              CloudFront Developer Guide documents (botocore has no option
              for it; the suffix is this script's, the rest is botocore's).
  ecdsa       botocore with an ECDSA P-256 (SHA-1) signer callable. ECDSA
              signatures are randomized, so Go checks everything but the
              Signature bytes and verifies the signature instead.
"""

import base64
import datetime
import json
import os
import sys

import botocore
from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

HERE = os.path.dirname(os.path.abspath(__file__))
RSA_PEM = os.path.join(HERE, "test_rsa2048.pem")
EC_PEM = os.path.join(HERE, "test_ecdsa_p256.pem")
OUT = os.path.join(HERE, "botocore_vectors.json")

KEY_PAIR_ID = "K2JCJMDEHXQW5F"  # the example key ID of the CloudFront docs
BANNER = (
    b"TEST KEY for goto3's services/cloudfront tests (gen_vectors.py).\n"
    b"Public in the repository: never register it with CloudFront.\n"
)

UTC = datetime.timezone.utc


def write_keys():
    r = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    e = ec.generate_private_key(ec.SECP256R1())
    for path, key in ((RSA_PEM, r), (EC_PEM, e)):
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        with open(path, "wb") as f:
            f.write(BANNER + pem)


def load_key(path):
    with open(path, "rb") as f:
        data = f.read()
    # The banner precedes the PEM block; OpenSSL skips it, but be explicit.
    return serialization.load_pem_private_key(
        data[data.index(b"-----BEGIN"):], password=None
    )


def at(s):
    """Parse an RFC 3339 time with an offset into an aware datetime."""
    return datetime.datetime.fromisoformat(s)


def iso(dt):
    return dt.isoformat() if dt is not None else None


URLS = [
    ("plain", "https://d111111abcdef8.cloudfront.net/image.jpg"),
    ("query", "https://d111111abcdef8.cloudfront.net/image.jpg?color=red&size=medium"),
    ("http", "http://d111111abcdef8.cloudfront.net/images/horizon.jpg?size=large&license=yes"),
    ("cname", "https://www.example.com/images/image.jpg"),
    ("port", "https://d111111abcdef8.cloudfront.net:8443/videos/intro.mp4"),
    ("escaped_path", "https://d111111abcdef8.cloudfront.net/my%20videos/%E6%97%A5%E6%9C%AC.mp4"),
    ("trailing_qmark", "https://d111111abcdef8.cloudfront.net/image.jpg?"),
    ("odd_query", "https://d111111abcdef8.cloudfront.net/a/b/?x=&x=1&flag&q=a%2Bb%26c"),
    ("root", "https://d111111abcdef8.cloudfront.net/"),
    ("long_path", "https://d111111abcdef8.cloudfront.net/" + "/".join("segment%d" % i for i in range(40)) + "/file.bin"),
]

EXPIRES = [
    ("docs2013", "2013-01-01T10:00:00+00:00"),
    ("docs2026", "2026-01-01T18:00:00+00:00"),
    ("int32max", "2038-01-19T03:14:07+00:00"),
    ("y2100", "2100-01-01T00:00:00+00:00"),
    ("fraction", "2026-06-30T12:34:56.999999+00:00"),  # truncated to seconds
    ("offset", "2026-06-30T18:04:56+05:30"),
]

# (name, resource or None for "the URL itself", date_greater_than, ip_address)
CUSTOM = [
    ("exact", None, None, None),
    ("exact_start", None, "2025-12-31T00:00:00+00:00", None),
    ("exact_ip_cidr", None, None, "192.0.2.0/24"),
    ("exact_ip_single", None, None, "192.0.2.10"),
    ("exact_all", None, "2025-12-31T23:59:59.5+00:00", "203.0.113.7/32"),
    ("dist_wildcard", "https://d111111abcdef8.cloudfront.net/*", None, None),
    ("any_scheme", "http*://d111111abcdef8.cloudfront.net/*", "2020-02-29T12:00:00+00:00", "0.0.0.0/0"),
    ("everything", "*", None, "198.51.100.0/22"),
    ("single_char", "https://d111111abcdef8.cloudfront.net/video-??.mp4", None, None),
    ("query_wildcard", "https://d111111abcdef8.cloudfront.net/image.jpg?*", None, None),
]

# Resources that exercise the JSON string escaping of json.dumps
# (ensure_ascii): quotes, backslashes, control characters, DEL, non-ASCII in
# and beyond the Basic Multilingual Plane. CloudFront would not match most of
# them to a request; they pin the exact bytes that are signed.
ODD_RESOURCES = [
    ("quote_backslash", 'https://example.com/a"b\\c/*'),
    ("controls", "https://example.com/\t\n\r\b\f\x01\x1f\x7f/*"),
    ("unicode", "https://example.com/\u65e5\u672c/caf\u00e9/*"),
    ("astral", "https://example.com/\U0001F600/\U00010348/*"),
    ("slash_and_html", "https://example.com/<script>&amp;/\u2028\u2029/*"),
]


def rsa_signer(key, h):
    return lambda message: key.sign(message, padding.PKCS1v15(), h)


def ec_signer(key):
    return lambda message: key.sign(message, ec.ECDSA(hashes.SHA1()))


def main():
    if "--new-keys" in sys.argv[1:]:
        write_keys()
    rsa_key = load_key(RSA_PEM)
    ec_key = load_key(EC_PEM)
    sha1 = CloudFrontSigner(KEY_PAIR_ID, rsa_signer(rsa_key, hashes.SHA1()))
    sha256 = CloudFrontSigner(KEY_PAIR_ID, rsa_signer(rsa_key, hashes.SHA256()))
    ecdsa = CloudFrontSigner(KEY_PAIR_ID, ec_signer(ec_key))

    cases = []

    def add(name, kind, signer, url, expires, resource=None, start=None, ip=None, suffix=""):
        case = {
            "name": name,
            "kind": kind,
            "url": url,
            "date_less_than": iso(expires),
        }
        if kind == "canned":
            policy = signer.build_policy(url, expires)
            signed = signer.generate_presigned_url(url, date_less_than=expires)
        else:
            policy = signer.build_policy(resource, expires, date_greater_than=start, ip_address=ip)
            signed = signer.generate_presigned_url(url, policy=policy)
            case["resource"] = resource
            case["date_greater_than"] = iso(start)
            case["ip_address"] = ip
        case["policy"] = policy
        case["signed_url"] = signed + suffix
        cases.append(case)

    for uname, url in URLS:
        for ename, exp in EXPIRES:
            add("canned/%s/%s" % (uname, ename), "canned", sha1, url, at(exp))
    exp = at("2026-01-01T18:00:00+00:00")
    for uname, url in URLS:
        for cname, resource, start, ip in CUSTOM:
            add(
                "custom/%s/%s" % (uname, cname), "custom", sha1, url, exp,
                resource=resource if resource is not None else url,
                start=at(start) if start else None, ip=ip,
            )
    url = "https://d111111abcdef8.cloudfront.net/image.jpg"
    for rname, resource in ODD_RESOURCES:
        add("custom/json/%s" % rname, "custom", sha1, url, exp, resource=resource)

    for uname, url in URLS[:4]:
        add("sha256/canned/%s" % uname, "canned", sha256, url, exp, suffix="&Hash-Algorithm=SHA256")
        add(
            "sha256/custom/%s" % uname, "custom", sha256, url, exp,
            resource="https://d111111abcdef8.cloudfront.net/*",
            start=at("2025-12-31T00:00:00+00:00"), ip="192.0.2.0/24",
            suffix="&Hash-Algorithm=SHA256",
        )
        cases[-2]["hash"] = cases[-1]["hash"] = "SHA256"
    for uname, url in URLS[:3]:
        add("ecdsa/canned/%s" % uname, "canned", ecdsa, url, exp)
        add("ecdsa/custom/%s" % uname, "custom", ecdsa, url, exp,
            resource="https://d111111abcdef8.cloudfront.net/*", ip="192.0.2.10")
        cases[-2]["key"] = cases[-1]["key"] = "ecdsa"

    out = {
        "generator": "gen_vectors.py",
        "botocore_version": botocore.__version__,
        "key_pair_id": KEY_PAIR_ID,
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), OUT))


if __name__ == "__main__":
    main()
