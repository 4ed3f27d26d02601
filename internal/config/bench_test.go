package config_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goto3/goto3/internal/config"
)

func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	for i := range 50 {
		fmt.Fprintf(&sb, "[profile p%d]\nregion = us-west-2\naws_access_key_id = AKID%d\naws_secret_access_key = secret\ns3 =\n  addressing_style = path\n  use_accelerate_endpoint = false\n# comment\n\n", i, i)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := config.Parse("bench", data); err != nil {
			b.Fatal(err)
		}
	}
}
