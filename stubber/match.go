package stubber

import (
	"errors"
	"fmt"
	"strings"
)

// Matcher checks a call's input: an expectation queued with one as its
// input takes the calls for which Match returns nil. Match's error says
// what differs (the call is refused with it); it may be called more than
// once per call in any order, and must not change in.
type Matcher interface {
	Match(in any) error
}

// Any matches every input: botocore's expected_params=None (a nil input
// does the same).
var Any Matcher = anyInput{}

type anyInput struct{}

func (anyInput) Match(any) error { return nil }

// Match returns a Matcher that calls f with the call's input, which must be
// a *T (the operation's input struct): f returns nil to accept it, or an
// error saying what is wrong.
//
//	st.AddResponse("PutObject", stubber.Match(func(in *s3.PutObjectInput) error {
//		if in.Bucket != "b" || !strings.HasPrefix(in.Key, "logs/") {
//			return fmt.Errorf("got %s/%s, want b/logs/...", in.Bucket, in.Key)
//		}
//		return nil
//	}), nil)
func Match[T any](f func(in *T) error) Matcher { return matchFunc[T](f) }

type matchFunc[T any] func(in *T) error

func (f matchFunc[T]) Match(in any) error {
	p, ok := in.(*T)
	if !ok {
		return fmt.Errorf("the input is %T, the matcher takes %T", in, p)
	}
	return f(p)
}

// Ignore returns a Matcher that compares the call's input deeply with in
// (a pointer to the operation's input struct), as an expected input is
// compared, except the members at the given paths: botocore's stub.ANY for
// a parameter. A path is a member's name ("Body"), or a nested member's path
// as the differences name it ("CreateBucketConfiguration.LocationConstraint",
// "Tags[0].Value", `Metadata["k"]`). It panics when a path's first member
// is not a field of in's type.
//
//	st.AddResponse("PutObject", stubber.Ignore(&s3.PutObjectInput{Bucket: "b", Key: "k"}, "Body", "ContentLength"), nil)
func Ignore(in any, members ...string) Matcher {
	t := typeOf(in)
	if t == nil {
		panic(fmt.Sprintf("stubber: Ignore takes a pointer to an input struct, not %T", in))
	}
	ig := make(map[string]bool, len(members))
	for _, m := range members {
		top := m
		if i := strings.IndexAny(m, ".["); i >= 0 {
			top = m[:i]
		}
		if f, ok := t.FieldByName(top); !ok || !f.IsExported() {
			panic(fmt.Sprintf("stubber: Ignore: %s has no member %q", t, top))
		}
		ig[m] = true
	}
	return &ignoring{want: in, ignore: ig}
}

type ignoring struct {
	want   any
	ignore map[string]bool
}

func (m *ignoring) Match(in any) error {
	if d := diffInputs(m.want, in, m.ignore); d != "" {
		return errors.New(d)
	}
	return nil
}
