// Package replies keeps the chair's replies to what a child or a parent
// sent as a thread: each reply is a record of its own (who wrote it, their
// role, what they wrote and when), added after the others and never
// changed, so a second reply never replaces the first. The services that
// answer submissions (internal/wishes) and parents' views
// (internal/parents) add replies here; who may add and read them is
// internal/access's (ReplyPolicy).
package replies

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/reply"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/ident"
	"kite/internal/textinput"
	"kite/internal/viewer"
)

// MaxText bounds one reply.
const MaxText = 2000

// Text checks a reply and returns it as it is kept: trimmed, with plain
// line endings. A bad one is BAD_USER_INPUT on the field "message".
func Text(message string) (string, error) {
	message = strings.TrimSpace(strings.ReplaceAll(message, "\r\n", "\n"))
	if message == "" || utf8.RuneCountInString(message) > MaxText {
		return "", apierr.BadInput("message", fmt.Sprintf("Please write a reply of up to %d characters.", MaxText))
	}
	return message, textinput.Check("message", message)
}

// To is what a reply answers: a child's submission or a parent's views
// (exactly one), about a child.
type To struct {
	AuthorityID   ident.ID
	ChildID       ident.ID
	SubmissionID  ident.ID
	ParentViewsID ident.ID
}

// Add writes the viewer's reply, in their name and role as they are now,
// with client (pass the caller's transaction's, so that the reply commits
// with what it changes). The access rules decide whether they may.
func Add(ctx context.Context, client *ent.Client, v *viewer.Viewer, to To, text string, at time.Time) (*ent.Reply, error) {
	me, err := client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, fmt.Errorf("replies: author: %w", err)
	}
	c := client.Reply.Create().SetAuthorityID(to.AuthorityID).SetChildID(to.ChildID).
		SetAuthorID(v.UserID).SetAuthorName(me.DisplayName).SetAuthorRole(me.Role).
		SetText(text).SetCreatedAt(at)
	if to.SubmissionID != "" {
		c.SetSubmissionID(to.SubmissionID)
	}
	if to.ParentViewsID != "" {
		c.SetParentViewsID(to.ParentViewsID)
	}
	r, err := c.Save(ctx)
	return r, dataerr.ToAPIAfterRead(err, "replies: add")
}

// Thread is the replies where matches that the viewer may read, oldest
// first.
func Thread(ctx context.Context, client *ent.Client, where ...func(*ent.ReplyQuery)) ([]*ent.Reply, error) {
	q := client.Reply.Query()
	for _, w := range where {
		w(q)
	}
	rs, err := q.Order(ent.Asc(reply.FieldCreatedAt, reply.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("replies: thread: %w", err)
	}
	return rs, nil
}

// ToSubmission narrows a thread to the replies to one submission.
func ToSubmission(id ident.ID) func(*ent.ReplyQuery) {
	return func(q *ent.ReplyQuery) { q.Where(reply.SubmissionID(id)) }
}

// ToParentViews narrows a thread to the replies to one parent's views.
func ToParentViews(id ident.ID) func(*ent.ReplyQuery) {
	return func(q *ent.ReplyQuery) { q.Where(reply.ParentViewsID(id)) }
}
