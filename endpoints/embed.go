package endpoints

import (
	"fmt"
	"sync"
)

// EmbeddedCompiled returns a function that loads a rule set embedded by a
// service package the first time it is called and returns the same
// *RuleSet ever after: data is the compiled form MarshalBinary wrote when
// the package was generated (embedded as a string, so that the rule set's
// strings stay in the binary's read-only data), and names the parameters
// the caller's generated code binds to positions (see Bind). A rule set
// that does not load or bind panics, naming the reason (data written by
// another version of this package says so: regenerate): it was checked
// when the package was generated, and each service package's tests load
// it.
func EmbeddedCompiled(data string, names []string) func() *RuleSet {
	return sync.OnceValue(func() *RuleSet {
		rs, err := LoadCompiled(data)
		if err == nil {
			err = rs.Bind(names)
		}
		if err != nil {
			panic(fmt.Sprintf("endpoints: embedded rule set: %v", err))
		}
		return rs
	})
}
