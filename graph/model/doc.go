// Package model holds the GraphQL types that are not ent entities
// (payloads, inputs, contacts); gqlgen generates models_gen.go here.
package model
