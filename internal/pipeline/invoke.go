package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goto3/goto3"
	"github.com/goto3/goto3/protocol"
	"github.com/goto3/goto3/retry"
	"github.com/goto3/goto3/sigv4"
)

// Invoke runs one operation call: op with input in (a pointer to op's input
// struct, or nil), decoding into out (a pointer to op's output struct) and
// filling md (out's ResultMetadata). Every error is an
// *goto3.OperationError. The stages, in order, are the numbered sections
// below.
func (c *Client) Invoke(ctx context.Context, op *protocol.Operation, in, out any, md *protocol.ResponseMetadata) error {
	if err := c.invoke(ctx, op, in, out, md); err != nil {
		return &goto3.OperationError{Service: c.svc.ID, Operation: op.Name, Err: err}
	}
	return nil
}

func (c *Client) invoke(ctx context.Context, op *protocol.Operation, in, out any, md *protocol.ResponseMetadata) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	inV := structValue(in)
	if !inV.IsValid() && op.Input != nil && op.Input.ReflectType() != nil {
		if in != nil && reflect.ValueOf(in).Kind() == reflect.Pointer && reflect.ValueOf(in).IsNil() {
			return errNilInput
		}
		// No input at all is an empty one.
		p := reflect.New(op.Input.ReflectType())
		in, inV = p.Interface(), p.Elem()
	}
	a := &attempt{c: c, op: op, out: out}
	call := &a.info
	*call = Call{Client: c, Operation: op, Input: in, Output: out}

	// 1. Validate: required members, then the service's own checks, before
	// any I/O (validate.go); the service may replace the input with a
	// changed copy (PrepareInput).
	if m := inputEventStream(op); m != nil {
		return &goto3.ValidationError{Member: m.Name, Reason: errInputEventStream}
	}
	if op.Input != nil && inV.IsValid() {
		if err := validateStruct(op.Input, inV, 0); err != nil {
			return err
		}
	}
	if f := c.opts.Custom.Validate; f != nil {
		if err := f(call); err != nil {
			return err
		}
	}
	if s := c.opts.Stubber; s != nil {
		// A stubbed client: the stubber answers in place of stages 2 to
		// 6 (and of PrepareInput, which only shapes what is sent).
		return s.StubCall(ctx, &goto3.StubCall{Operation: op, Input: in, Output: out, Metadata: md})
	}
	if f := c.opts.Custom.PrepareInput; f != nil {
		if err := f(ctx, call); err != nil {
			return err
		}
		if in = call.Input; in != nil {
			inV = structValue(in)
		}
	}
	unsigned := c.anonymous || op.AuthType == "none"
	var bearer string
	if f := c.opts.Custom.Bearer; f != nil && !unsigned {
		var err error
		if bearer, err = f(ctx, call); err != nil {
			return err
		}
	}
	if c.creds == nil && !unsigned && bearer == "" {
		return errNoCredentials
	}

	// 2. Resolve the endpoint: URL, headers, auth scheme, signing name and
	// region (endpoint.go).
	ep := &a.ep
	ps := paramPool.Get().(*paramStore)
	defer ps.release(call)
	if err := c.resolveEndpoint(ctx, call, inV, ep, ps); err != nil {
		return err
	}

	// 3. Serialize with the protocol's codec into a request on ep.url.
	// (A separate variable: the template stays on the stack and only
	// WithContext's copy is allocated.)
	tmpl := http.Request{
		Method:     http.MethodPost,
		URL:        ep.url,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     make(http.Header, 8),
		Host:       ep.url.Host,
	}
	req := tmpl.WithContext(ctx)
	for k, vs := range ep.headers {
		req.Header[http.CanonicalHeaderKey(k)] = vs
	}
	if err := c.codec.marshal(req, op, in, c.mopts); err != nil {
		return err
	}
	if rb, ok := req.Body.(protocol.ReleasableBody); ok && streamingOutput(op) < 0 {
		// The body's buffer is the codec's, lent until the call is
		// over. (A call whose answer streams on leaves it to the
		// garbage collector: its transport may still be finishing the
		// request.)
		defer rb.Release()
	}
	if op.EndpointOperation && op.Service != nil {
		// The endpoint-discovery operation names the API version it
		// speaks (botocore's inject_api_version_header_if_needed, a
		// before-call handler: not on presigned requests).
		req.Header["X-Amz-Api-Version"] = []string{op.Service.APIVersion}
	}
	if f := c.opts.Custom.PrepareRequest; f != nil {
		if err := f(ctx, call, req); err != nil {
			return err
		}
	}

	// 4. Build: request compression (compress.go), user agent, invocation
	// id, request checksum, payload hash, body handling (body.go,
	// checksum.go).
	if err := CompressRequest(req, op, c.compression); err != nil {
		return err
	}
	req.Header["User-Agent"] = c.uaValue
	streamOut := streamingOutput(op)
	if streamOut >= 0 {
		// A streamed body is handed over as stored: without this the
		// transport would ask for gzip and silently inflate objects stored
		// with Content-Encoding: gzip (botocore never does), breaking
		// their lengths and checksums.
		req.Header["Accept-Encoding"] = identityEncoding
	}
	a.invocationID[0] = c.uuid(&a.uuidScratch)
	req.Header["Amz-Sdk-Invocation-Id"] = a.invocationID[:]
	b, err := c.buildBody(call, req, inV, ep.https, &a.bodyStore)
	if err != nil {
		return err
	}
	defer b.finish()
	validateResp := c.prepareResponseChecksum(req, op)
	a.unsigned = unsigned || bearer != ""
	a.bearer = bearer
	if ep.auth != nil && !a.unsigned {
		// The first attempt's identity, before the retry loop: a
		// customization that calls the service itself (to create a
		// session) ran its own retries, so its failure is final (as in
		// botocore, where an error raised while signing is not retried).
		if err := a.resolveIdentity(ctx, false); err != nil {
			return err
		}
	}

	// 5. The retry loop: sign, send, decode, classify (retry.Do).
	maxAttempts := c.retryer.MaxAttempts()
	if c.callMaxAttempts > 0 {
		maxAttempts = c.callMaxAttempts
	}
	outV := structValue(out)
	if !outV.IsValid() {
		a.out = nil // nothing to decode into
	}
	a.req, a.body, a.outV, a.stream, a.max = req, b, outV, streamOut, maxAttempts
	a.http = c.http
	if c.http2 != nil && c.opts.Custom.HTTP2(op) {
		a.http = c.http2
	}
	rc := &a.call
	rc.Attempt = a.do
	rc.Rewindable = b.rewindable
	rc.MaxAttempts = c.callMaxAttempts
	if c.opts.Logger != nil {
		rc.OnEvent = func(ev retry.Event) {
			ev.Attempt += a.base
			c.logRetry(ctx, op, ev)
		}
	}
	resp, attempts, err := c.retryer.Do(ctx, rc)
	if err != nil && c.opts.Custom.Redirect != nil {
		resp, attempts, err = a.redirect(ctx, inV, ps, attempts, err)
	}
	if err != nil {
		var api *goto3.APIError
		if errors.As(err, &api) && api == a.apiErr {
			api.Attempts = attempts
			var ex *retry.ExhaustedError
			api.RetriesExhausted = errors.As(err, &ex)
		}
		return err
	}

	// 6. Deserialize: the output was decoded by the successful attempt;
	// fill the metadata, and hand a streaming body to the caller.
	if md != nil {
		md.StatusCode = resp.StatusCode
		md.Attempts = attempts
		md.Header = resp.Header
		md.RequestID = firstHeader(resp.Header, "X-Amz-Request-Id", "X-Amzn-Requestid")
		md.ExtendedRequestID = firstHeader(resp.Header, "X-Amz-Id-2")
	}
	if streamOut >= 0 && validateResp && outV.IsValid() {
		wrapResponseChecksum(op, resp, outV.Field(streamOut))
	}
	return nil
}

var identityEncoding = []string{"identity"}

var errNilInput = errors.New("goto3: nil input: give a pointer to the operation's input struct")

// attempt is the state of one call's attempts.
type attempt struct {
	c      *Client
	op     *protocol.Operation
	req    *http.Request
	body   *body
	out    any
	outV   reflect.Value
	stream int // index of the output's streaming field, or -1
	http   *http.Client
	ep     resolved
	max    int

	// Storage that would otherwise be allocated separately per call.
	info         Call
	call         retry.Call
	bodyStore    body
	invocationID [1]string
	uuidScratch  [16]byte
	respBody     bufferedBody
	// identity is what the attempts sign with when the auth scheme is
	// customized (ep.auth).
	identity Identity
	// unsigned: anonymous credentials, or an operation the model marks
	// with authtype "none" (smithy.api#noAuth), or a bearer token.
	unsigned bool
	// bearer is the token sent instead of a signature (Custom.Bearer).
	bearer string
	// base is the number of attempts made before the retry loop running
	// now (a redirected call's first run, see redirect).
	base int
	// errBody is the body of the last attempt's error answer, kept for
	// Custom.Redirect (nil without it).
	errBody []byte
	// apiErr is the last error answer an attempt of this call decoded:
	// the only *goto3.APIError the call may annotate. Another one can be
	// in its error's chain: a transport error of a cancelled call wraps
	// its context's cause, which may be a sibling call's error.
	apiErr *goto3.APIError
}

// maxRedirectBody bounds the error body kept for Custom.Redirect: the
// codecs read no more of an error answer (MaxErrorBodySize).
const maxRedirectBody = 1 << 20

// redirect asks the service's Redirect customization whether the call that
// failed with err goes once more to a re-resolved endpoint and, if so,
// resolves the endpoint again, moves the request to the new host (scheme,
// path and query kept, as botocore's region redirector splices a URL) with the
// new signing region and auth scheme, and runs the retry loop again with
// the attempts the call has left (at least one). It returns the outcome of
// the call.
func (a *attempt) redirect(ctx context.Context, inV reflect.Value, ps *paramStore, attempts int, err error) (*http.Response, int, error) {
	c := a.c
	var api *goto3.APIError
	if !errors.As(err, &api) || api != a.apiErr || !a.body.rewindable || ctx.Err() != nil {
		return nil, attempts, err
	}
	body := a.errBody
	a.errBody = nil
	again, herr := c.opts.Custom.Redirect(ctx, &a.info, api, body)
	if herr != nil {
		return nil, attempts, herr
	}
	if !again {
		return nil, attempts, err
	}
	var ep resolved
	if err := c.resolveEndpoint(ctx, &a.info, inV, &ep, ps); err != nil {
		return nil, attempts, err
	}
	// The next attempt copies the request again (and drops its
	// signature): only the URL needs its own copy here.
	u := *a.req.URL
	u.Host = ep.url.Host
	r2 := *a.req
	r2.URL, r2.Host = &u, u.Host
	a.req = &r2
	a.ep.scheme, a.ep.auth, a.ep.disableDoubleEncoding = ep.scheme, ep.auth, ep.disableDoubleEncoding
	if a.ep.auth != nil && !a.unsigned {
		if err := a.resolveIdentity(ctx, false); err != nil {
			return nil, attempts, err
		}
	}
	if c.opts.Logger != nil {
		c.logRedirect(ctx, a.op, u.Host, ep.scheme.SigningRegion, attempts+1)
	}
	a.base = attempts
	a.call.MaxAttempts = max(1, a.max-attempts)
	resp, n, err := c.retryer.Do(ctx, &a.call)
	return resp, attempts + n, err
}

// resolveIdentity fills a.identity from the auth scheme's customization
// with the client's current credentials.
func (a *attempt) resolveIdentity(ctx context.Context, expired bool) error {
	cr, err := a.c.creds.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("goto3: retrieving credentials: %w", err)
	}
	base := sigv4.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}
	id, err := a.ep.auth(ctx, &a.info, base, expired)
	if err != nil {
		return err
	}
	a.identity = id
	return nil
}

// do is one attempt: refresh credentials when told, rewind the body, sign,
// send, and decode the error or the output.
func (a *attempt) do(ctx context.Context, at retry.Attempt) (*http.Response, error) {
	c := a.c
	req := a.req
	n := at.N + a.base // the call's attempt number
	a.errBody = nil
	if n > 1 {
		// A new request value per retry: the transport may still hold the
		// previous one (its body is fenced off by body.rewind).
		r2 := *req
		r2.Header = req.Header.Clone()
		delete(r2.Header, "Authorization")
		req = &r2
		a.req = req
	}
	expired := at.Previous.Kind == retry.KindExpiredToken
	if expired && c.cache != nil {
		c.cache.Invalidate()
	}
	var creds sigv4.Credentials
	if !a.unsigned {
		switch {
		case a.ep.auth == nil:
			cr, err := c.creds.Retrieve(ctx)
			if err != nil {
				return nil, fmt.Errorf("goto3: retrieving credentials: %w", err)
			}
			creds = sigv4.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}
		default:
			// A customized identity: taken again for a retry
			// (refreshed near its expiry, or afresh after an
			// expired-token answer).
			if n > 1 {
				if err := a.resolveIdentity(ctx, expired); err != nil {
					return nil, err
				}
			}
			creds = a.identity.Credentials
			if h := a.identity.TokenHeader; h != "" {
				delete(req.Header, sigv4.HeaderSecurityToken)
				if creds.SessionToken != "" {
					req.Header[http.CanonicalHeaderKey(h)] = []string{creds.SessionToken}
				}
				creds.SessionToken = ""
			}
		}
	}
	if err := a.body.rewind(req, n); err != nil {
		return nil, err
	}
	req.Header["Amz-Sdk-Request"] = c.sdkRequest(n, a.max)
	if h := c.opts.Hooks.BeforeSign; h != nil {
		if err := h(ctx, req); err != nil {
			return nil, &hookError{"BeforeSign", err}
		}
	}
	if a.bearer != "" {
		req.Header["Authorization"] = []string{"Bearer " + a.bearer}
	}
	if !a.unsigned {
		p := sigv4.Params{Service: a.ep.scheme.SigningName, Region: a.ep.scheme.SigningRegion, RegionSet: a.ep.scheme.SigningRegionSet, Time: c.Now()}
		if err := a.body.sign(c, req, creds, p, &a.ep); err != nil {
			return nil, err
		}
	}
	if h := c.opts.Hooks.BeforeSend; h != nil {
		if err := h(ctx, req); err != nil {
			return nil, &hookError{"BeforeSend", err}
		}
	}

	var start time.Time // read only for the log line
	if c.opts.Logger != nil {
		start = c.retryer.Now()
	}
	resp, err := send(a.http, req)
	if c.opts.Logger != nil {
		c.logAttempt(ctx, a.op, req, resp, err, n, c.retryer.Now().Sub(start))
	}
	if err != nil {
		return nil, err
	}
	if h := c.opts.Hooks.AfterResponse; h != nil {
		if err := h(ctx, resp); err != nil {
			drainClose(resp.Body)
			return nil, &hookError{"AfterResponse", err}
		}
	}

	if resp.StatusCode >= 300 {
		body := resp.Body
		if c.opts.Custom.Redirect != nil && body != nil && body != http.NoBody {
			// Kept for Redirect, and decoded from the copy.
			a.errBody, _ = io.ReadAll(io.LimitReader(body, maxRedirectBody))
			resp.Body = io.NopCloser(bytes.NewReader(a.errBody))
		}
		re := c.codec.unmarshalError(resp, a.op)
		drainClose(body)
		a.apiErr = apiError(a.op, re)
		return resp, a.apiErr
	}
	if a.out == nil && c.opts.Custom.CheckResponse == nil {
		drainClose(resp.Body)
		return resp, nil
	}
	if a.out != nil {
		a.outV.SetZero()
	}
	if a.stream >= 0 {
		// The body goes to the caller, unread: the codec sets the
		// streaming blob or event stream field to it.
		if err := c.codec.unmarshal(resp, a.op, a.out); err != nil {
			drainClose(resp.Body)
			return a.decodeFailure(resp, err)
		}
		return resp, nil
	}
	if resp.ContentLength == 0 || req.Method == http.MethodHead {
		drainClose(resp.Body)
		resp.Body = http.NoBody
		if f := c.opts.Custom.CheckResponse; f != nil {
			if err := f(&a.info, resp, nil); err != nil {
				return resp, checkFailure(err)
			}
		}
		if a.out != nil {
			if err := c.codec.unmarshal(resp, a.op, a.out); err != nil {
				return a.decodeFailure(resp, err)
			}
			if f := c.opts.Custom.PostDecode; f != nil {
				if err := f(&a.info, nil); err != nil {
					return resp, &goto3.DecodeError{Err: err}
				}
			}
		}
		return resp, nil
	}
	// Read the whole body first, so that a connection failing mid-body is a
	// network error (retried) rather than a decoding error.
	buf := bufPool.Get().(*bytes.Buffer)
	defer putBuf(buf)
	_, rerr := buf.ReadFrom(resp.Body)
	resp.Body.Close()
	if rerr != nil {
		return nil, fmt.Errorf("goto3: reading the response body: %w", rerr)
	}
	if f := c.opts.Custom.CheckResponse; f != nil {
		if err := f(&a.info, resp, buf.Bytes()); err != nil {
			return resp, checkFailure(err)
		}
	}
	if a.out == nil {
		resp.Body = http.NoBody
		return resp, nil
	}
	body := buf.Bytes()
	if f := c.opts.Custom.TakeBody; f != nil {
		rest, err := f(ctx, &a.info, body)
		if err != nil {
			return resp, &goto3.DecodeError{Err: err}
		}
		body = rest
	}
	a.respBody.Reset(body)
	resp.Body = &a.respBody
	if err := c.codec.unmarshal(resp, a.op, a.out); err != nil {
		return a.decodeFailure(resp, err)
	}
	if f := c.opts.Custom.PostDecode; f != nil {
		if err := f(&a.info, buf.Bytes()); err != nil {
			return resp, &goto3.DecodeError{Err: err}
		}
	}
	resp.Body = http.NoBody
	return resp, nil
}

// checkFailure is the attempt error of a refused response check: retried
// when the customization says so.
func checkFailure(err error) error {
	var re RetryableError
	if errors.As(err, &re) {
		return err
	}
	return &ResponseCheckError{Err: err}
}

// sdkRequest returns the amz-sdk-request header value of attempt n of max
// (botocore: "attempt=1; max=3"), precomputed for small values.
func (c *Client) sdkRequest(n, max int) []string {
	if n < len(c.sdkReq) && max < len(c.sdkReq[n]) && c.sdkReq[n][max] != nil {
		return c.sdkReq[n][max]
	}
	return []string{"attempt=" + strconv.Itoa(n) + "; max=" + strconv.Itoa(max)}
}

// send sends one attempt. A plain http.Client (no Timeout, cookie jar or
// redirect policy) is bypassed for its Transport: Client.Do copies the
// headers and URL of every request to follow redirects, which the SDK
// never wants followed blindly (a redirected request keeps a signature
// for the wrong host; the 301/307 answer is returned as the API error
// PermanentRedirect / TemporaryRedirect, as botocore reports it).
func send(hc *http.Client, req *http.Request) (*http.Response, error) {
	if hc.Timeout != 0 || hc.Jar != nil || hc.CheckRedirect != nil {
		return hc.Do(req)
	}
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return nil, &url.Error{Op: urlErrorOp(req.Method), URL: goto3.RedactURL(req.URL), Err: err}
	}
	return resp, nil
}

func urlErrorOp(m string) string {
	if len(m) > 1 {
		return m[:1] + strings.ToLower(m[1:])
	}
	return m
}

// decodeFailure turns a codec error into the attempt's error. An error
// document inside a 2xx answer (which some operations send when they fail
// after the headers went out) is an API error and is retried like a 5xx
// when its code says so; botocore treats it as a 500.
func (a *attempt) decodeFailure(resp *http.Response, err error) (*http.Response, error) {
	var re *protocol.ResponseError
	if errors.As(err, &re) {
		if re.StatusCode < 300 {
			re.StatusCode = http.StatusInternalServerError
		}
		a.apiErr = apiError(a.op, re)
		return resp, a.apiErr
	}
	// With the response's 2xx status the retryer does not retry it.
	return resp, &goto3.DecodeError{Err: err}
}

// apiError converts a codec's ResponseError into the SDK's API error.
func apiError(op *protocol.Operation, re *protocol.ResponseError) *goto3.APIError {
	e := &goto3.APIError{
		Code:       re.Code,
		Message:    re.Message,
		StatusCode: re.StatusCode,
		RequestID:  re.RequestID,
		HostID:     re.HostID,
		Operation:  op.Name,
		Header:     re.Header,
	}
	if m, ok := re.Modeled.(error); ok {
		e.Modeled = m
	}
	return e
}

type hookError struct {
	hook string
	err  error
}

func (e *hookError) Error() string { return "goto3: " + e.hook + " hook: " + e.err.Error() }
func (e *hookError) Unwrap() error { return e.err }

// bufferedBody is a response body read in full, as an io.ReadCloser.
type bufferedBody struct{ bytes.Reader }

func (*bufferedBody) Close() error { return nil }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func putBuf(b *bytes.Buffer) {
	if b.Cap() > 4<<20 {
		return
	}
	b.Reset()
	bufPool.Put(b)
}

// drainClose reads a little of what is left (so the connection can be
// reused) and closes the body.
func drainClose(rc io.ReadCloser) {
	if rc == nil || rc == http.NoBody {
		return
	}
	_, _ = io.CopyN(io.Discard, rc, 4096)
	_ = rc.Close()
}

func firstHeader(h http.Header, keys ...string) string {
	for _, k := range keys {
		if v := h[k]; len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

// structValue returns the struct in (a pointer to a struct), or the zero
// Value.
func structValue(in any) reflect.Value {
	if in == nil {
		return reflect.Value{}
	}
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return reflect.Value{}
	}
	v = v.Elem()
	if v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v
}

// streamingOutput returns the field index of op's streaming output
// payload, or of its event stream member (the JSON-RPC protocol binds no
// payload: the event stream is any member), or -1.
func streamingOutput(op *protocol.Operation) int {
	sh := op.Output
	if sh == nil {
		return -1
	}
	if sh.Payload >= 0 && sh.Payload < len(sh.Members) {
		m := &sh.Members[sh.Payload]
		if m.Streaming || m.Shape.Streaming || m.Shape.EventStream {
			return m.Field
		}
		return -1
	}
	for i := range sh.Members {
		if m := &sh.Members[i]; m.Shape.EventStream {
			return m.Field
		}
	}
	return -1
}

// errInputEventStream refuses an operation whose input is an event stream:
// its requests stream events while the answer streams back, over HTTP/2,
// which goto3 does not implement (botocore removes such operations from its
// clients, such as Bedrock Runtime's InvokeModelWithBidirectionalStream).
const errInputEventStream = "an input event stream (a bidirectional stream over HTTP/2) is not supported"

// inputEventStream returns op's input member that is an event stream, or
// nil.
func inputEventStream(op *protocol.Operation) *protocol.Member {
	if op.Input == nil {
		return nil
	}
	for i := range op.Input.Members {
		if m := &op.Input.Members[i]; m.Shape.EventStream {
			return m
		}
	}
	return nil
}

// member returns the member of sh called name, or nil.
func member(sh *protocol.Shape, name string) *protocol.Member {
	if sh == nil {
		return nil
	}
	for i := range sh.Members {
		if sh.Members[i].Name == name {
			return &sh.Members[i]
		}
	}
	return nil
}
