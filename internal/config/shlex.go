package config

import "errors"

// Split splits s into words with the POSIX shell quoting rules of Python's
// shlex.split (the function botocore uses both for section names such as
// [profile "my profile"] and to run credential_process without a shell):
// words are separated by space, tab, CR and LF; single quotes keep
// everything literally; inside double quotes a backslash escapes only '"'
// and '\'; outside quotes a backslash escapes any character. There is no
// variable expansion, globbing, redirection or command substitution.
func Split(s string) ([]string, error) {
	const (
		between = iota
		word
		single
		double
		escOut
		escDouble
	)
	var (
		words []string
		cur   []rune
		state = between
	)
	emit := func() {
		words = append(words, string(cur))
		cur = cur[:0:0]
	}
	for _, c := range s {
		switch state {
		case between, word:
			switch c {
			case ' ', '\t', '\r', '\n':
				if state == word {
					emit()
				}
				state = between
			case '\\':
				state = escOut
			case '\'':
				state = single
			case '"':
				state = double
			default:
				cur = append(cur, c)
				state = word
			}
		case single:
			if c == '\'' {
				state = word
			} else {
				cur = append(cur, c)
			}
		case double:
			switch c {
			case '"':
				state = word
			case '\\':
				state = escDouble
			default:
				cur = append(cur, c)
			}
		case escOut:
			cur = append(cur, c)
			state = word
		case escDouble:
			if c != '"' && c != '\\' {
				cur = append(cur, '\\')
			}
			cur = append(cur, c)
			state = double
		}
	}
	switch state {
	case single, double:
		return nil, errors.New("config: no closing quotation")
	case escOut, escDouble:
		return nil, errors.New("config: no escaped character")
	case word:
		emit()
	}
	return words, nil
}
