// Package config is the parser for the AWS shared configuration files
// (~/.aws/config and ~/.aws/credentials) used by goto3's Session and by
// package credentials.
//
// The format is the INI dialect that botocore reads with Python's
// configparser.RawConfigParser (botocore/configloader.py), and this package
// reproduces its rules rather than those of a generic INI library:
//
//   - A section header is a line whose stripped text starts with "[" and
//     contains a later "]"; the name is everything between the first "[" and
//     the last "]", kept verbatim (not trimmed, case-sensitive). Text after
//     the last "]" is ignored.
//   - An option is "name = value" or "name : value"; the name is the text
//     before the first "=" or ":", trimmed and lower-cased; the value is
//     trimmed. An empty name or a line without a delimiter is an error.
//   - A line whose stripped text starts with "#" or ";" is a comment, wherever
//     it is indented. There are no inline comments: in
//     "region = us-west-2 # prod" the value is "us-west-2 # prod", exactly as
//     botocore reads it.
//   - A line indented deeper than the option line above it continues that
//     option's value (joined with "\n"); blank lines inside a value are kept
//     and trailing ones dropped. A value that starts with a continuation
//     ("s3 =" followed by indented "key = value" lines) is a nested
//     sub-section, parsed into Value.Sub, as botocore does for s3 and for the
//     per-service blocks of a [services x] section.
//   - A section or an option that appears twice in one file is an error
//     (configparser's strict mode); keys of a "[DEFAULT]" section are
//     inherited by every section that does not set them.
//   - A first line of text that is not inside a section is an error.
//
// Load builds the profile view botocore uses: in the config file
// "[default]", "[profile x]", "[sso-session x]" and "[services x]" (the
// second word split with POSIX shell rules, so "[profile 'a b']" names
// profile "a b"); in the credentials file each section name is a profile
// name. A profile present in both files gets the config file's keys
// overridden key by key by the credentials file's, as botocore's
// Session.full_config does. When "[default]" and "[profile default]" both
// appear, the later section in the file wins.
//
// Two deliberate differences from botocore: a UTF-8 byte order mark at the
// start of a file is skipped (botocore rejects such a file), and file paths
// get "~" expanded (ExpandHome) but not $VARIABLES.
//
// TestParseMatchesBotocore and TestParseRandomMatchesBotocore compare this
// parser with the installed botocore on hand-written and random files
// (testdata/credentials/gen_parse.py writes the expectations).
//
// Errors name the file and the line: "config: ~/.aws/config:12: ...".
// Parsing never panics (FuzzParse checks this). All values are immutable
// after parsing and safe for concurrent reads.
package config
