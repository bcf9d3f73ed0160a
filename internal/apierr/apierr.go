// Package apierr makes the errors clients see. Every one carries an
// extensions.code from contract.md; anything else is masked at the edge as
// INTERNAL with the request id, and its detail goes only to the log.
package apierr

import (
	"context"
	"errors"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kite/internal/requestid"
)

// The codes of contract.md.
const (
	CodeUnauthenticated    = "UNAUTHENTICATED"
	CodeNotFound           = "NOT_FOUND"
	CodeForbidden          = "FORBIDDEN"
	CodeBadUserInput       = "BAD_USER_INPUT"
	CodeRateLimited        = "RATE_LIMITED"
	CodeQueryTooComplex    = "QUERY_TOO_COMPLEX"
	CodeParseFailed        = "GRAPHQL_PARSE_FAILED"
	CodeValidationFailed   = "GRAPHQL_VALIDATION_FAILED"
	CodeInternal           = "INTERNAL"
	internalMessage        = "Something went wrong on our side. Please try again in a little while."
	notFoundMessage        = "We could not find that."
	forbiddenMessage       = "You are not allowed to do that."
	unauthenticatedMessage = "Please sign in again."
)

// Error is a client-facing error: a plain message and a code.
type Error struct {
	Code    string
	Message string
	// Field is the input path for BAD_USER_INPUT (e.g. "answers[2].value").
	Field string
}

func (e *Error) Error() string { return e.Message }

// NotFound is the one answer for a missing record and for one the viewer may
// not see: the two are never told apart, in code or in words.
func NotFound() *Error { return &Error{Code: CodeNotFound, Message: notFoundMessage} }

// Forbidden is for a record the viewer may see but not change this way.
func Forbidden() *Error { return &Error{Code: CodeForbidden, Message: forbiddenMessage} }

// Unauthenticated is for a missing, bad or expired token.
func Unauthenticated() *Error {
	return &Error{Code: CodeUnauthenticated, Message: unauthenticatedMessage}
}

// BadInput is for input that cannot be accepted; field is its input path.
func BadInput(field, message string) *Error {
	return &Error{Code: CodeBadUserInput, Message: message, Field: field}
}

// Present turns any resolver error into what the client sees. Known errors
// keep their code and message; gqlgen's own parse and validation errors keep
// theirs; everything else becomes INTERNAL with the request id, and the real
// error is logged.
func Present(ctx context.Context, err error) *gqlerror.Error {
	var gqlErr *gqlerror.Error
	var apiErr *Error
	switch {
	case errors.As(err, &apiErr):
		out := graphql.DefaultErrorPresenter(ctx, apiErr)
		out.Message = apiErr.Message
		out.Extensions = map[string]any{"code": apiErr.Code}
		if apiErr.Field != "" {
			out.Extensions["field"] = apiErr.Field
		}
		return out
	case errors.As(err, &gqlErr) && gqlErr.Err == nil && gqlErr.Extensions["code"] != nil:
		// gqlgen's own errors (parse, validation, complexity) already carry a code.
		return graphql.DefaultErrorPresenter(ctx, err)
	}
	return Internal(ctx, err)
}

// Internal logs err and returns the masked INTERNAL error.
func Internal(ctx context.Context, err error) *gqlerror.Error {
	id := requestid.FromContext(ctx)
	slog.ErrorContext(ctx, "internal error", "request_id", id, "error", err)
	out := &gqlerror.Error{
		Message:    internalMessage,
		Extensions: map[string]any{"code": CodeInternal, "requestId": id},
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		out.Path = fc.Path()
	}
	return out
}
