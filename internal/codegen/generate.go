package codegen

//go:generate go run ./cmd/codegen -root ../..
