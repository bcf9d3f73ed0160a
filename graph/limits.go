package graph

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"entgo.io/contrib/entgql"
	gqlcomplexity "github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kite/ent"
	"kite/graph/generated"
	"kite/internal/apierr"
	"kite/internal/ident"
)

// Limits bound what one GraphQL request may ask for (docs/quality.md, Security;
// OWASP's GraphQL cheat sheet). Each has a safe default and can be set by
// configuration.
type Limits struct {
	// MaxDepth is the deepest nesting of fields. The deepest query the
	// clients send (a child's submissions with their read receipts) is 6.
	MaxDepth int
	// MaxComplexity is the most estimated work: 1 per field, times the page
	// size for connections and an estimate for lists.
	MaxComplexity int
	// MaxAliases is the most aliased fields (aliases let one request ask for
	// the same expensive thing many times).
	MaxAliases int
	// MaxRootFields is the most top-level fields in one operation.
	MaxRootFields int
	// MaxQueryBytes is the longest query text.
	MaxQueryBytes int
	// MaxTokens is the most lexical tokens the parser reads.
	MaxTokens int
}

// DefaultLimits are the limits when configuration gives none.
var DefaultLimits = Limits{MaxDepth: 10, MaxComplexity: 3000, MaxAliases: 15, MaxRootFields: 10,
	MaxQueryBytes: 16 << 10, MaxTokens: 4000}

// listEstimate is the cost multiplier for a list with no page size: a
// child's plans or meetings are a handful, rarely dozens.
const listEstimate = 10

// size is what a connection will return: first or last, capped, with the
// default page when absent.
func (p PageLimits) size(first, last *int) int {
	n := p.Default
	for _, x := range []*int{first, last} {
		if x != nil {
			n = min(max(*x, 0), p.Max)
		}
	}
	return max(n, 1)
}

// complexity prices connections by their page size and lists by an
// estimate, so that a request asking for a hundred children's hundred
// submissions is priced as the ten thousand rows it is.
func complexity(pages PageLimits) generated.ComplexityRoot {
	pageSize := pages.size
	var c generated.ComplexityRoot
	c.Query.MyCaseload = func(child int, _ *int, _, _, _ *bool, _ *entgql.Cursor[ident.ID], first *int, _ *entgql.Cursor[ident.ID], last *int) int {
		return 1 + child*pageSize(first, last)
	}
	c.Query.AuditEvents = func(child int, _ *entgql.Cursor[ident.ID], first *int, _ *string, _, _ *ident.ID, _, _ *time.Time) int {
		return 1 + child*pageSize(first, nil)
	}
	c.Query.Nodes = func(child int, ids []ident.ID) int { return 1 + child*max(len(ids), 1) }
	c.User.Notifications = func(child int, _ *entgql.Cursor[ident.ID], first *int, _ *bool) int {
		return 1 + child*pageSize(first, nil)
	}
	c.Query.ReceivedSubmissions = func(child int, _ *bool, limit *int) int {
		n := 50
		if limit != nil {
			n = min(max(*limit, 1), 100)
		}
		return 1 + child*n
	}
	c.Child.Submissions = func(child int, _ *entgql.Cursor[ident.ID], first *int, _ *entgql.Cursor[ident.ID], last *int, _ *ent.WishesAndFeelingsOrder) int {
		return 1 + child*pageSize(first, last)
	}
	list := func(child int) int { return 1 + child*listEstimate }
	c.Child.Meetings, c.Child.Plans, c.Child.UpcomingMeetings = list, list, list
	c.Child.Alerts, c.Child.Allocations, c.Child.FamilyLinks, c.Child.ParentViews = list, list, list, list
	c.Plan.Versions = list
	c.PlanVersion.Actions = list
	c.Meeting.Submissions, c.Meeting.ParentViews = list, list
	c.WishesAndFeelings.ReadReceipts, c.ParentViews.ReadReceipts = list, list
	c.Meeting.AttendeeNeeds = list
	return c
}

// checker is the gqlgen extension enforcing Limits.
type checker struct{ Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = checker{}

func (checker) ExtensionName() string { return "Limits" }

func (checker) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses an over-long query before it is parsed.
func (c checker) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Query) > c.MaxQueryBytes {
		return tooMuch(apierr.CodeBadUserInput, fmt.Sprintf("The query is too long (at most %d bytes).", c.MaxQueryBytes))
	}
	return nil
}

// MutateOperationContext checks depth, aliases and root fields of the
// parsed operation.
func (c checker) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	op := rc.Operation
	if op == nil {
		return nil
	}
	roots := countRoots(op.SelectionSet, map[string]int{})
	if roots > c.MaxRootFields {
		return tooMuch(apierr.CodeQueryTooComplex, fmt.Sprintf("Too many top-level fields (at most %d).", c.MaxRootFields))
	}
	aliases := countAliases(op.SelectionSet, map[string]int{})
	if aliases > c.MaxAliases {
		return tooMuch(apierr.CodeQueryTooComplex, fmt.Sprintf("Too many aliases (at most %d).", c.MaxAliases))
	}
	if d := depth(op.SelectionSet, map[string]int{}); d > c.MaxDepth {
		return tooMuch(apierr.CodeQueryTooComplex, fmt.Sprintf("The query is nested too deeply (at most %d levels).", c.MaxDepth))
	}
	return nil
}

// introspectionRoots are the meta-fields that answer introspection. Their
// subtrees are left out of the depth and cost limits: they only reach the
// schema's own types (graphql-js's standard introspection query nests
// TypeRef nine levels deep), the schema bounds what they return, and
// production turns introspection off. They are known by the field's name,
// never its alias, so "__type: myCaseload { ... }" is counted as ever.
var introspectionRoots = map[string]bool{"__schema": true, "__type": true}

func isIntrospection(f *ast.Field) bool { return introspectionRoots[f.Name] }

// complexityIgnores leaves the introspection subtrees out of the cost
// (gqlgen's walker already skips __schema; __type it would price).
func complexityIgnores() gqlcomplexity.Option {
	m := map[string]struct{}{}
	for name := range introspectionRoots {
		m["Query."+name] = struct{}{}
	}
	return gqlcomplexity.WithIgnoreFields(m)
}

func tooMuch(code, message string) *gqlerror.Error {
	return &gqlerror.Error{Message: message, Extensions: map[string]any{"code": code}}
}

// depth is the deepest field nesting, following fragments. Each fragment's
// depth is worked out once (memo), so fragments spread inside fragments
// cannot make this walk explode; validation has already refused cycles.
func depth(set ast.SelectionSet, memo map[string]int) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			d = 1
			if !isIntrospection(s) {
				d += depth(s.SelectionSet, memo)
			}
		case *ast.InlineFragment:
			d = depth(s.SelectionSet, memo)
		case *ast.FragmentSpread:
			d = once(s, memo, depth)
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// once is walk's answer for a spread fragment, worked out once per fragment
// (memo), so that fragments spread inside fragments cannot make a walk
// explode; validation has already refused cycles. A spread of an unknown
// fragment counts 0.
func once(s *ast.FragmentSpread, memo map[string]int, walk func(ast.SelectionSet, map[string]int) int) int {
	if s.Definition == nil {
		return 0
	}
	known, ok := memo[s.Name]
	if !ok {
		memo[s.Name] = 0 // guards against a cycle while it is worked out
		known = walk(s.Definition.SelectionSet, memo)
		memo[s.Name] = known
	}
	return known
}

// countAliases counts aliased fields (an alias other than the field's name),
// each fragment once per spread, with each fragment's count worked out once.
func countAliases(set ast.SelectionSet, memo map[string]int) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				n++
			}
			n += countAliases(s.SelectionSet, memo)
		case *ast.InlineFragment:
			n += countAliases(s.SelectionSet, memo)
		case *ast.FragmentSpread:
			n += once(s, memo, countAliases)
		}
	}
	return n
}

// countRoots counts the top-level fields, through fragments spread at the
// top level (each fragment's count worked out once).
func countRoots(set ast.SelectionSet, memo map[string]int) int {
	n := 0
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n++
		case *ast.InlineFragment:
			n += countRoots(s.SelectionSet, memo)
		case *ast.FragmentSpread:
			n += once(s, memo, countRoots)
		}
	}
	return n
}

// maxRequestErrors is the most parse and validation errors one answer
// lists: a query repeating a mistake hundreds of times would otherwise get
// hundreds of errors back, which costs the server to write and helps no one.
const maxRequestErrors = 20

// capErrors is a transport whose request errors are capped: it hands the
// transport an executor that trims what refusing a request produced. It
// sits around every transport, so HTTP and WebSocket answer alike.
type capErrors struct{ graphql.Transport }

func (t capErrors) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.Transport.Do(w, r, cappedExecutor{exec})
}

type cappedExecutor struct{ graphql.GraphExecutor }

func (e cappedExecutor) CreateOperationContext(ctx context.Context, p *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	rc, errs := e.GraphExecutor.CreateOperationContext(ctx, p)
	if len(errs) <= maxRequestErrors {
		return rc, errs
	}
	cut := &gqlerror.Error{Message: fmt.Sprintf("The query has %d more problems; only the first %d are listed.",
		len(errs)-maxRequestErrors, maxRequestErrors)}
	errcode.Set(cut, apierr.CodeValidationFailed)
	return rc, append(errs[:maxRequestErrors:maxRequestErrors], cut)
}

// budget is the gqlgen extension asking HandlerOptions.Budget before each
// operation is even parsed, so that refused operations cost nothing more.
type budget struct{ spend func(context.Context) error }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = budget{}

func (budget) ExtensionName() string { return "Budget" }

func (budget) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses the operation when the budget is spent.
// The error is presented here: a WebSocket sends it as it is.
func (b budget) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	if b.spend == nil {
		return nil
	}
	if err := b.spend(ctx); err != nil {
		return apierr.Present(ctx, err)
	}
	return nil
}
