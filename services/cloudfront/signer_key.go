package cloudfront

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// ParsePrivateKey returns the private key of the first PEM block in data,
// for NewURLSigner: a PKCS #8 "PRIVATE KEY" (what OpenSSL 3's
// "openssl genrsa -out private_key.pem 2048", the command in the CloudFront
// Developer Guide, writes), a PKCS #1 "RSA PRIVATE KEY" (older OpenSSL,
// legacy CloudFront key pairs) or a SEC 1 "EC PRIVATE KEY". Text before the
// block is skipped. Encrypted PEM blocks are not supported: decrypt the key
// first. The key type and size are checked by NewURLSigner, not here.
// Errors wrap ErrInvalidKey.
func ParsePrivateKey(data []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		return nil, fmt.Errorf("%w: no PEM block found", ErrInvalidKey)
	}
	if _, ok := block.Headers["Proc-Type"]; ok {
		return nil, fmt.Errorf("%w: encrypted PEM keys are not supported", ErrInvalidKey)
	}
	switch block.Type {
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: PKCS #8 key: %w", ErrInvalidKey, err)
		}
		s, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%w: %T is not a signing key", ErrInvalidKey, k)
		}
		return s, nil
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: PKCS #1 key: %w", ErrInvalidKey, err)
		}
		return k, nil
	case "EC PRIVATE KEY":
		k, err := x509.ParseECPrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: SEC 1 key: %w", ErrInvalidKey, err)
		}
		return k, nil
	case "ENCRYPTED PRIVATE KEY":
		return nil, fmt.Errorf("%w: encrypted PEM keys are not supported", ErrInvalidKey)
	default:
		return nil, fmt.Errorf("%w: PEM block %q is not a private key", ErrInvalidKey, block.Type)
	}
}
