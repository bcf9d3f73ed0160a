package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"kite/internal/apierr"
)

// PageLimits caps Relay connections. entgql's generated pagination reads every
// row when neither `first` nor `last` is given, so a connection without them
// gets Default, and one asking for more than Max gets Max.
type PageLimits struct {
	Default int
	Max     int
}

// DefaultPageLimits are contract.md's: capped at 100.
var DefaultPageLimits = PageLimits{Default: 20, Max: 100}

var _ interface {
	graphql.HandlerExtension
	graphql.FieldInterceptor
} = PageLimits{}

// ExtensionName implements graphql.HandlerExtension.
func (PageLimits) ExtensionName() string { return "PageLimits" }

// Validate implements graphql.HandlerExtension.
func (p PageLimits) Validate(graphql.ExecutableSchema) error {
	if p.Default < 1 || p.Max < p.Default {
		return fmt.Errorf("page limits: need 1 <= default (%d) <= max (%d)", p.Default, p.Max)
	}
	return nil
}

// InterceptField sets or clamps first/last on every connection field before
// its resolver runs.
func (p PageLimits) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	if err := p.apply(fc.Args); err != nil {
		return nil, err
	}
	return next(ctx)
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
	if first == nil && last == nil {
		if _, ok := args["first"]; ok {
			n := p.Default
			args["first"] = &n
		}
	}
	return nil
}
