package config_test

import (
	"fmt"

	"github.com/goto3/goto3/internal/config"
)

func ExampleParse() {
	secs, err := config.Parse("config", []byte("[profile dev]\nregion = eu-west-1 # kept\ns3 =\n  addressing_style = path\n"))
	if err != nil {
		panic(err)
	}
	s := secs[0]
	style, _ := s.Values.SubValue("s3", "addressing_style")
	fmt.Printf("%s: region=%q addressing_style=%q\n", s.Name, s.Values.Get("region"), style)
	// Output: profile dev: region="eu-west-1 # kept" addressing_style="path"
}
