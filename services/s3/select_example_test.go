package s3_test

import (
	"github.com/goto3/goto3"

	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/goto3/goto3/credentials"
	"github.com/goto3/goto3/protocol/eventstream"
	"github.com/goto3/goto3/services/s3"
)

// Reading the events of an S3 Select query (here from a local server that
// answers with a real event stream).
func ExampleSelectObjectContentOutput_Events() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, ev := range [][2]string{{"Records", "alpha,1\nbeta,2\n"}, {"Stats", "<Stats><BytesScanned>24</BytesScanned><BytesProcessed>24</BytesProcessed><BytesReturned>15</BytesReturned></Stats>"}, {"End", ""}} {
			eventstream.Encode(w, &eventstream.Message{Headers: []eventstream.Header{
				{Name: ":message-type", Value: eventstream.String("event")},
				{Name: ":event-type", Value: eventstream.String(ev[0])},
			}, Payload: []byte(ev[1])})
		}
	}))
	defer srv.Close()
	client, _ := s3.New(goto3.Config{Region: "us-east-1", Credentials: credentials.NewStatic("AKID", "SECRET", ""), EndpointURL: srv.URL})

	out, err := client.SelectObjectContent(context.Background(), &s3.SelectObjectContentInput{
		Bucket: "amzn-s3-demo-bucket", Key: "data.csv",
		Expression: "SELECT * FROM S3Object", ExpressionType: s3.ExpressionTypeSql,
		InputSerialization:  &s3.InputSerialization{CSV: &s3.CSVInput{}},
		OutputSerialization: &s3.OutputSerialization{CSV: &s3.CSVOutput{}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	events := out.Events()
	defer events.Close()
	for ev, err := range events.All() {
		switch {
		case err != nil:
			fmt.Println("error:", err)
		case ev.Records != nil:
			fmt.Printf("records: %q\n", ev.Records.Payload)
		case ev.Stats != nil:
			fmt.Println("bytes returned:", *ev.Stats.Details.BytesReturned)
		case ev.End != nil:
			fmt.Println("end")
		}
	}
	// Output:
	// records: "alpha,1\nbeta,2\n"
	// bytes returned: 15
	// end
}
