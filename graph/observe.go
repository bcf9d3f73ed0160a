package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"kite/internal/reqlog"
)

// Observer is told about every GraphQL operation: its name, its outcome
// ("ok" or the first error's code) and how long it took.
type Observer func(operation, outcome string, took time.Duration)

// observe is the gqlgen extension that reports operations to an Observer
// and names the operation in the request log.
type observe struct{ fn Observer }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = observe{}

func (observe) ExtensionName() string { return "Observe" }

func (observe) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse times the operation and records its outcome.
func (o observe) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	start := time.Now()
	resp := next(ctx)
	name := ""
	if graphql.HasOperationContext(ctx) {
		if rc := graphql.GetOperationContext(ctx); rc != nil {
			name = rc.OperationName
			if name == "" && rc.Operation != nil {
				name = rc.Operation.Name
			}
		}
	}
	reqlog.SetOperation(ctx, name)
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "error"
		if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
			outcome = code
		}
	}
	if o.fn != nil {
		o.fn(name, outcome, time.Since(start))
	}
	return resp
}
