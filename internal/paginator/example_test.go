package paginator_test

import (
	"context"
	"fmt"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/internal/paginator"
)

type pageInput struct{ NextToken *string }

type pageOutput struct {
	Names     []string
	NextToken *string
}

// ExampleFetch builds the paginator a generated client's
// <Operation>Paginator method returns: Fetch follows the model's tokens,
// goto3.NewPaginator walks the pages and flattens the result key.
func ExampleFetch() {
	spec := &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, ResultKeys: []string{"Names"}}
	data := map[string]*pageOutput{
		"":   {Names: []string{"a", "b"}, NextToken: ptr("p2")},
		"p2": {Names: []string{"c"}},
	}
	list := func(ctx context.Context, in *pageInput) (*pageOutput, error) {
		tok := ""
		if in.NextToken != nil {
			tok = *in.NextToken
		}
		return data[tok], nil
	}
	p := goto3.NewPaginator(spec.InputTokens, paginator.Fetch(spec, &pageInput{}, list), func(o *pageOutput) []string { return o.Names }, nil)
	for name, err := range p.Items(context.Background()) {
		if err != nil {
			panic(err)
		}
		fmt.Println(name)
	}
	// Output:
	// a
	// b
	// c
}
