package cli_test

import (
	"fmt"
	"os"
	"time"

	"github.com/goto3/goto3/examples/internal/cli"
)

func ExampleMBps() {
	fmt.Printf("%.1f MB/s\n", cli.MBps(64<<20, 2*time.Second))
	// Output: 33.6 MB/s
}

func ExampleProgressBar() {
	p := cli.ProgressBar(os.Stdout, "upload")
	p(8<<20, 8<<20, 8<<20)
	// Output: upload [#########################] 100%    8.0/8.0 MiB
}
