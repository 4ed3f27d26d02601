package sigv4_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/goto3/goto3/sigv4"
)

// v4aCases is the number of case folders in testdata/sigv4/aws-c-auth/v4a.
const v4aCases = 40

// readPublicKey reads a case's public-key.json: {"X": hex, "Y": hex}.
func readPublicKey(t *testing.T, path string) *ecdsa.PublicKey {
	t.Helper()
	var pk struct{ X, Y string }
	if err := json.Unmarshal([]byte(readFile(t, path)), &pk); err != nil {
		t.Fatal(err)
	}
	x, err1 := hex.DecodeString(pk.X)
	y, err2 := hex.DecodeString(pk.Y)
	if err1 != nil || err2 != nil || len(x) != 32 || len(y) != 32 {
		t.Fatalf("%s: bad X or Y", path)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), append(append([]byte{4}, x...), y...))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pub
}

// checkECDSA checks, with crypto/ecdsa alone, that sigHex (hex DER) signs the
// SHA-256 of sts under pub.
func checkECDSA(t *testing.T, what string, pub *ecdsa.PublicKey, sts, sigHex string) {
	t.Helper()
	der, err := hex.DecodeString(sigHex)
	if err != nil {
		t.Errorf("%s: signature %q is not hex: %v", what, sigHex, err)
		return
	}
	digest := sha256.Sum256([]byte(sts))
	if !ecdsa.VerifyASN1(pub, digest[:], der) {
		t.Errorf("%s: signature %s does not verify with the case's public key", what, sigHex)
	}
}

// stringToSignV4a is the SigV4a string to sign of creq at the suite's time
// and service (for the cases whose expectations are assembled).
func stringToSignV4a(creq string) string {
	sum := sha256.Sum256([]byte(creq))
	return "AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n" + hex.EncodeToString(sum[:])
}

// withoutSignature drops the signature from an Authorization value or a
// query parameter list: ECDSA signatures differ every time.
func withoutSignature(auth string) string {
	i := strings.LastIndex(auth, "Signature=")
	if i < 0 {
		return auth
	}
	return auth[:i]
}

// testConformanceV4a runs the aws-c-auth v4a cases (see
// testdata/CONFORMANCE-README.md). Every case is signed by header and by
// query; for each: the canonical request and string to sign match the
// case's exactly, the SHA-256 of the canonical request is the last line of
// the string to sign, the case's expected signatures (the *-signature.txt
// file and the one in the *-signed-request.txt) verify with the case's public
// key, our own signature verifies with it, the signed request matches the
// case's but for the signature, and Verify accepts the case's signed request
// (with the public key, and with the key derived from the secret).
//
// get-vanilla-query-order-key and get-vanilla-query-order-value come with
// only context.json and request.txt upstream. Their request is get-vanilla's
// with a query of a repeated key, so their expected canonical requests are
// assembled from get-vanilla's files and the canonical query that the
// botocore suite gives for its cases of the same name and request, and their
// key is the suite's one (same credentials); there is no expected signature
// to verify.
func testConformanceV4a(t *testing.T) {
	root := filepath.Join(suiteDir, "aws-c-auth", "v4a")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	suiteKey := readPublicKey(t, filepath.Join(root, "get-vanilla", "public-key.json"))
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		dir := filepath.Join(root, e.Name())
		t.Run(e.Name(), func(t *testing.T) {
			var ctx cAuthContext
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "context.json"))), &ctx); err != nil {
				t.Fatal(err)
			}
			creds := sigv4.Credentials{AccessKeyID: ctx.Credentials.AccessKeyID, SecretAccessKey: ctx.Credentials.SecretAccessKey, SessionToken: ctx.Credentials.Token}
			signer := sigv4.NewSigner(func(o *sigv4.Options) {
				o.DisablePathNormalization = !ctx.Normalize
				o.AddSessionTokenAfterSigning = ctx.OmitSessionToken
			})
			raw := parseRawRequest(t, []byte(readFile(t, filepath.Join(dir, "request.txt"))))
			params := sigv4.Params{Service: ctx.Service, RegionSet: []string{ctx.Region}, Time: ctx.Timestamp}

			// The expectations: the case's files, or assembled (see above).
			expect := func(file string) string { return readFile(t, filepath.Join(dir, file)) }
			pub := suiteKey
			assembled := false
			if _, err := os.Stat(filepath.Join(dir, "public-key.json")); err == nil {
				pub = readPublicKey(t, filepath.Join(dir, "public-key.json"))
			} else {
				assembled = true
				vanilla := filepath.Join(root, "get-vanilla")
				creq := readFile(t, filepath.Join(suiteDir, "botocore-aws4_testsuite", e.Name(), e.Name()+".creq"))
				cq := strings.Split(creq, "\n")[2] // the canonical query
				files := map[string]string{}
				h := strings.Split(readFile(t, filepath.Join(vanilla, "header-canonical-request.txt")), "\n")
				h[2] = cq
				files["header-canonical-request.txt"] = strings.Join(h, "\n")
				q := strings.Split(readFile(t, filepath.Join(vanilla, "query-canonical-request.txt")), "\n")
				q[2] = cq + "&" + q[2] // "Param1" sorts before "X-Amz-"
				files["query-canonical-request.txt"] = strings.Join(q, "\n")
				files["header-string-to-sign.txt"] = stringToSignV4a(files["header-canonical-request.txt"])
				files["query-string-to-sign.txt"] = stringToSignV4a(files["query-canonical-request.txt"])
				expect = func(file string) string {
					s, ok := files[file]
					if !ok {
						t.Fatalf("no expectation for %s", file)
					}
					return s
				}
			}

			// The key derived from the credentials is the case's.
			key, err := sigv4.DeriveKeyV4a(creds)
			if err != nil {
				t.Fatal(err)
			}
			if !key.PublicKey.Equal(pub) {
				t.Errorf("derived public key: got X=%x Y=%x, want X=%x Y=%x", key.X, key.Y, pub.X, pub.Y)
			}

			// Verifiers: one with the case's public key (and the credentials, for
			// the session token), one deriving the key from the secret.
			verifiers := map[string]sigv4.VerifyOptions{
				"public key": {
					Lookup: func(id string) (sigv4.Credentials, bool) {
						return sigv4.Credentials{AccessKeyID: id, SessionToken: creds.SessionToken}, id == creds.AccessKeyID
					},
					PublicKey: func(id string) (*ecdsa.PublicKey, bool) { return pub, id == creds.AccessKeyID },
					Now:       ctx.Timestamp, Signer: signer,
				},
				"derived key": verifyOptions(signer, creds, ctx.Timestamp),
			}
			verify := func(t *testing.T, what string, req *http.Request) {
				t.Helper()
				for name, vo := range verifiers {
					v, err := sigv4.Verify(req.Clone(req.Context()), vo)
					if err != nil {
						t.Errorf("Verify(%s) with the %s: %v", what, name, err)
						continue
					}
					if v.Algorithm != sigv4.AlgorithmV4a || !cmp.Equal(v.RegionSet, []string{ctx.Region}) || v.Service != ctx.Service || v.Region != "" {
						t.Errorf("Verify(%s) with the %s: got %s, region set %q, service %q, region %q; want %s, [%s], %s, \"\"",
							what, name, v.Algorithm, v.RegionSet, v.Service, v.Region, sigv4.AlgorithmV4a, ctx.Region, ctx.Service)
					}
				}
			}

			for _, form := range []string{"header", "query"} {
				t.Run(form, func(t *testing.T) {
					req := raw.httpRequest(t)
					var tr sigv4.Trace
					var signedURL string
					var err error
					if form == "header" {
						err = signer.SignHTTPV4a(req, creds, sigv4.WithTrace(params, &tr), func(o *sigv4.Options) { o.AddPayloadHashHeader = ctx.SignBody })
					} else {
						signedURL, _, err = signer.PresignHTTPV4a(req, creds, sigv4.WithTrace(params, &tr), time.Duration(ctx.ExpirationInSeconds)*time.Second)
					}
					if err != nil {
						t.Fatal(err)
					}
					wantCreq, wantSTS := expect(form+"-canonical-request.txt"), expect(form+"-string-to-sign.txt")
					if tr.CanonicalRequest != wantCreq {
						t.Errorf("canonical request: got\n%s\nwant\n%s", tr.CanonicalRequest, wantCreq)
					}
					if tr.StringToSign != wantSTS {
						t.Errorf("string to sign: got\n%s\nwant\n%s", tr.StringToSign, wantSTS)
					}
					lines := strings.Split(wantSTS, "\n")
					if sum := sha256.Sum256([]byte(wantCreq)); lines[len(lines)-1] != hex.EncodeToString(sum[:]) {
						t.Errorf("the case's string to sign does not end with the SHA-256 of its canonical request")
					}
					// Our signature verifies with the case's key.
					checkECDSA(t, "our signature", pub, tr.StringToSign, tr.Signature)
					if assembled {
						// No expected signature or signed request upstream: our own
						// signed request verifies.
						if form == "header" {
							verify(t, "our signed request", req)
						} else {
							verify(t, "our signed URL", presignedRequest(t, raw, signedURL))
						}
						return
					}
					checkECDSA(t, form+"-signature.txt", pub, wantSTS, expect(form+"-signature.txt"))

					signedRaw := parseRawRequest(t, []byte(expect(form+"-signed-request.txt")))
					signedReq := signedRaw.httpRequest(t)
					if form == "header" {
						want, got := headerSet(signedRaw), signedHeaderSet(req)
						for _, m := range []map[string][]string{want, got} {
							for i, a := range m["authorization"] {
								m["authorization"][i] = withoutSignature(a)
							}
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Errorf("signed request headers, Authorization without its signature (-want +got):\n%s", diff)
						}
						checkECDSA(t, "the signature of header-signed-request.txt", pub, wantSTS, authSignature(t, signedReq.Header.Get("Authorization")))
						verify(t, "header-signed-request.txt", signedReq)
						verify(t, "our signed request", req)
					} else {
						_, wantQuery, _ := strings.Cut(signedRaw.target, "?")
						_, gotQuery, _ := strings.Cut(signedURL, "?")
						want, got := querySet(wantQuery), querySet(gotQuery)
						for _, s := range [][]string{want, got} {
							for i, kv := range s {
								if strings.HasPrefix(kv, "X-Amz-Signature=") {
									checkECDSA(t, "X-Amz-Signature", pub, wantSTS, strings.TrimPrefix(kv, "X-Amz-Signature="))
									s[i] = "X-Amz-Signature="
								}
							}
						}
						if diff := cmp.Diff(want, got); diff != "" {
							t.Errorf("signed URL query parameters, X-Amz-Signature without its value (-want +got):\n%s", diff)
						}
						verify(t, "query-signed-request.txt", signedReq)
						verify(t, "our signed URL", presignedRequest(t, raw, signedURL))
					}
				})
			}
		})
	}
	if n != v4aCases {
		t.Errorf("got %d v4a cases, want %d", n, v4aCases)
	}
}

// authSignature returns the Signature= value of an Authorization header.
func authSignature(t *testing.T, auth string) string {
	t.Helper()
	i := strings.LastIndex(auth, "Signature=")
	if i < 0 {
		t.Fatalf("no signature in %q", auth)
	}
	return auth[i+len("Signature="):]
}

// presignedRequest is raw as a server receives it at signedURL: the URL's
// path and query, raw's headers and body.
func presignedRequest(t *testing.T, raw rawRequest, signedURL string) *http.Request {
	t.Helper()
	_, query, _ := strings.Cut(signedURL, "?")
	path, _, _ := strings.Cut(raw.target, "?")
	r := raw
	r.target = path + "?" + query
	return r.httpRequest(t)
}
