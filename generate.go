package main

// Code generation, in order: ent (with entgql, which also writes
// graph/ent.graphql), then gqlgen. Generated code is committed, and CI fails
// if running this changes anything.
//
//go:generate go run -mod=mod entc.go
//go:generate go run graph/gqlgen.go
//go:generate go run graph/printschema.go
