// Package apierr makes the errors clients see. Every one carries an
// extensions.code from docs/api.md; anything else is masked at the edge as
// INTERNAL with the request id, and its detail goes only to the log.
package apierr

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kite/internal/requestid"
)

// The codes of docs/api.md.
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
	CodeResubscribe        = "RESUBSCRIBE"
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
	// RetryAfter is how long to wait, for RATE_LIMITED.
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// Resubscribe ends a subscription that may have missed events: this
// instance lost its connection to the others (internal/events). The client
// subscribes again, and reads afresh what it shows.
func Resubscribe() *Error {
	return &Error{Code: CodeResubscribe, Message: "Kite lost touch for a moment, so you may have missed news. Please refresh."}
}

// NotFound is the one answer for a missing record and for one the viewer may
// not see: the two are never told apart, in code or in words.
func NotFound() *Error { return &Error{Code: CodeNotFound, Message: notFoundMessage} }

// Forbidden is for a record the viewer may see but not change this way.
func Forbidden() *Error { return &Error{Code: CodeForbidden, Message: forbiddenMessage} }

// Unauthenticated is for a missing, bad or expired token.
func Unauthenticated() *Error {
	return &Error{Code: CodeUnauthenticated, Message: unauthenticatedMessage}
}

// LoginFailed is the one answer to a failed login: the same for an unknown
// username, a wrong password and a disabled account.
func LoginFailed() *Error {
	return &Error{Code: CodeUnauthenticated, Message: "That username or password is not right. Please check them and try again."}
}

// RateLimited asks the client to wait before trying again.
func RateLimited(retryAfter time.Duration) *Error {
	return &Error{Code: CodeRateLimited, Message: "Too many tries. Please wait a little and try again.", RetryAfter: retryAfter}
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
		if apiErr.Code == CodeRateLimited {
			secs := retrySeconds(apiErr.RetryAfter)
			out.Extensions["retryAfter"] = secs
			if h := responseHeader(ctx); h != nil {
				h.Set("Retry-After", strconv.Itoa(secs))
			}
		}
		return out
	case errors.As(err, &gqlErr) && gqlErr.Err == nil && gqlErr.Extensions["code"] != nil:
		// gqlgen's own errors (parse, validation, complexity) already carry a
		// code; the limits that make a query too big all answer one way.
		out := graphql.DefaultErrorPresenter(ctx, err)
		code := out.Extensions["code"]
		if code == "COMPLEXITY_LIMIT_EXCEEDED" || (code == CodeParseFailed && strings.Contains(out.Message, "token limit")) {
			out.Extensions["code"] = CodeQueryTooComplex
		}
		return out
	case errors.As(err, &gqlErr) && strings.HasSuffix(err.Error(), "introspection disabled"):
		// Production mode: the schema is not for browsing.
		return &gqlerror.Error{Message: "Introspection is turned off.", Path: gqlErr.Path,
			Extensions: map[string]any{"code": CodeValidationFailed}}
	case isUserInput(err):
		return badInputFromScalar(ctx, err)
	case errors.As(err, &gqlErr) && strings.Contains(err.Error(), cursorDecodeFailed):
		// entgql's Cursor scalar could not read a cursor (not base64, not
		// msgpack): the client's to fix. Its message names no type, so the
		// text is the only sign.
		out := &gqlerror.Error{Message: "This cursor is not one we gave out. Please use a cursor from a page of results.",
			Path: gqlErr.Path, Extensions: map[string]any{"code": CodeBadUserInput}}
		if len(gqlErr.Path) > 0 {
			out.Extensions["field"] = gqlErr.Path.String()
		}
		return out
	case errors.As(err, &gqlErr) && gqlErr.Err == nil && len(gqlErr.Path) == 0:
		// The transport could not read the request (bad JSON, a batch, too
		// large). Its message can quote the body — passwords included — so
		// it is neither shown nor logged.
		return &gqlerror.Error{Message: unreadableMessage, Extensions: map[string]any{"code": CodeBadUserInput}}
	}
	return Internal(ctx, err)
}

// cursorDecodeFailed is how entgql's Cursor.UnmarshalGQL starts its error
// (graph/cursor_test.go fails if that changes).
const cursorDecodeFailed = "cannot decode cursor"

const unreadableMessage = "The request could not be read. Send one GraphQL request as a JSON object, within the size limit."

// userInput is implemented by errors of input types (Date, ID, enums) that
// reject what a client sent.
type userInput interface {
	error
	BadUserInput()
}

func isUserInput(err error) bool {
	var ui userInput
	return errors.As(err, &ui)
}

// badInputFromScalar presents a scalar's refusal as BAD_USER_INPUT, naming
// the input path where gqlgen gives one.
func badInputFromScalar(ctx context.Context, err error) *gqlerror.Error {
	var ui userInput
	errors.As(err, &ui)
	out := &gqlerror.Error{Message: ui.Error(), Extensions: map[string]any{"code": CodeBadUserInput}}
	var gqlErr *gqlerror.Error
	if errors.As(err, &gqlErr) && len(gqlErr.Path) > 0 {
		out.Extensions["field"] = gqlErr.Path.String()
		out.Path = gqlErr.Path
	} else if fc := graphql.GetFieldContext(ctx); fc != nil {
		out.Path = fc.Path()
	}
	return out
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

// retrySeconds rounds a wait up to whole seconds, at least one.
func retrySeconds(d time.Duration) int {
	secs := int((d + time.Second - 1) / time.Second)
	return max(secs, 1)
}

type headerKey struct{}

// WithResponseHeader lets Present set response headers (Retry-After) for
// errors raised deep inside a request. The HTTP layer calls it.
func WithResponseHeader(ctx context.Context, h http.Header) context.Context {
	return context.WithValue(ctx, headerKey{}, h)
}

func responseHeader(ctx context.Context) http.Header {
	h, _ := ctx.Value(headerKey{}).(http.Header)
	return h
}

// WriteHTTP writes err as a GraphQL-shaped JSON response, for failures
// outside gqlgen (middleware). INTERNAL errors carry the request id.
func WriteHTTP(w http.ResponseWriter, r *http.Request, status int, err *Error) {
	ext := map[string]any{"code": err.Code}
	if err.Code == CodeInternal {
		ext["requestId"] = requestid.FromContext(r.Context())
	}
	if err.Code == CodeRateLimited {
		secs := retrySeconds(err.RetryAfter)
		ext["retryAfter"] = secs
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": err.Message, "extensions": ext}},
	})
}

// InternalError is the masked error for failures outside gqlgen.
func InternalError() *Error { return &Error{Code: CodeInternal, Message: internalMessage} }
