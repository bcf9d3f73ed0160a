// Package ident makes Kite's record ids: a short prefix that names the table,
// an underscore, and a ULID whose 80 random bits come from crypto/rand.
//
// Ids are opaque to clients. They are random so that nobody can guess the id
// of a record they were not given, and prefixed so that node(id) knows which
// table to look in without searching every one.
package ident

import (
	"crypto/rand"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// ID is a type-prefixed random id such as "chd_01J9Z3…".
type ID string

// New returns a fresh id with the given table prefix. Each call reads its own
// entropy from crypto/rand: a shared monotonic source would make ids made in
// the same millisecond predictable from one another.
func New(prefix string) ID {
	u, err := ulid.New(ulid.Timestamp(time.Now()), rand.Reader)
	if err != nil {
		// crypto/rand does not fail on supported platforms; if it ever does,
		// making an id anyway would be worse than stopping.
		panic(fmt.Sprintf("ident: read random bytes: %v", err))
	}
	return ID(prefix + "_" + u.String())
}

// Prefix is the table prefix of id, or "" when id has none.
func (id ID) Prefix() string {
	p, _, ok := strings.Cut(string(id), "_")
	if !ok {
		return ""
	}
	return p
}

// Valid reports whether id has a prefix and a well-formed ULID.
func (id ID) Valid() bool {
	p, rest, ok := strings.Cut(string(id), "_")
	if !ok || p == "" || len(rest) != ulid.EncodedSize {
		return false
	}
	_, err := ulid.ParseStrict(rest)
	return err == nil
}

// String returns the id as text.
func (id ID) String() string { return string(id) }

// MarshalGQL writes the id as a GraphQL ID.
func (id ID) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(id))) }

// UnmarshalGQL reads a GraphQL ID. Malformed ids are accepted here and simply
// match no record, so that a bad id and a missing one look the same.
func (id *ID) UnmarshalGQL(v any) error {
	switch s := v.(type) {
	case string:
		*id = ID(s)
	case ID: // entgql's node lookup passes ids through here too
		*id = s
	default:
		return idError{}
	}
	return nil
}

// idError is an id that is not a string; the API shows it as BAD_USER_INPUT.
type idError struct{}

func (idError) Error() string { return "An id must be a string." }

// BadUserInput marks the error as the client's.
func (idError) BadUserInput() {}
