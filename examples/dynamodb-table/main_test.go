package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"regexp"
	"testing"

	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/internal/testing/testpeer"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testpeer.StopShared()
	os.Exit(code)
}

// TestAgainstMoto runs the example against moto and checks what it
// prints.
func TestAgainstMoto(t *testing.T) {
	srv := testpeer.Moto(t, testpeer.MotoOptions{})
	t.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretAccessKey)
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	out := capture(t, func() error {
		return run(context.Background(), cli.Flags{EndpointURL: srv.URL, Region: srv.Region}, "example-orders", false)
	})
	want := []string{
		`created table example-orders`,
		`put customer#42 order#0001`,
		`second put refused: ConditionalCheckFailedException`,
		`updated order#0001: status PAID, version 2, 2 lines, tags \[priority\]`,
		`got order#0001: found true, total 59\.90?`, // DynamoDB sends 59.9, moto the text it was given
		`batch writer sent 61 writes`,
		`query: 10 shipped orders between order#0010 and order#0039, in [34] pages of 10`,
		`latest order: order#0061 PAID`,
		`scan: cancelled order#0030`,
		`batch get: 2 of 3 keys found`,
		`deleted order#0001 \(status PAID\); found afterwards: false`,
		`deleted table example-orders`,
	}
	lines := regexp.MustCompile("\n").Split(string(bytes.TrimSpace(out)), -1)
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !regexp.MustCompile("^" + w + "$").MatchString(lines[i]) {
			t.Errorf("line %d: got %q, want %q", i+1, lines[i], w)
		}
	}
}

// capture runs f with os.Stdout going to a pipe, and returns what f wrote.
func capture(t *testing.T, f func() error) []byte {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	ferr := f()
	os.Stdout = stdout
	w.Close()
	out := <-done
	if ferr != nil {
		t.Fatalf("run: %v\noutput:\n%s", ferr, out)
	}
	return out
}
