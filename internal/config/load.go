package config

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
)

// Shared is the merged view of the config and credentials files.
type Shared struct {
	// Profiles maps profile names to their keys: the config file's
	// [default] and [profile x] sections, overlaid key by key with the
	// credentials file's [x] sections.
	Profiles map[string]Section
	// SSOSessions maps the names of [sso-session x] sections.
	SSOSessions map[string]Section
	// Services maps the names of [services x] sections; each service's
	// settings are a nested sub-section ("s3 =" + indented keys).
	Services map[string]Section

	// ConfigProfiles and CredentialsProfiles are the profiles of each file
	// alone, before merging (credential providers tell them apart).
	ConfigProfiles      map[string]Section
	CredentialsProfiles map[string]Section
}

// Profile returns the named profile and whether it exists.
func (s *Shared) Profile(name string) (Section, bool) {
	if s == nil {
		return nil, false
	}
	p, ok := s.Profiles[name]
	return p, ok
}

// ReadFunc reads a whole file, as os.ReadFile does.
type ReadFunc func(name string) ([]byte, error)

// Load reads and merges the config file and the credentials file. A file
// that does not exist (or is a directory) is skipped, as botocore skips it;
// an empty path means "no such file". A malformed file is an error naming
// the file and line.
func Load(read ReadFunc, configPath, credentialsPath string) (*Shared, error) {
	sh := &Shared{
		Profiles:    map[string]Section{},
		SSOSessions: map[string]Section{},
		Services:    map[string]Section{},

		ConfigProfiles:      map[string]Section{},
		CredentialsProfiles: map[string]Section{},
	}
	secs, err := readParse(read, configPath)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		switch {
		case strings.HasPrefix(s.Name, "profile"):
			addNamed(sh.Profiles, s)
		case strings.HasPrefix(s.Name, "sso-session"):
			addNamed(sh.SSOSessions, s)
		case strings.HasPrefix(s.Name, "services"):
			addNamed(sh.Services, s)
		case s.Name == "default":
			sh.Profiles["default"] = s.Values
		}
	}
	for k, v := range sh.Profiles {
		sh.ConfigProfiles[k] = v
	}
	secs, err = readParse(read, credentialsPath)
	if err != nil {
		return nil, err
	}
	for _, s := range secs {
		sh.CredentialsProfiles[s.Name] = s.Values
		p, ok := sh.Profiles[s.Name]
		if !ok {
			sh.Profiles[s.Name] = s.Values
			continue
		}
		merged := make(Section, len(p)+len(s.Values))
		for k, v := range p {
			merged[k] = v
		}
		for k, v := range s.Values {
			merged[k] = v
		}
		sh.Profiles[s.Name] = merged
	}
	return sh, nil
}

// addNamed adds a "[kind name]" section under name, when the header splits
// into exactly two shell words (botocore's _parse_section).
func addNamed(m map[string]Section, s RawSection) {
	parts, err := Split(s.Name)
	if err != nil || len(parts) != 2 {
		return
	}
	m[parts[1]] = s.Values
}

func readParse(read ReadFunc, path string) ([]RawSection, error) {
	if path == "" {
		return nil, nil
	}
	data, err := read(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.EISDIR) {
			return nil, nil
		}
		return nil, err
	}
	return Parse(path, data)
}

// ExpandHome replaces a leading "~" or "~/" in path with home, as botocore's
// os.path.expanduser does for AWS_CONFIG_FILE and friends.
func ExpandHome(path, home string) string {
	if path == "~" {
		return home
	}
	if strings.HasPrefix(path, "~/") {
		return strings.TrimSuffix(home, "/") + path[1:]
	}
	return path
}
