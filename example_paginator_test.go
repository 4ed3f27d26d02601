package goto3_test

import (
	"context"
	"fmt"

	"github.com/goto3/goto3"
)

type listPage struct {
	Keys []struct {
		Name string
		Size int
	}
}

// A Paginator's Search evaluates JMESPath over each page, as boto3's
// paginator.search: here over two pages of a made-up listing.
func ExamplePaginator_Search() {
	pages := []*listPage{{}, {}}
	pages[0].Keys = append(pages[0].Keys, struct {
		Name string
		Size int
	}{"a.txt", 10}, struct {
		Name string
		Size int
	}{"b.bin", 900})
	pages[1].Keys = append(pages[1].Keys, struct {
		Name string
		Size int
	}{"c.bin", 4000})
	fetch := func(ctx context.Context, tokens []any, pageSize int) (*listPage, []any, error) {
		if tokens == nil {
			return pages[0], []any{"next"}, nil
		}
		return pages[1], nil, nil
	}
	p := goto3.NewPaginator([]string{"Marker"}, fetch, func(*listPage) []struct{} { return nil }, nil)
	for name, err := range p.Search(context.Background(), "Keys[?Size > `100`].Name") {
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
