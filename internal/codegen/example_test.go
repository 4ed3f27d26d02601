package codegen_test

import (
	"fmt"
	"strings"

	"github.com/goto3/goto3/internal/codegen"
)

// DocText turns a model's HTML documentation into Go doc comment text.
func ExampleDocText() {
	html := `<p>Creates a <code>Bucket</code>. See <a href="https://example.com/buckets">bucket rules</a>.</p>
<ul><li><p>Names are lowercase.</p></li><li><p>Names are unique.</p></li></ul>`
	for _, line := range codegen.DocText(html, 60) {
		fmt.Println(strings.TrimRight("// "+line, " "))
	}
	// Output:
	// // Creates a Bucket. See bucket rules
	// // (https://example.com/buckets).
	// //
	// //   - Names are lowercase.
	// //   - Names are unique.
}

// GenerateService turns a model into the files of a service package.
func ExampleGenerateService() {
	api, err := codegen.ParseAPI([]byte(`{
	  "metadata": {"apiVersion": "2024-01-01", "protocol": "query", "serviceId": "Tiny"},
	  "operations": {"Hello": {"name": "Hello", "http": {"method": "POST", "requestUri": "/"},
	    "input": {"shape": "HelloRequest"}}},
	  "shapes": {
	    "HelloRequest": {"type": "structure", "required": ["Name"],
	      "members": {"Name": {"shape": "String"}, "Mood": {"shape": "Mood"}}},
	    "String": {"type": "string"},
	    "Mood": {"type": "string", "enum": ["happy", "VERY_HAPPY"]}
	  }}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	// The rule set gives the client's endpoint parameters.
	rules := []byte(`{"version": "1.0", "parameters": {"Region": {"builtIn": "AWS::Region", "type": "string"}},
	  "rules": [{"conditions": [], "endpoint": {"url": "https://tiny.example.com"}, "type": "endpoint"}]}`)
	files, g, err := codegen.GenerateService(api, "tiny", codegen.Config{}, codegen.ServiceSpec{Package: "tiny"}, rules)
	if err != nil {
		fmt.Println(err)
		return
	}
	ops, shapes := g.Counts()
	fmt.Println(ops, "operation,", shapes, "shapes")
	for _, op := range g.Operations() {
		fmt.Println(op.Name, op.Var, op.InputType, op.OutputType)
	}
	src := string(files["api_types.go"])
	start := strings.Index(src, "type HelloInput")
	fmt.Print(src[start:])
	// Output:
	// 1 operation, 3 shapes
	// Hello opHello HelloInput HelloOutput
	// type HelloInput struct {
	// 	Name string
	// 	Mood *Mood
	// }
}
