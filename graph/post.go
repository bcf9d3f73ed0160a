package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// post is GraphQL over HTTP's POST (a JSON body; the answer as
// application/json, or application/graphql-response+json when the client
// asks for it), as gqlgen's transport.POST serves it, but for how the
// answer is written. gqlgen writes an answer through json.Marshal, which
// re-reads the data gqlgen has just written as JSON to check and compact it:
// 4–5% of the instructions of a child's dashboard (README, Performance).
// writeAnswer writes the data as it is, with the escaping json.Marshal
// adds, so the bytes are the same (TestAnswerAsJSONMarshal).
type post struct{}

var _ graphql.Transport = post{}

const (
	typeJSON            = "application/json"
	typeGraphQLResponse = "application/graphql-response+json"
)

// Supports: a POST with a JSON body that is not a WebSocket upgrade.
func (post) Supports(r *http.Request) bool {
	if r.Method != http.MethodPost || r.Header.Get("Upgrade") != "" {
		return false
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mediaType == typeJSON
}

func (post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	answerType := answerTypeFor(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", answerType)
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read request body: %+v", err)}))
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // variables keep their numbers as written, as gqlgen's transports decode them
	if err := dec.Decode(&params); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("json request body could not be decoded: %+v body:%s", err, body)}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	op, errs := exec.CreateOperationContext(ctx, &params)
	if errs != nil {
		w.WriteHeader(requestErrorStatus(answerType, errs))
		writeAnswer(w, exec.DispatchError(graphql.WithOperationContext(ctx, op), errs))
		return
	}
	answers, ctx := exec.DispatchOperation(ctx, op)
	writeAnswer(w, answers(ctx))
}

// answerTypeFor is the answer's media type for an Accept header: the first
// of the two JSON types it names (either wildcard: application/json);
// application/json when it names none, graphql-response+json when it names
// only others.
func answerTypeFor(accept string) string {
	if accept == "" {
		return typeJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", typeJSON:
			return typeJSON
		case typeGraphQLResponse:
			return typeGraphQLResponse
		}
	}
	return typeGraphQLResponse
}

// requestErrorStatus is the status of an answer refusing the request
// (parse and validation errors), as gqlgen's transport gives it: 400 for
// graphql-response+json (the GraphQL over HTTP draft's), 422 for
// application/json; 200 for other errors.
func requestErrorStatus(answerType string, errs gqlerror.List) int {
	if errcode.GetErrorKind(errs) != errcode.KindProtocol {
		return http.StatusOK
	}
	if answerType == typeGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// writeAnswer writes a as json.Marshal would, but for its data, which
// gqlgen wrote as compact JSON: copied with only json.Marshal's escaping of
// <, >, &, U+2028 and U+2029 instead of checked and compacted again.
func writeAnswer(w io.Writer, a *graphql.Response) {
	if a == nil {
		_, _ = w.Write([]byte("null"))
		return
	}
	var b bytes.Buffer
	b.Grow(len(a.Data) + 64)
	b.WriteByte('{')
	if len(a.Errors) > 0 {
		b.WriteString(`"errors":`)
		mustMarshal(&b, a.Errors)
		b.WriteByte(',')
	}
	b.WriteString(`"data":`)
	if len(a.Data) == 0 {
		b.WriteString("null")
	} else {
		json.HTMLEscape(&b, a.Data)
	}
	if a.Label != "" {
		b.WriteString(`,"label":`)
		mustMarshal(&b, a.Label)
	}
	if len(a.Path) > 0 {
		b.WriteString(`,"path":`)
		mustMarshal(&b, a.Path)
	}
	if a.HasNext != nil {
		b.WriteString(`,"hasNext":`)
		mustMarshal(&b, *a.HasNext)
	}
	if len(a.Extensions) > 0 {
		b.WriteString(`,"extensions":`)
		mustMarshal(&b, a.Extensions)
	}
	b.WriteByte('}')
	_, _ = w.Write(b.Bytes())
}

// mustMarshal appends v's JSON to b. Errors, paths and extensions are
// values Kite and gqlgen made; one that cannot be written is a programming
// error, which gqlgen's own transport panics on too.
func mustMarshal(b *bytes.Buffer, v any) {
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	b.Write(out)
}
