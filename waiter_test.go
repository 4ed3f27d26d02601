package goto3_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goto3/goto3"
)

type waitIn struct{ Name string }

func TestWaiterPassesConfig(t *testing.T) {
	var got goto3.WaiterConfig
	var gotIn *waitIn
	w := goto3.NewWaiter(func(_ context.Context, in *waitIn, cfg goto3.WaiterConfig) error {
		got, gotIn = cfg, in
		return nil
	})
	w.MaxWait = time.Minute
	w.MinDelay = 2 * time.Second
	in := &waitIn{Name: "x"}
	if err := w.Wait(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if got.MaxWait != time.Minute || got.MinDelay != 2*time.Second || gotIn != in {
		t.Errorf("got config %+v and input %p, want the waiter's config and %p", got, gotIn, in)
	}
}

func TestWaiterErrors(t *testing.T) {
	cause := errors.New("AccessDenied")
	f := &goto3.WaiterFailureError{Waiter: "BucketExists", Attempts: 2, Acceptor: -1, Err: cause}
	if !errors.Is(f, cause) || !strings.Contains(f.Error(), "BucketExists: unexpected error after 2 attempts: AccessDenied") {
		t.Errorf("got %q", f.Error())
	}
	f.Acceptor = 3
	if !strings.Contains(f.Error(), "failure state reached (acceptor 3)") {
		t.Errorf("got %q", f.Error())
	}
	to := &goto3.WaiterTimeoutError{Waiter: "ObjectExists", Attempts: 20, Elapsed: 100 * time.Second}
	if want := "waiter: ObjectExists: not reached after 20 attempts (1m40s)"; to.Error() != want {
		t.Errorf("got %q, want %q", to.Error(), want)
	}
}
