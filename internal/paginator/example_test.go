package paginator_test

import (
	"context"
	"fmt"

	"github.com/goto3/goto3/internal/paginator"
)

type pageInput struct{ NextToken *string }

type pageOutput struct {
	Names     []string
	NextToken *string
}

func ExamplePages() {
	spec := &paginator.Spec{InputTokens: []string{"NextToken"}, OutputTokens: []string{"NextToken"}, ResultKeys: []string{"Names"}}
	data := map[string]*pageOutput{
		"":   {Names: []string{"a", "b"}, NextToken: ptr("p2")},
		"p2": {Names: []string{"c"}},
	}
	list := func(ctx context.Context, in *pageInput, _ ...func(*int)) (*pageOutput, error) {
		tok := ""
		if in.NextToken != nil {
			tok = *in.NextToken
		}
		return data[tok], nil
	}
	pages := paginator.Pages(context.Background(), spec, &pageInput{}, list, nil)
	for name, err := range paginator.Items(pages, func(o *pageOutput) []string { return o.Names }) {
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
