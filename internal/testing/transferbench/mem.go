package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
)

// printMemory writes where the process's resident memory is: every mapping
// of /proc/self/smaps with its resident and anonymous KiB (mappings of the
// same file and permissions summed), and the Go runtime's own accounting
// from runtime/metrics (heap, stacks, runtime structures). Linux only; on
// other systems only the runtime figures are printed.
func printMemory(w io.Writer) {
	if b, err := os.ReadFile("/proc/self/smaps"); err == nil {
		printSmaps(w, b)
	}
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "Rss") {
				fmt.Fprintln(w, strings.Join(strings.Fields(l), " "))
			}
		}
	}
	names := []string{
		"/memory/classes/heap/objects:bytes",
		"/memory/classes/heap/unused:bytes",
		"/memory/classes/heap/free:bytes",
		"/memory/classes/heap/released:bytes",
		"/memory/classes/heap/stacks:bytes",
		"/memory/classes/os-stacks:bytes",
		"/memory/classes/metadata/mspan/inuse:bytes",
		"/memory/classes/metadata/mcache/inuse:bytes",
		"/memory/classes/metadata/other:bytes",
		"/memory/classes/profiling/buckets:bytes",
		"/memory/classes/other:bytes",
		"/memory/classes/total:bytes",
		"/gc/heap/goal:bytes",
		"/gc/heap/live:bytes",
		"/gc/cycles/total:gc-cycles",
		"/sched/goroutines:goroutines",
	}
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	metrics.Read(samples)
	fmt.Fprintln(w, "runtime/metrics:")
	for _, s := range samples {
		switch s.Value.Kind() {
		case metrics.KindUint64:
			v := s.Value.Uint64()
			if strings.HasSuffix(s.Name, ":bytes") {
				fmt.Fprintf(w, "  %-45s %8.1f KiB\n", s.Name, float64(v)/1024)
			} else {
				fmt.Fprintf(w, "  %-45s %8d\n", s.Name, v)
			}
		}
	}
	fmt.Fprintf(w, "  GOMAXPROCS %d, goroutines %d\n", runtime.GOMAXPROCS(0), runtime.NumGoroutine())
}

type mapping struct {
	name          string
	rss, anon, sz int64
}

// printSmaps sums /proc/self/smaps by (file or kind, permissions) and
// prints the mappings with resident pages, largest first.
func printSmaps(w io.Writer, b []byte) {
	byKey := map[string]*mapping{}
	var cur *mapping
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if !strings.HasSuffix(f[0], ":") {
			// a header: addr perms offset dev inode [path]
			name := "[anon]"
			if len(f) >= 6 {
				name = f[5]
			}
			key := name + " " + f[1]
			if byKey[key] == nil {
				byKey[key] = &mapping{name: key}
			}
			cur = byKey[key]
			continue
		}
		if cur == nil || len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "Size:":
			cur.sz += v
		case "Rss:":
			cur.rss += v
		case "Anonymous:":
			cur.anon += v
		}
	}
	var ms []*mapping
	var total, anon int64
	for _, m := range byKey {
		if m.rss > 0 {
			ms = append(ms, m)
		}
		total += m.rss
		anon += m.anon
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].rss > ms[j].rss })
	fmt.Fprintln(w, "smaps (KiB: resident, anonymous, mapped):")
	for _, m := range ms {
		fmt.Fprintf(w, "  %8d %8d %10d  %s\n", m.rss, m.anon, m.sz, m.name)
	}
	fmt.Fprintf(w, "  %8d %8d             total\n", total, anon)
}

// writeHeapProfile writes the heap profile (live and allocated since the
// start) to path.
func writeHeapProfile(path string) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "transferbench:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		fmt.Fprintln(os.Stderr, "transferbench:", err)
	}
}
