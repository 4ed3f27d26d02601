package template_test

import (
	"context"
	"fmt"
	"log"

	"github.com/goto3/goto3/services/ses"
	"github.com/goto3/goto3/services/ses/template"
	"github.com/goto3/goto3/session"
)

// Check lists the placeholders a template reads: top-level names,
// and the full paths the data must supply. References inside {{#each}} are
// relative to the item; inside {{#with}} they extend its path.
func ExampleCheck() {
	subject := "Your order {{order.id}}"
	html := `<html><body>
<p>Hi {{name}},</p>
<ul>{{#each order.lines}}<li>{{qty}} x {{title}}</li>{{/each}}</ul>
{{#with shipping}}<p>Ships to {{city}}</p>{{/with}}
<img src="{{logoUrl}}" alt="logo"><br>
</body></html>`
	r, err := template.Check(&ses.Template{TemplateName: "order-shipped", SubjectPart: &subject, HtmlPart: &html})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Placeholders)
	fmt.Println(r.Paths)
	// Output:
	// [logoUrl name order shipping]
	// [logoUrl name order.id order.lines shipping shipping.city]
}

// A malformed HTML part is reported with the line and column of the fault
// and of the element it concerns.
func ExampleCheck_malformed() {
	html := "<div>\n<p>Hello {{name}}\n    </div>"
	_, err := template.Check(&ses.Template{TemplateName: "welcome", HtmlPart: &html})
	fmt.Println(err)
	// Output:
	// ses: template "welcome": HtmlPart line 3, column 5: </div> closes <p> opened at line 2, column 1
}

// CheckData checks the TemplateData of a send before it goes out:
// SES would accept the call and then drop the message with a rendering
// failure.
func ExampleCheckData() {
	subject := "Hello {{name}}"
	text := "Your favourite colour is {{favorite.color}}."
	tpl := &ses.Template{TemplateName: "colors", SubjectPart: &subject, TextPart: &text}

	fmt.Println(template.CheckData(tpl, `{"name":"Jane","favorite":{"color":"blue"}}`))
	fmt.Println(template.CheckData(tpl, `{"favorite":{}}`))
	fmt.Println(template.CheckData(tpl, `["Jane"]`))
	// Output:
	// <nil>
	// ses: template "colors": template data lacks favorite.color, name
	// ses: template "colors": template data is a JSON array, want an object
}

// Ensure creates the template or, when it exists, updates it; then
// a templated email is sent with data that was checked first.
func ExampleEnsure() {
	sess, err := session.New()
	if err != nil {
		log.Fatal(err)
	}
	client, err := ses.New(sess.Config())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	subject, html := "Welcome, {{name}}", "<h1>Welcome, {{name}}</h1>"
	tpl := &ses.Template{TemplateName: "welcome", SubjectPart: &subject, HtmlPart: &html}
	created, err := template.Ensure(ctx, client, tpl)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", created)

	data := `{"name":"Jane"}`
	if err := template.CheckData(tpl, data); err != nil {
		log.Fatal(err)
	}
	_, err = client.SendTemplatedEmail(ctx, &ses.SendTemplatedEmailInput{
		Source:       "sender@example.com",
		Destination:  &ses.Destination{ToAddresses: []string{"jane@example.com"}},
		Template:     "welcome",
		TemplateData: data,
	})
	if err != nil {
		log.Fatal(err)
	}
}
