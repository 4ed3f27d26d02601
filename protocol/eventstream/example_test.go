package eventstream_test

import (
	"bytes"
	"fmt"
	"io"

	"github.com/goto3/goto3/protocol/eventstream"
)

func Example() {
	var stream bytes.Buffer
	for _, ev := range []string{"Records", "End"} {
		_ = eventstream.Encode(&stream, &eventstream.Message{
			Headers: []eventstream.Header{
				{Name: ":message-type", Value: eventstream.String("event")},
				{Name: ":event-type", Value: eventstream.String(ev)},
			},
			Payload: []byte("payload of " + ev),
		})
	}
	d := eventstream.NewDecoder(&stream, eventstream.DecoderOptions{})
	for {
		m, err := d.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %s\n", m.StringHeader(":event-type"), m.Payload)
	}
	// Output:
	// Records: payload of Records
	// End: payload of End
}
