package credentials

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/goto3/goto3/sigv4"
)

// stsClient is a minimal client for the two STS actions the providers need,
// in the Query protocol (form-encoded POST, XML response) of API version
// 2011-06-15. Requests are signed with sigv4 (service "sts"), except
// AssumeRoleWithWebIdentity which STS accepts unsigned, as botocore sends it.
type stsClient struct {
	o      Options
	region string
}

func (o Options) sts(profileRegion string) stsClient {
	r := o.Region
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if r == "" {
			r = o.getenv(k)
		}
	}
	if r == "" {
		r = profileRegion
	}
	return stsClient{o: o, region: r}
}

// endpoint is https://sts.<region>.amazonaws.com (regional, botocore's
// default sts_regional_endpoints), the global https://sts.amazonaws.com
// without a region, or Options.STSEndpoint.
func (c stsClient) endpoint() (u, signingRegion string) {
	signingRegion = c.region
	if signingRegion == "" {
		signingRegion = "us-east-1"
	}
	switch {
	case c.o.STSEndpoint != "":
		return c.o.STSEndpoint, signingRegion
	case c.region == "":
		return "https://sts.amazonaws.com", signingRegion
	case strings.HasPrefix(c.region, "cn-"):
		return "https://sts." + c.region + ".amazonaws.com.cn", signingRegion
	}
	return "https://sts." + c.region + ".amazonaws.com", signingRegion
}

// STSError is an error document returned by STS.
type STSError struct {
	StatusCode int
	Type       string // Sender or Receiver
	Code       string
	Message    string
	RequestID  string
}

func (e *STSError) Error() string {
	return fmt.Sprintf("sts: %s: %s (HTTP %d, request id %s)", e.Code, e.Message, e.StatusCode, e.RequestID)
}

// ErrorCode returns the STS error code (for retry classification).
func (e *STSError) ErrorCode() string { return e.Code }

type stsCreds struct {
	AccessKeyID     string `xml:"AccessKeyId"`
	SecretAccessKey string `xml:"SecretAccessKey"`
	SessionToken    string `xml:"SessionToken"`
	Expiration      string `xml:"Expiration"`
}

type stsResult struct {
	Credentials     stsCreds `xml:"Credentials"`
	AssumedRoleUser struct {
		Arn string `xml:"Arn"`
	} `xml:"AssumedRoleUser"`
}

// STSCaller makes one STS call for a credential provider: action is
// "AssumeRole" or "AssumeRoleWithWebIdentity", params its parameters by
// their model names (RoleArn, RoleSessionName, ExternalId,
// DurationSeconds, SerialNumber, TokenCode, WebIdentityToken), region the
// STS region ("" for the global endpoint), creds the credentials to sign
// with (nil: unsigned, as AssumeRoleWithWebIdentity is sent). It returns
// the temporary credentials, with their expiry and the account of the
// assumed role's ARN.
type STSCaller func(ctx context.Context, region, action string, params map[string]string, creds *Credentials) (Credentials, error)

// call sends one action. creds nil means unsigned.
func (c stsClient) call(ctx context.Context, source string, form url.Values, creds *Credentials) (Credentials, error) {
	if c.o.STS != nil {
		params := make(map[string]string, len(form))
		for k, v := range form {
			if k != "Action" && len(v) > 0 {
				params[k] = v[0]
			}
		}
		cr, err := c.o.STS(ctx, c.region, form.Get("Action"), params, creds)
		if err != nil {
			return Credentials{}, retrieveErr(source, err)
		}
		cr.Source = source
		return cr, nil
	}
	form.Set("Version", "2011-06-15")
	body := form.Encode()
	u, region := c.endpoint()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(u, "/")+"/", strings.NewReader(body))
	if err != nil {
		return Credentials{}, retrieveErr(source, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	if creds != nil {
		sum := sha256.Sum256([]byte(body))
		err := sigv4.NewSigner().SignHTTP(req, creds.SigV4(), sigv4.Params{Service: "sts", Region: region, Time: c.o.now(), PayloadHash: hex.EncodeToString(sum[:])})
		if err != nil {
			return Credentials{}, retrieveErr(source, err)
		}
	}
	resp, err := c.o.client().Do(req)
	if err != nil {
		return Credentials{}, retrieveErrf(source, "sts %s: %v", form.Get("Action"), err)
	}
	defer resp.Body.Close()
	var doc struct {
		Result stsResult `xml:",any"`
		Error  struct {
			Type    string `xml:"Type"`
			Code    string `xml:"Code"`
			Message string `xml:"Message"`
		} `xml:"Error"`
		RequestID string `xml:"RequestId"`
		Meta      struct {
			RequestID string `xml:"RequestId"`
		} `xml:"ResponseMetadata"`
	}
	dec := xml.NewDecoder(io.LimitReader(resp.Body, maxBody))
	decErr := dec.Decode(&doc)
	if resp.StatusCode != http.StatusOK {
		e := &STSError{StatusCode: resp.StatusCode, Type: doc.Error.Type, Code: doc.Error.Code, Message: doc.Error.Message, RequestID: doc.RequestID}
		if e.Code == "" {
			e.Code = http.StatusText(resp.StatusCode)
		}
		if e.RequestID == "" {
			e.RequestID = resp.Header.Get("X-Amzn-Requestid")
		}
		return Credentials{}, retrieveErr(source, e)
	}
	if decErr != nil {
		return Credentials{}, retrieveErrf(source, "sts %s: malformed response: %v", form.Get("Action"), decErr)
	}
	r := doc.Result.Credentials
	if r.AccessKeyID == "" || r.SecretAccessKey == "" {
		return Credentials{}, retrieveErrf(source, "sts %s: response has no credentials", form.Get("Action"))
	}
	out := Credentials{
		AccessKeyID:     r.AccessKeyID,
		SecretAccessKey: r.SecretAccessKey,
		SessionToken:    r.SessionToken,
		Source:          source,
		AccountID:       arnAccount(doc.Result.AssumedRoleUser.Arn),
	}
	if r.Expiration != "" {
		t, err := parseTime(r.Expiration)
		if err != nil {
			return Credentials{}, retrieveErrf(source, "sts %s: Expiration: %v", form.Get("Action"), err)
		}
		out.Expires = t
	}
	return out, nil
}

// ARNAccount returns the account field of an ARN
// (arn:partition:service:region:account:resource), or "".
func ARNAccount(arn string) string { return arnAccount(arn) }

// arnAccount returns the account field of an ARN
// (arn:partition:service:region:account:resource).
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}
