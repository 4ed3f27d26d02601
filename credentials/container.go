package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Container is a Provider for the ECS / EKS Pod Identity container
// credentials endpoint (botocore ContainerProvider):
//
//   - AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is a path on
//     http://169.254.170.2 (ContainerEndpoint in Options replaces it);
//   - else AWS_CONTAINER_CREDENTIALS_FULL_URI is a whole URL, accepted only
//     over https or to a loopback address, localhost, 169.254.170.2,
//     169.254.170.23 or fd00:ec2::23;
//   - AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on every call), else
//     AWS_CONTAINER_AUTHORIZATION_TOKEN, is sent as the Authorization header.
//
// Each attempt times out after 2 s; three attempts are made, as botocore.
type Container struct {
	Options Options
}

var containerHosts = map[string]bool{
	"169.254.170.2":  true,
	"169.254.170.23": true,
	"fd00:ec2::23":   true,
	"localhost":      true,
}

// Retrieve fetches credentials from the container endpoint.
func (c Container) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "container-role"
	o := c.Options
	var u string
	if rel := o.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel != "" {
		base := o.ContainerEndpoint
		if base == "" {
			base = "http://169.254.170.2"
		}
		u = strings.TrimSuffix(base, "/") + rel
	} else if full := o.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI"); full != "" {
		if err := checkContainerURL(full); err != nil {
			return Credentials{}, retrieveErr(name, err)
		}
		u = full
	} else {
		return Credentials{}, notFound(name, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
	}
	h := http.Header{"Accept": {"application/json"}}
	token := ""
	if f := o.getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); f != "" {
		b, err := o.readFile(f)
		if err != nil {
			return Credentials{}, retrieveErrf(name, "reading AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: %v", err)
		}
		token = string(b)
	} else {
		token = o.getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN")
	}
	if token != "" {
		if strings.ContainsAny(token, "\r\n") {
			return Credentials{}, retrieveErrf(name, "the container authorization token contains a line break")
		}
		h.Set("Authorization", token)
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		status, body, err := doRequest(ctx, o.client(), http.MethodGet, u, h, "", 2*time.Second)
		if err != nil {
			lastErr = err
			if ctx.Err() != nil {
				break
			}
			continue
		}
		if status != http.StatusOK {
			lastErr = fmt.Errorf("HTTP %d from the container credentials endpoint: %s", status, snippet(body))
			if status < 500 {
				break
			}
			continue
		}
		var out struct {
			AccessKeyID     string `json:"AccessKeyId"`
			SecretAccessKey string
			Token           string
			Expiration      string
			AccountID       string `json:"AccountId"`
		}
		if err := json.Unmarshal(body, &out); err != nil || out.AccessKeyID == "" || out.SecretAccessKey == "" {
			return Credentials{}, retrieveErrf(name, "the container credentials endpoint returned an unexpected document")
		}
		cr := Credentials{AccessKeyID: out.AccessKeyID, SecretAccessKey: out.SecretAccessKey, SessionToken: out.Token, Source: name, AccountID: out.AccountID}
		if out.Expiration != "" {
			t, err := parseTime(out.Expiration)
			if err != nil {
				return Credentials{}, retrieveErrf(name, "Expiration: %v", err)
			}
			cr.Expires = t
		}
		return cr, nil
	}
	return Credentials{}, retrieveErr(name, lastErr)
}

func checkContainerURL(full string) error {
	u, err := url.Parse(full)
	if err != nil {
		return fmt.Errorf("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL")
	}
	if u.Scheme == "https" {
		return nil
	}
	if u.Scheme != "http" {
		return fmt.Errorf("AWS_CONTAINER_CREDENTIALS_FULL_URI has unsupported scheme %q", u.Scheme)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	if containerHosts[strings.ToLower(host)] {
		return nil
	}
	return fmt.Errorf("unsupported host %q in AWS_CONTAINER_CREDENTIALS_FULL_URI: only https, a loopback address, localhost, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 are allowed", host)
}
