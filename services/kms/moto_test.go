package kms_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/kms"
)

// KMS against moto: symmetric encrypt/decrypt with an encryption context,
// data keys, aliases, asymmetric sign/verify (the signatures also checked
// in Go with the key GetPublicKey returns), and modelled errors.

func motoClient(t *testing.T) *kms.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := kms.New(srv.Config())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMotoEncryptDecrypt(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	key, err := c.CreateKey(ctx, &kms.CreateKeyInput{Description: goto3.Ptr("goto3 test")})
	if err != nil {
		t.Fatal(err)
	}
	md := key.KeyMetadata
	if md == nil || md.KeyId == "" || md.KeySpec == nil || *md.KeySpec != kms.KeySpecSymmetricDefault || md.Enabled == nil || !*md.Enabled || md.CreationDate == nil {
		t.Fatalf("key metadata %+v", md)
	}
	alias := "alias/" + testpeer.BucketName(t)
	if _, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: alias, TargetKeyId: md.KeyId}); err != nil {
		t.Fatal(err)
	}
	plain := append([]byte("secret \x00\xff bytes "), bytes.Repeat([]byte{0xa5}, 300)...)
	ec := map[string]string{"purpose": "test", "tenant": "ü"}
	enc, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: alias, Plaintext: plain, EncryptionContext: ec})
	if err != nil {
		t.Fatal(err)
	}
	if len(enc.CiphertextBlob) == 0 || bytes.Contains(enc.CiphertextBlob, plain) || enc.KeyId == nil {
		t.Fatalf("Encrypt: %+v", enc)
	}
	dec, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: ec})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(dec.Plaintext, plain) || dec.KeyId == nil || *dec.KeyId != *enc.KeyId {
		t.Errorf("Decrypt: %q (key %v), want %q", dec.Plaintext, dec.KeyId, plain)
	}
	// The wrong encryption context does not decrypt.
	_, err = c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: enc.CiphertextBlob, EncryptionContext: map[string]string{"purpose": "other"}})
	var ice *kms.InvalidCiphertextException
	if !errors.As(err, &ice) || goto3.ErrorCode(err) != "InvalidCiphertextException" {
		t.Errorf("got %v, want InvalidCiphertextException", err)
	}

	dk, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: md.KeyId, KeySpec: goto3.Ptr(kms.DataKeySpecAes256)})
	if err != nil {
		t.Fatal(err)
	}
	if len(dk.Plaintext) != 32 {
		t.Fatalf("data key of %d bytes", len(dk.Plaintext))
	}
	back, err := c.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: dk.CiphertextBlob})
	if err != nil || !bytes.Equal(back.Plaintext, dk.Plaintext) {
		t.Errorf("decrypting the data key: %v", err)
	}

	found := false
	for a, err := range c.ListAliasesItems(ctx, &kms.ListAliasesInput{KeyId: &md.KeyId}) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || a.AliasName != nil && *a.AliasName == alias
	}
	if !found {
		t.Errorf("alias %s not listed", alias)
	}
}

func TestMotoSignVerify(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	msg := []byte("the message to sign")
	for _, tt := range []struct {
		spec kms.KeySpec
		alg  kms.SigningAlgorithmSpec
	}{
		{kms.KeySpecRsa2048, kms.SigningAlgorithmSpecRsassaPssSha256},
		{kms.KeySpecRsa2048, kms.SigningAlgorithmSpecRsassaPkcs1V15Sha256},
		{kms.KeySpecEccNistP256, kms.SigningAlgorithmSpecEcdsaSha256},
	} {
		t.Run(string(tt.alg), func(t *testing.T) {
			key, err := c.CreateKey(ctx, &kms.CreateKeyInput{KeySpec: goto3.Ptr(tt.spec), KeyUsage: goto3.Ptr(kms.KeyUsageTypeSignVerify)})
			if err != nil {
				t.Fatal(err)
			}
			id := key.KeyMetadata.KeyId
			sig, err := c.Sign(ctx, &kms.SignInput{KeyId: id, Message: msg, MessageType: goto3.Ptr(kms.MessageTypeRaw), SigningAlgorithm: tt.alg})
			if err != nil {
				t.Fatal(err)
			}
			if len(sig.Signature) == 0 || sig.SigningAlgorithm == nil || *sig.SigningAlgorithm != tt.alg {
				t.Fatalf("Sign: %+v", sig)
			}
			v, err := c.Verify(ctx, &kms.VerifyInput{KeyId: id, Message: msg, Signature: sig.Signature, SigningAlgorithm: tt.alg})
			if err != nil || v.SignatureValid == nil || !*v.SignatureValid {
				t.Errorf("Verify: %+v, %v", v, err)
			}
			// A changed message: moto answers SignatureValid false where
			// KMS raises KMSInvalidSignatureException; either says no.
			v, err = c.Verify(ctx, &kms.VerifyInput{KeyId: id, Message: []byte("another message"), Signature: sig.Signature, SigningAlgorithm: tt.alg})
			var invalid *kms.KMSInvalidSignatureException
			if err == nil && (v.SignatureValid == nil || *v.SignatureValid) || err != nil && !errors.As(err, &invalid) {
				t.Errorf("Verify of another message: %+v, %v", v, err)
			}

			// The signature verifies in Go with the public key.
			pk, err := c.GetPublicKey(ctx, &kms.GetPublicKeyInput{KeyId: id})
			if err != nil {
				t.Fatal(err)
			}
			pub, err := x509.ParsePKIXPublicKey(pk.PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			h := sha256.Sum256(msg)
			switch tt.alg {
			case kms.SigningAlgorithmSpecRsassaPssSha256:
				err = rsa.VerifyPSS(pub.(*rsa.PublicKey), crypto.SHA256, h[:], sig.Signature, nil)
			case kms.SigningAlgorithmSpecRsassaPkcs1V15Sha256:
				err = rsa.VerifyPKCS1v15(pub.(*rsa.PublicKey), crypto.SHA256, h[:], sig.Signature)
			default:
				if !ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), h[:], sig.Signature) {
					err = errors.New("ECDSA signature does not verify")
				}
			}
			if err != nil {
				t.Errorf("verifying locally: %v", err)
			}
		})
	}
}

func TestMotoNotFound(t *testing.T) {
	c := motoClient(t)
	_, err := c.DescribeKey(context.Background(), &kms.DescribeKeyInput{KeyId: "11111111-2222-3333-4444-555555555555"})
	var nf *kms.NotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want *kms.NotFoundException", err)
	}
	var api *goto3.APIError
	if !errors.As(err, &api) || api.Code != "NotFoundException" || api.StatusCode != 400 || api.Message == "" {
		t.Errorf("APIError %+v", api)
	}
}
