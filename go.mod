module github.com/goto3/goto3

go 1.25.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
)
