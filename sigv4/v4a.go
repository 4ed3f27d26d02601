package sigv4

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// AlgorithmV4a is the SigV4a value of X-Amz-Algorithm and the first word of
// its Authorization header: ECDSA over P-256 of the SHA-256 of the string to
// sign.
const AlgorithmV4a = "AWS4-ECDSA-P256-SHA256"

// The header and query parameter that carry the SigV4a region set.
const (
	HeaderRegionSet = "X-Amz-Region-Set"
	QueryRegionSet  = "X-Amz-Region-Set"
)

// Errors returned by the SigV4a signer. They never contain a secret.
var (
	ErrMissingParamsV4a = errors.New("sigv4: Params.Service, Params.Time and Params.RegionSet (or Params.Region) are required")
	ErrInvalidRegionSet = errors.New("sigv4: every region of Params.RegionSet must be non-empty and without a comma")
)

// v4aSigning is what a SigV4a signature needs besides SigV4's inputs.
type v4aSigning struct {
	key       *ecdsa.PrivateKey
	regionSet string // the regions joined by ','
}

// setupV4a checks the inputs of a SigV4a signature and returns its key (from
// the signer's cache) and region set.
func (s *Signer) setupV4a(req *http.Request, creds Credentials, p *Params) (*v4aSigning, error) {
	if req == nil || req.URL == nil {
		return nil, ErrNilRequest
	}
	if !creds.HasKeys() {
		return nil, ErrMissingCredentials
	}
	set := p.RegionSet
	if len(set) == 0 && p.Region != "" {
		set = []string{p.Region}
	}
	if p.Service == "" || p.Time.IsZero() || len(set) == 0 {
		return nil, ErrMissingParamsV4a
	}
	for _, r := range set {
		if r == "" || strings.IndexByte(r, ',') >= 0 {
			return nil, ErrInvalidRegionSet
		}
	}
	key, err := s.v4aKeys.get(creds.AccessKeyID, creds.SecretAccessKey)
	if err != nil {
		return nil, err
	}
	return &v4aSigning{key: key, regionSet: strings.Join(set, ",")}, nil
}

// SignHTTPV4a signs req in place by its headers with SigV4a
// (AWS4-ECDSA-P256-SHA256), as SignHTTP does with SigV4: it sets X-Amz-Date,
// X-Amz-Region-Set (p.RegionSet joined by ',', or p.Region), the session
// token, X-Amz-Content-Sha256 when the options ask for it, and Authorization,
// whose credential scope has no region (date/service/aws4_request) and whose
// signature is the hex of an ASN.1 DER ECDSA signature. The payload hash,
// the headers signed and the body are handled as by SignHTTP.
//
// The ECDSA key is derived from the credentials (see DeriveKeyV4a) and
// cached by the Signer. Unless Options.DeterministicECDSA is set, every
// signature differs, even for the same request and time.
func (s *Signer) SignHTTPV4a(req *http.Request, creds Credentials, p Params, optFns ...func(*Options)) error {
	a, err := s.setupV4a(req, creds, &p)
	if err != nil {
		return err
	}
	o := s.options(optFns)
	given := p.PayloadHash
	if given == "" && !o.AddPayloadHashHeader && req.Header != nil {
		given = req.Header.Get(HeaderContentSHA256)
	}
	ph, err := payloadHash(req, given)
	if err != nil {
		return err
	}
	_, err = s.signHTTP(req, creds, &p, &o, ph, s.amzDate(p.Time), a)
	return err
}

// PresignHTTPV4a returns a URL for req signed by its query string with SigV4a
// and the headers that were signed, as PresignHTTP does with SigV4. The query
// carries X-Amz-Algorithm (AlgorithmV4a), X-Amz-Credential (with a scope
// without region), X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
// X-Amz-Region-Set, the session token when there is one, and X-Amz-Signature
// (hex DER). req is not modified.
func (s *Signer) PresignHTTPV4a(req *http.Request, creds Credentials, p Params, expires time.Duration, optFns ...func(*Options)) (signedURL string, signedHeaders http.Header, err error) {
	a, err := s.setupV4a(req, creds, &p)
	if err != nil {
		return "", nil, err
	}
	return s.presign(req, creds, &p, expires, s.options(optFns), a)
}

// appendScopeV4a appends the SigV4a credential scope: date/service/aws4_request.
func appendScopeV4a(dst []byte, date []byte, service string) []byte {
	dst = append(dst, date[:8]...)
	dst = append(dst, '/')
	dst = append(dst, service...)
	dst = append(dst, '/')
	dst = append(dst, scopeTerminator...)
	return dst
}

// appendStringToSignV4a appends the SigV4a string to sign of canonical
// request creq: the algorithm, the date, the scope and the hex SHA-256 of
// creq, one per line.
func appendStringToSignV4a(dst []byte, date *[16]byte, service string, creq []byte) []byte {
	sum := sha256.Sum256(creq)
	dst = append(dst, AlgorithmV4a...)
	dst = append(dst, '\n')
	dst = append(dst, date[:]...)
	dst = append(dst, '\n')
	dst = appendScopeV4a(dst, date[:], service)
	dst = append(dst, '\n')
	return appendHex(dst, sum[:])
}

// signV4a builds the string to sign of canonical request creq in sc.sts and
// returns the hex DER ECDSA signature of its SHA-256 (in sc.sig's array).
func signV4a(sc *scratch, a *v4aSigning, o *Options, date *[16]byte, service string, creq []byte) ([]byte, error) {
	sc.sts = appendStringToSignV4a(sc.sts[:0], date, service, creq)
	digest := sha256.Sum256(sc.sts)
	var der []byte
	var err error
	if o.DeterministicECDSA {
		der, err = a.key.Sign(nil, digest[:], crypto.SHA256)
	} else {
		r := o.Rand
		if r == nil {
			r = rand.Reader
		}
		der, err = ecdsa.SignASN1(r, a.key, digest[:])
	}
	if err != nil {
		return nil, fmt.Errorf("sigv4: SigV4a ECDSA signature: %w", err)
	}
	return appendHex(sc.sig[:0], der), nil
}

// verifyV4a reports whether sigHex, the hex of an ASN.1 DER ECDSA signature,
// signs the SHA-256 of string to sign sts under pub.
func verifyV4a(pub *ecdsa.PublicKey, sts []byte, sigHex string) bool {
	var buf [maxDERSignatureLen]byte
	if len(sigHex)%2 != 0 || len(sigHex) > 2*len(buf) {
		return false
	}
	der := buf[:len(sigHex)/2]
	for i := range der {
		hi, ok1 := unhex(sigHex[2*i])
		lo, ok2 := unhex(sigHex[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		der[i] = hi<<4 | lo
	}
	digest := sha256.Sum256(sts)
	return ecdsa.VerifyASN1(pub, digest[:], der)
}

// maxDERSignatureLen is the longest ASN.1 DER encoding of a P-256 ECDSA
// signature: a SEQUENCE (2 bytes of header) of two INTEGERs of at most 33
// bytes (a leading zero byte when the top bit is set) with 2 bytes of header
// each. The shortest valid one is far shorter (small r and s are legal).
const maxDERSignatureLen = 2 + 2*(2+33)
