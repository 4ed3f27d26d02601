#!/bin/sh
# check.sh fails (exit 1, naming the files) when the committed generated code
# under services/ and internal/testing/protocoltest/ differs from a fresh generation
# of internal/codegen. Run from anywhere; fix with `go generate ./...`.
set -eu
cd "$(dirname "$0")/../.."
exec go run ./internal/codegen/cmd/codegen -check
