package faultserver

import (
	"crypto/sha1"
	"crypto/sha256"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strings"
)

// checksumHeaders maps S3's checksum algorithm names to their header.
var checksumHeaders = map[string]string{
	"CRC32":     "x-amz-checksum-crc32",
	"CRC32C":    "x-amz-checksum-crc32c",
	"CRC64NVME": "x-amz-checksum-crc64nvme",
	"SHA1":      "x-amz-checksum-sha1",
	"SHA256":    "x-amz-checksum-sha256",
}

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout
	// all ones (hash/crc64 does both).
	nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)
)

// newChecksum returns the hash of an S3 checksum algorithm, or nil.
func newChecksum(alg string) hash.Hash {
	switch strings.ToUpper(alg) {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(castagnoli)
	case "CRC64NVME":
		return crc64.New(nvme)
	case "SHA1":
		return sha1.New()
	case "SHA256":
		return sha256.New()
	}
	return nil
}

// algFromHeader returns the algorithm of a checksum header name, or "".
func algFromHeader(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	for alg, h := range checksumHeaders {
		if h == name {
			return alg
		}
	}
	return ""
}

// requestChecksum returns the algorithm whose value a request announces: a
// checksum header (value given), or a trailer named by X-Amz-Trailer (value
// arrives after the body), or "" for none. More than one is an error
// (InvalidRequest) as on S3.
func requestChecksum(h http.Header) (alg, value string, trailer bool, e *s3Error) {
	for a, name := range checksumHeaders {
		if v := h.Get(name); v != "" {
			if alg != "" {
				return "", "", false, &s3Error{Status: 400, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."}
			}
			alg, value = a, v
		}
	}
	if t := h.Get("X-Amz-Trailer"); t != "" {
		a := algFromHeader(t)
		if a == "" {
			return "", "", false, errInvalidArgument("The value specified in the x-amz-trailer header is not supported")
		}
		if alg != "" {
			return "", "", false, &s3Error{Status: 400, Code: "InvalidRequest", Message: "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."}
		}
		return a, "", true, nil
	}
	return alg, value, false, nil
}
