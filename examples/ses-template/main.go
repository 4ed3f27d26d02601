// Command ses-template ensures an SES email template (create it, or update
// it when it exists, as the boto3 pattern does), checks the data of a send
// against it, and sends a templated email.
//
//	go run ./examples/ses-template -endpoint-url http://127.0.0.1:5000 -region us-east-1 \
//	    -from sender@example.com -to recipient@example.com
//
// SES sends only from verified identities: the program asks SES to verify
// the sender first (VerifyEmailIdentity). moto marks it verified at once;
// real SES mails a confirmation link, and sends fail until it is clicked
// (and, in the SES sandbox, until the recipient is verified too).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/goto3/goto3/examples/internal/cli"
	"github.com/goto3/goto3/services/ses"
	"github.com/goto3/goto3/services/ses/template"
)

func main() {
	var common cli.Flags
	common.Register(flag.CommandLine)
	from := flag.String("from", "sender@example.com", "sender address (verified first)")
	to := flag.String("to", "recipient@example.com", "recipient address")
	name := flag.String("template", "goto3-welcome", "template name")
	flag.Parse()
	if err := run(context.Background(), common, *from, *to, *name); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, common cli.Flags, from, to, name string) error {
	sess, err := common.Session()
	if err != nil {
		return err
	}
	client, err := ses.New(sess.Config())
	if err != nil {
		return err
	}

	if _, err := client.VerifyEmailIdentity(ctx, &ses.VerifyEmailIdentityInput{EmailAddress: from}); err != nil {
		return err
	}
	fmt.Println("asked SES to verify", from)

	subject := "Welcome, {{name}}!"
	text := "Hello {{name}}, your plan is {{plan.name}}."
	html := `<html><body><h1>Hello {{name}}</h1><p>Your plan is <b>{{plan.name}}</b>.</p><br></body></html>`
	tpl := &ses.Template{TemplateName: name, SubjectPart: &subject, TextPart: &text, HtmlPart: &html}

	// template.Check lists what the template reads (template.Ensure runs
	// it too, so a malformed HTML part fails before any request).
	report, err := template.Check(tpl)
	if err != nil {
		return err
	}
	fmt.Println("template reads:", report.Paths)

	created, err := template.Ensure(ctx, client, tpl)
	if err != nil {
		return err
	}
	if created {
		fmt.Println("template", name, "created")
	} else {
		fmt.Println("template", name, "updated")
	}

	// SES accepts a send whose data lacks a placeholder and then drops the
	// message: check the data first.
	bad := `{"name":"Ana"}`
	if err := template.CheckData(tpl, bad); err != nil {
		fmt.Println("rejected data before sending:", err)
	}
	data := `{"name":"Ana","plan":{"name":"Pro"}}`
	if err := template.CheckData(tpl, data); err != nil {
		return err
	}
	out, err := client.SendTemplatedEmail(ctx, &ses.SendTemplatedEmailInput{
		Source:       from,
		Destination:  &ses.Destination{ToAddresses: []string{to}},
		Template:     name,
		TemplateData: data,
	})
	if err != nil {
		return err
	}
	fmt.Printf("sent templated email to %s (message id %s)\n", to, out.MessageId)
	return nil
}
