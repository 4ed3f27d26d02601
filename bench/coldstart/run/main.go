// Command run measures cold start: it runs each program given (built
// binaries taking a bucket and a key) -n times, alternating between them,
// with the environment pointing at -url (static credentials, us-east-1,
// AWS_ENDPOINT_URL, no shared config files), and prints per program the
// median, mean and min of exec-to-exit wall time, the mean user+system CPU
// time and the largest peak RSS:
//
//	go build -o /tmp/cs-goto3 ./coldstart/goto3 && go build -o /tmp/cs-v2 ./coldstart/v2
//	go run ./coldstart/run -url http://127.0.0.1:PORT -n 200 /tmp/cs-goto3 /tmp/cs-v2
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

func main() {
	url := flag.String("url", "", "discardserver URL (required)")
	n := flag.Int("n", 100, "runs of each program")
	flag.Parse()
	if *url == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: run -url URL [-n N] program...")
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "coldstart")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + dir,
		"AWS_ACCESS_KEY_ID=AKID", "AWS_SECRET_ACCESS_KEY=SECRET", "AWS_REGION=us-east-1",
		"AWS_ENDPOINT_URL=" + *url,
		"AWS_CONFIG_FILE=" + filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
	}
	progs := flag.Args()
	wall := make([][]time.Duration, len(progs))
	cpu := make([]time.Duration, len(progs))
	rss := make([]int64, len(progs))
	for i := 0; i < *n; i++ {
		for j, p := range progs {
			cmd := exec.Command(p, "bucket", "key")
			cmd.Env = env
			start := time.Now()
			out, err := cmd.CombinedOutput()
			el := time.Since(start)
			if err != nil {
				fmt.Fprintf(os.Stderr, "%s: %v\n%s", p, err, out)
				os.Exit(1)
			}
			wall[j] = append(wall[j], el)
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			cpu[j] += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			rss[j] = max(rss[j], ru.Maxrss)
		}
	}
	for j, p := range progs {
		w := wall[j]
		slices.Sort(w)
		var sum time.Duration
		for _, d := range w {
			sum += d
		}
		fmt.Printf("%-24s median %6.2f ms  mean %6.2f ms  min %6.2f ms  CPU %6.2f ms  peak RSS %.1f MiB  (%d runs)\n",
			filepath.Base(p), ms(w[len(w)/2]), ms(sum/time.Duration(len(w))), ms(w[0]), ms(cpu[j]/time.Duration(len(w))), float64(rss[j])/1024, len(w))
	}
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
