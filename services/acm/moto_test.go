package acm_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/internal/testing/testpeer"
	"github.com/goto3/goto3/services/acm"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

func motoClient(t *testing.T) *acm.Client {
	t.Helper()
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	c, err := acm.New(goto3.Config{Region: srv.Region, Credentials: credentials.NewStatic(srv.AccessKeyID, srv.SecretAccessKey, "")},
		func(o *acm.Options) { o.EndpointURL = srv.URL })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// selfSigned returns a PEM certificate for host and its PEM private key.
func selfSigned(t *testing.T, host string) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(42),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kb})
}

// TestMotoCertificates: ACM's everyday flow against moto: a requested
// certificate (DescribeCertificate), an imported one (blobs in JSON;
// GetCertificate gives the PEM back), tags, the ListCertificates
// paginator, the CertificateValidated waiter's failure on a deleted
// certificate, and the modelled ResourceNotFoundException.
func TestMotoCertificates(t *testing.T) {
	c := motoClient(t)
	ctx := context.Background()
	domain := testpeer.BucketName(t) + ".example.com"

	req, err := c.RequestCertificate(ctx, &acm.RequestCertificateInput{DomainName: domain, ValidationMethod: goto3.Ptr(acm.ValidationMethodDns),
		SubjectAlternativeNames: []string{"www." + domain}, Tags: []acm.Tag{{Key: "team", Value: goto3.Ptr("goto3")}}})
	if err != nil {
		t.Fatal(err)
	}
	requested := *req.CertificateArn
	d, err := c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: requested})
	if err != nil {
		t.Fatal(err)
	}
	if cd := d.Certificate; *cd.DomainName != domain || !slices.Contains(cd.SubjectAlternativeNames, "www."+domain) ||
		*cd.Status != acm.CertificateStatusPendingValidation || *cd.Type != acm.CertificateTypeAmazonIssued || cd.CreatedAt == nil || cd.CreatedAt.IsZero() {
		t.Errorf("DescribeCertificate: got %+v", cd)
	}

	certPEM, keyPEM := selfSigned(t, "imported."+domain)
	imp, err := c.ImportCertificate(ctx, &acm.ImportCertificateInput{Certificate: certPEM, PrivateKey: keyPEM})
	if err != nil {
		t.Fatal(err)
	}
	imported := *imp.CertificateArn
	got, err := c.GetCertificate(ctx, &acm.GetCertificateInput{CertificateArn: imported})
	if err != nil {
		t.Fatal(err)
	}
	if got.Certificate == nil || !bytes.Equal(bytes.TrimSpace([]byte(*got.Certificate)), bytes.TrimSpace(certPEM)) {
		t.Errorf("GetCertificate: got %v, want the imported PEM", got.Certificate)
	}
	d, err = c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: imported})
	if err != nil {
		t.Fatal(err)
	}
	if cd := d.Certificate; *cd.Type != acm.CertificateTypeImported || *cd.Status != acm.CertificateStatusIssued || *cd.DomainName != "imported."+domain {
		t.Errorf("imported: got %+v", cd)
	}

	if _, err := c.AddTagsToCertificate(ctx, &acm.AddTagsToCertificateInput{CertificateArn: imported, Tags: []acm.Tag{{Key: "env", Value: goto3.Ptr("test")}}}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.ListTagsForCertificate(ctx, &acm.ListTagsForCertificateInput{CertificateArn: imported})
	if err != nil {
		t.Fatal(err)
	}
	if len(tags.Tags) != 1 || tags.Tags[0].Key != "env" || *tags.Tags[0].Value != "test" {
		t.Errorf("ListTagsForCertificate: got %+v", tags.Tags)
	}

	// moto answers ListCertificates in one page (no NextToken); the
	// paginator's MaxItems still stops the walk with a resume token.
	var arns []string
	for s, err := range c.ListCertificatesItems(ctx, &acm.ListCertificatesInput{}) {
		if err != nil {
			t.Fatal(err)
		}
		arns = append(arns, *s.CertificateArn)
	}
	if !slices.Contains(arns, requested) || !slices.Contains(arns, imported) {
		t.Errorf("ListCertificates: got %v, want %s and %s among them", arns, requested, imported)
	}
	p := c.ListCertificatesPaginator(&acm.ListCertificatesInput{})
	p.MaxItems = 1
	n := 0
	for _, err := range p.Items(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 || (len(arns) > 1 && p.ResumeToken() == "") {
		t.Errorf("MaxItems 1: got %d items, resume token %q", n, p.ResumeToken())
	}

	for _, arn := range []string{requested, imported} {
		if _, err := c.DeleteCertificate(ctx, &acm.DeleteCertificateInput{CertificateArn: arn}); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.DescribeCertificate(ctx, &acm.DescribeCertificateInput{CertificateArn: requested})
	var nf *acm.ResourceNotFoundException
	var api *goto3.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.Code != "ResourceNotFoundException" || !strings.Contains(api.Message, requested) {
		t.Errorf("deleted: got %v, want ResourceNotFoundException naming the ARN", err)
	}
	// The waiter's acceptor for ResourceNotFoundException is a failure.
	w := c.CertificateValidatedWaiter()
	w.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	err = w.Wait(ctx, &acm.DescribeCertificateInput{CertificateArn: requested})
	var wf *goto3.WaiterFailureError
	if !errors.As(err, &wf) || wf.Attempts != 1 {
		t.Errorf("CertificateValidated on a deleted certificate: got %v, want a failure at the first attempt", err)
	}
}
