package testpeer

import "testing"

// Internals reached by the external tests.
var (
	StartProcess = func(name string, argv []string) (interface {
		Stop()
		Exited() bool
		Done() <-chan struct{}
		Log() string
	}, error) {
		p, err := startProcess(name, argv, nil, "")
		if err != nil {
			return nil, err
		}
		return procHandle{p}, nil
	}
	Missing = func(t testing.TB, what, hint string) { missing(t, what, hint) }
)

type procHandle struct{ p *process }

func (h procHandle) Stop()                 { h.p.stop() }
func (h procHandle) Exited() bool          { return h.p.exited() }
func (h procHandle) Done() <-chan struct{} { return h.p.done }
func (h procHandle) Log() string           { return h.p.Log() }
