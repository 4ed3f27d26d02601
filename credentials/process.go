package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/goto3/goto3/internal/config"
)

// Process is a Provider running a credential_process command.
//
// The command line is split into words with POSIX shell quoting rules and
// executed directly, without a shell, as the AWS CLI and botocore do
// (shlex.split + subprocess.Popen): quotes group words, but ";", "|", "$( )"
// and the like are passed to the program as plain arguments, so the value
// cannot inject further commands. The program's standard output must be
// the JSON document of version 1:
//
//	{"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
//	 "SessionToken": "...", "Expiration": "2026-11-24T15:04:05Z", "AccountId": "..."}
//
// SessionToken, Expiration and AccountId are optional. A non-zero exit
// status is an error quoting the program's standard error (at most 2 KiB);
// standard output beyond 1 MiB is an error. The program inherits the
// process environment and is killed when ctx is done.
type Process struct {
	Command string
	// AccountID is used when the output has no AccountId (the profile's
	// aws_account_id).
	AccountID string
}

const maxStderr = 2048

// Retrieve runs the command.
func (p Process) Retrieve(ctx context.Context) (Credentials, error) {
	const name = "custom-process"
	args, err := config.Split(p.Command)
	if err != nil {
		return Credentials{}, retrieveErrf(name, "credential_process: %v", err)
	}
	if len(args) == 0 {
		return Credentials{}, retrieveErrf(name, "credential_process is empty")
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	stdout, stderr := &capped{max: maxBody}, &capped{max: maxStderr + 1}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > maxStderr {
			msg = msg[:maxStderr] + "..."
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return Credentials{}, retrieveErrf(name, "credential_process %q exited with status %d: %s", args[0], ee.ExitCode(), msg)
		}
		return Credentials{}, retrieveErrf(name, "credential_process %q: %v", args[0], err)
	}
	var out struct {
		Version         *int
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      string
		AccountID       string `json:"AccountId"`
	}
	if stdout.over {
		return Credentials{}, retrieveErrf(name, "credential_process %q printed more than %d bytes", args[0], maxBody)
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		// The output may hold the secret: describe the error only.
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return Credentials{}, retrieveErrf(name, "credential_process %q printed invalid JSON (offset %d)", args[0], se.Offset)
		}
		return Credentials{}, retrieveErrf(name, "credential_process %q printed unexpected JSON: %s", args[0], jsonTypeError(err))
	}
	if out.Version == nil || *out.Version != 1 {
		v := "<Version key not provided>"
		if out.Version != nil {
			v = fmt.Sprint(*out.Version)
		}
		return Credentials{}, retrieveErrf(name, "unsupported version '%s' for credential process provider, supported versions: 1", v)
	}
	if out.AccessKeyID == "" || out.SecretAccessKey == "" {
		return Credentials{}, retrieveErrf(name, "credential_process %q output lacks AccessKeyId or SecretAccessKey", args[0])
	}
	c := Credentials{
		AccessKeyID:     out.AccessKeyID,
		SecretAccessKey: out.SecretAccessKey,
		SessionToken:    out.SessionToken,
		Source:          name,
		AccountID:       out.AccountID,
	}
	if c.AccountID == "" {
		c.AccountID = p.AccountID
	}
	if out.Expiration != "" {
		t, err := parseTime(out.Expiration)
		if err != nil {
			return Credentials{}, retrieveErrf(name, "credential_process %q: Expiration: %v", args[0], err)
		}
		c.Expires = t
	}
	return c, nil
}

// jsonTypeError describes a JSON type mismatch without the offending value.
func jsonTypeError(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %s: expected %s, got %s", te.Field, te.Type, te.Value)
	}
	return "malformed document"
}

// capped keeps the first max bytes written to it and notes whether more
// came, so a runaway process cannot exhaust memory. (It deliberately has no
// ReadFrom, so io.Copy goes through Write.)
type capped struct {
	buf  bytes.Buffer
	max  int
	over bool
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room < len(p) {
		c.over = true
		if room > 0 {
			c.buf.Write(p[:room])
		}
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capped) Bytes() []byte  { return c.buf.Bytes() }
func (c *capped) String() string { return c.buf.String() }
