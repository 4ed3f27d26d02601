package retry_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"

	"github.com/goto3/goto3/retry"
)

// adaptive.json is written by testdata/gen_adaptive.py from botocore's own
// classes; the Go port must follow it number for number.
type vectors struct {
	Cubic []struct {
		Name         string  `json:"name"`
		StartMaxRate float64 `json:"start_max_rate"`
		Start        float64 `json:"start"`
		Steps        []struct {
			Op       string  `json:"op"`
			Rate     float64 `json:"rate"`
			T        float64 `json:"t"`
			Result   float64 `json:"result"`
			WMax     float64 `json:"w_max"`
			K        float64 `json:"k"`
			LastFail float64 `json:"last_fail"`
		} `json:"steps"`
	} `json:"cubic"`
	Limiter []struct {
		Name  string  `json:"name"`
		Start float64 `json:"start"`
		Steps []struct {
			T            float64 `json:"t"`
			Op           string  `json:"op"`
			Acquired     bool    `json:"acquired"`
			Throttled    bool    `json:"throttled"`
			Enabled      bool    `json:"enabled"`
			MeasuredRate float64 `json:"measured_rate"`
			FillRate     float64 `json:"fill_rate"`
			MaxCapacity  float64 `json:"max_capacity"`
			Capacity     float64 `json:"capacity"`
		} `json:"steps"`
	} `json:"limiter"`
}

func loadVectors(t *testing.T) vectors {
	t.Helper()
	b, err := os.ReadFile("testdata/adaptive.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Cubic) == 0 || len(v.Limiter) == 0 {
		t.Fatal("no vectors")
	}
	return v
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func TestCubicVectors(t *testing.T) {
	for _, tc := range loadVectors(t).Cubic {
		t.Run(tc.Name, func(t *testing.T) {
			c := retry.NewCubic(tc.StartMaxRate, tc.Start)
			for i, s := range tc.Steps {
				var got float64
				if s.Op == "success" {
					got = c.Success(s.T)
				} else {
					got = c.Failure(s.Rate, s.T)
				}
				w, k, lf := c.Params()
				if !near(got, s.Result) || !near(w, s.WMax) || !near(k, s.K) || !near(lf, s.LastFail) {
					t.Errorf("step %d %s(t=%v): got rate %v w_max %v k %v last_fail %v, want %v %v %v %v",
						i, s.Op, s.T, got, w, k, lf, s.Result, s.WMax, s.K, s.LastFail)
				}
			}
		})
	}
}

func TestLimiterVectors(t *testing.T) {
	for _, tc := range loadVectors(t).Limiter {
		t.Run(tc.Name, func(t *testing.T) {
			l := retry.NewLimiterAt(tc.Start)
			for i, s := range tc.Steps {
				desc := fmt.Sprintf("step %d %s t=%v", i, s.Op, s.T)
				if s.Op == "send" {
					if got := l.TryAcquire(s.T); got != s.Acquired {
						t.Fatalf("%s: got acquired %v, want %v", desc, got, s.Acquired)
					}
				} else {
					l.OnResponse(s.T, s.Throttled)
				}
				g := l.Internals()
				if g.Enabled != s.Enabled || !near(g.MeasuredRate, s.MeasuredRate) || !near(g.FillRate, s.FillRate) ||
					!near(g.MaxCapacity, s.MaxCapacity) || !near(g.Capacity, s.Capacity) {
					t.Fatalf("%s: got %+v, want enabled %v measured %v fill %v max %v cap %v",
						desc, g, s.Enabled, s.MeasuredRate, s.FillRate, s.MaxCapacity, s.Capacity)
				}
			}
		})
	}
}
