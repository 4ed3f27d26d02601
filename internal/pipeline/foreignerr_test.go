package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/pipeline"
)

// causeTransport fails every request with an error wrapping foreign, as
// net/http does with the cause of a cancelled request's context (an
// errgroup's, holding a sibling call's error).
type causeTransport struct{ foreign error }

func (t causeTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("Put %q: %w", r.URL, t.foreign)
}

// TestForeignAPIErrorUntouched: a call annotates (Attempts,
// RetriesExhausted) only the error answer it decoded itself, never an
// *APIError of another call that its error merely wraps; calls failing
// at once with the same foreign error do not race on it.
func TestForeignAPIErrorUntouched(t *testing.T) {
	foreign := &goto3.APIError{Code: "InvalidRequest", Message: "part refused", StatusCode: 400}
	clock := newFakeClock()
	c := newClient(t, nil, "http://127.0.0.1:1", clock, func(o *pipeline.Options) {
		o.HTTPClient = &http.Client{Transport: causeTransport{foreign: &goto3.OperationError{Service: "s3", Operation: "UploadPart", Err: foreign}}}
	})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := c.Invoke(context.Background(), &opGetWidget, &GetWidgetInput{Name: "w"}, &GetWidgetOutput{}, nil)
			if err == nil {
				t.Error("got no error")
			}
			var api *goto3.APIError
			if !errors.As(err, &api) || api != foreign {
				t.Errorf("got %v, want the foreign error in the chain", err)
			}
		}()
	}
	wg.Wait()
	if foreign.Attempts != 0 || foreign.RetriesExhausted {
		t.Errorf("the foreign error was annotated: Attempts %d, RetriesExhausted %v", foreign.Attempts, foreign.RetriesExhausted)
	}
}
