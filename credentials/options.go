package credentials

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/goto3/goto3/internal/config"
)

// Options configure the default chain and the profile-based providers.
// Every field is optional; the zero value reads the process environment and
// the real home directory.
type Options struct {
	// Profile is a profile chosen explicitly (boto3's profile_name). When
	// set, the environment's access keys and web-identity variables are
	// ignored, as botocore ignores them. When empty, the profile is
	// AWS_DEFAULT_PROFILE, then AWS_PROFILE (botocore's order), then
	// "default".
	Profile string

	// LookupEnv replaces os.LookupEnv.
	LookupEnv LookupEnvFunc
	// HomeDir replaces os.UserHomeDir (for ~/.aws and ~/.aws/sso/cache).
	HomeDir string
	// ConfigFile and CredentialsFile replace AWS_CONFIG_FILE and
	// AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/config and
	// ~/.aws/credentials).
	ConfigFile      string
	CredentialsFile string
	// ReadFile replaces os.ReadFile for the config files, the SSO token
	// cache and token files.
	ReadFile func(name string) ([]byte, error)

	// HTTPClient is used for STS, the SSO portal and SSO-OIDC, the container endpoint
	// and IMDS; nil means http.DefaultClient.
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	// Region is the region for STS calls; when empty, AWS_REGION,
	// AWS_DEFAULT_REGION and the profile's region are used, and with none
	// of them the global endpoint https://sts.amazonaws.com.
	Region string
	// STSEndpoint, SSOEndpoint, IMDSEndpoint and ContainerEndpoint replace
	// the service addresses (for tests and private endpoints).
	// IMDSEndpoint defaults to AWS_EC2_METADATA_SERVICE_ENDPOINT, then
	// http://169.254.169.254; ContainerEndpoint is the base of
	// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (default http://169.254.170.2).
	// SSOOIDCEndpoint replaces https://oidc.<sso_region>.amazonaws.com,
	// where SSO tokens are refreshed.
	STSEndpoint string
	// STS makes the STS calls of the assume-role and web-identity
	// providers. A session sets it to a caller over the generated STS
	// client (with its endpoint rules, retries and *goto3.APIError);
	// nil uses a minimal built-in Query client (one attempt, to
	// STSEndpoint or the regional endpoint).
	STS               STSCaller
	SSOEndpoint       string
	SSOOIDCEndpoint   string
	IMDSEndpoint      string
	ContainerEndpoint string

	// MFATokenFunc returns the current code of the MFA device serialNumber
	// for profiles with mfa_serial. Without it such profiles fail.
	MFATokenFunc func(ctx context.Context, serialNumber string) (string, error)
}

func (o Options) env() LookupEnvFunc { return envOrOS(o.LookupEnv) }

func (o Options) getenv(k string) string { return getenv(o.LookupEnv, k) }

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o Options) client() *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	return http.DefaultClient
}

func (o Options) readFile(name string) ([]byte, error) {
	if o.ReadFile != nil {
		return o.ReadFile(name)
	}
	return os.ReadFile(name)
}

func (o Options) home() string {
	if o.HomeDir != "" {
		return o.HomeDir
	}
	h, _ := os.UserHomeDir()
	return h
}

// ProfileName returns the profile the options select.
func (o Options) ProfileName() string {
	if o.Profile != "" {
		return o.Profile
	}
	for _, k := range []string{"AWS_DEFAULT_PROFILE", "AWS_PROFILE"} {
		if v := o.getenv(k); v != "" {
			return v
		}
	}
	return "default"
}

// Paths returns the config and credentials file paths the options select.
func (o Options) Paths() (configFile, credentialsFile string) {
	configFile, credentialsFile = o.ConfigFile, o.CredentialsFile
	if configFile == "" {
		configFile = o.getenv("AWS_CONFIG_FILE")
	}
	if configFile == "" {
		configFile = filepath.Join("~", ".aws", "config")
	}
	if credentialsFile == "" {
		credentialsFile = o.getenv("AWS_SHARED_CREDENTIALS_FILE")
	}
	if credentialsFile == "" {
		credentialsFile = filepath.Join("~", ".aws", "credentials")
	}
	h := o.home()
	return config.ExpandHome(configFile, h), config.ExpandHome(credentialsFile, h)
}

// files loads the shared files once per owner.
type files struct {
	o    Options
	once sync.Once
	sh   *config.Shared
	cred map[string]config.Section // credentials file sections only
	conf map[string]config.Section // config file profiles only
	err  error
}

func (f *files) load() (*files, error) {
	f.once.Do(func() {
		cf, kf := f.o.Paths()
		f.sh, f.err = config.Load(f.o.readFile, cf, kf)
		if f.err != nil {
			return
		}
		f.conf, f.cred = f.sh.ConfigProfiles, f.sh.CredentialsProfiles
	})
	return f, f.err
}
