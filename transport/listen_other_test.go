//go:build !unix

package transport_test

import "testing"

func smallBacklogListener(t *testing.T) (string, func()) {
	t.Skip("a listener with a full backlog needs a unix socket API")
	return "", nil
}
