package goto3_test

import (
	"context"
	"fmt"

	"github.com/goto3/goto3"
)

type object struct {
	Name string
	Size int
}

type listPage struct{ Objects []object }

// A Paginator's Search evaluates JMESPath over each page, as boto3's
// paginator.search: here over two pages of a made-up listing (a generated
// client's <Op>Paginator gives the same).
func ExamplePaginator_Search() {
	pages := []*listPage{
		{Objects: []object{{"a.txt", 10}, {"b.bin", 900}}},
		{Objects: []object{{"c.bin", 4000}}},
	}
	fetch := func(ctx context.Context, tokens []any, pageSize int) (*listPage, []any, error) {
		if tokens == nil {
			return pages[0], []any{"b.bin"}, nil
		}
		return pages[1], nil, nil
	}
	p := goto3.NewPaginator([]string{"Marker"}, fetch, func(p *listPage) []object { return p.Objects }, nil)
	for name, err := range p.Search(context.Background(), "Objects[?Size > `100`].Name") {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(name)
	}
	// Output:
	// b.bin
	// c.bin
}
