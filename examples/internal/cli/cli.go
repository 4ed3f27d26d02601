package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/goto3/goto3/session"
	"github.com/goto3/goto3/transfer"
)

// Flags holds the -endpoint-url and -region values every example takes.
// Empty means "not given": goto3 then resolves the value the way boto3 does.
type Flags struct {
	EndpointURL string
	Region      string
}

// Register defines -endpoint-url and -region on fs, storing into f.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.EndpointURL, "endpoint-url", "", "endpoint URL (default: AWS_ENDPOINT_URL, the profile's endpoint_url, or AWS)")
	fs.StringVar(&f.Region, "region", "", "region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's region)")
}

// Options returns the session options for the values given: WithRegion
// for a non-empty Region, then WithEndpointURL for a non-empty EndpointURL.
func (f Flags) Options() []func(*session.Options) {
	var opts []func(*session.Options)
	if f.Region != "" {
		opts = append(opts, session.WithRegion(f.Region))
	}
	if f.EndpointURL != "" {
		opts = append(opts, session.WithEndpointURL(f.EndpointURL))
	}
	return opts
}

// Session returns session.New(extra..., f.Options()...).
func (f Flags) Session(extra ...func(*session.Options)) (*session.Session, error) {
	return session.New(append(extra, f.Options()...)...)
}

// ProgressBar returns a transfer.ProgressFunc drawing a 25-column bar
// labelled label on w (the examples pass os.Stderr, keeping stdout for
// facts). It redraws only when the whole percentage grows, so a part sent
// again after a rewind (a negative delta, as in boto3) does not move it
// back, and ends the line when the transfer is complete. The transfer
// manager never calls it concurrently for one transfer; use one per
// transfer.
func ProgressBar(w io.Writer, label string) transfer.ProgressFunc {
	last := -1
	return func(_, total, size int64) {
		if size <= 0 {
			return
		}
		pct := int(total * 100 / size)
		if pct <= last {
			return
		}
		last = pct
		n := pct / 4
		fmt.Fprintf(w, "\r%s [%s%s] %3d%% %6.1f/%.1f MiB", label, strings.Repeat("#", n), strings.Repeat(" ", 25-n),
			pct, float64(total)/(1<<20), float64(size)/(1<<20))
		if total >= size {
			fmt.Fprintln(w)
		}
	}
}

// MBps returns the throughput of n bytes moved in d, in megabytes (10^6
// bytes) per second.
func MBps(n int64, d time.Duration) float64 { return float64(n) / 1e6 / d.Seconds() }
