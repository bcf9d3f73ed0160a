package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"

	"kite/internal/apierr"
	"kite/internal/ident"
)

// PageLimits caps Relay connections. entgql's generated pagination reads every
// row when neither `first` nor `last` is given, so a connection without them
// gets Default, and one asking for more than Max gets Max.
type PageLimits struct {
	Default int
	Max     int
}

type pagesKey struct{}

// withPages gives a query's resolvers the page limits its connection
// fields will be held to (firstSubmissions reads a page before its field).
func withPages(ctx context.Context, p PageLimits) context.Context {
	return context.WithValue(ctx, pagesKey{}, p)
}

func pagesOf(ctx context.Context) (PageLimits, bool) {
	p, ok := ctx.Value(pagesKey{}).(PageLimits)
	return p, ok
}

// DefaultPageLimits are docs/api.md's: capped at 100.
var DefaultPageLimits = PageLimits{Default: 20, Max: 100}

// valid reports whether the limits make sense; the handler refuses to start
// otherwise.
func (p PageLimits) valid() error {
	if p.Default < 1 || p.Max < p.Default {
		return fmt.Errorf("page limits: need 1 <= default (%d) <= max (%d)", p.Default, p.Max)
	}
	return nil
}

// limit sets or clamps first/last of a connection field before its
// resolver runs (through beforeEachField).
func (p PageLimits) limit(fc *graphql.FieldContext) error {
	if fc.Field.Definition == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return nil
	}
	return p.apply(fc.Args)
}

// apply adjusts a connection field's arguments in place.
func (p PageLimits) apply(args map[string]any) error {
	first, _ := args["first"].(*int)
	last, _ := args["last"].(*int)
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n != nil && *n < 0 {
			return apierr.BadInput(name, "Please ask for zero or more records.")
		}
		if n != nil && *n > p.Max {
			*n = p.Max
		}
	}
	for _, name := range []string{"after", "before"} {
		if c, _ := args[name].(*entgql.Cursor[ident.ID]); c != nil && !wellFormed(c) {
			return apierr.BadInput(name, badCursor)
		}
	}
	if first == nil && last == nil {
		if _, ok := args["first"]; ok {
			n := p.Default
			args["first"] = &n
		}
	}
	return nil
}

// badCursor is the answer to a cursor Kite did not give out.
const badCursor = "This cursor is not one we gave out. Please use a cursor from a page of results."

// wellFormed reports whether a cursor that decoded could be one of Kite's:
// a record id and, where the order has one, a single plain value. Anything
// else (a list, a map) would reach the SQL and fail there.
func wellFormed(c *entgql.Cursor[ident.ID]) bool {
	if !c.ID.Valid() {
		return false
	}
	if c.Value == nil {
		return true
	}
	if _, ok := c.Value.(time.Time); ok {
		return true
	}
	switch reflect.TypeOf(c.Value).Kind() {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}
