package session

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"slices"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"

	"kite/ent/child"
	"kite/ent/localauthority"
	"kite/ent/refreshtoken"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/ident"
)

// accountRow is what every request reads about its viewer.
type accountRow struct {
	Role               domain.Role
	AuthorityID        ident.ID
	Active             bool
	SessionsValidAfter *time.Time
	// ChildID is the account's own child record, if it has one.
	ChildID *ident.ID
	// SessionLive is read only when the session is checked: whether its
	// family has a refresh token not revoked.
	SessionLive bool
	// CoreGroupIntervalWeeks is the authority's setting (domain.AuthoritySettings).
	CoreGroupIntervalWeeks int
}

// accountStatement is the one statement that loads the viewer: the user's
// row, their own child record, the authority setting reads need and, when
// the session is checked, whether it is still live. Its text depends only on
// the dialect and on whether the session is checked, so it is built once for
// each and every request passes just its arguments (building it through ent
// and scanning by reflection was most of the cost of loading the viewer; issue
// 14). It reads below the rules, as loading the viewer must: the rules start
// from what it reads.
type accountStatement struct {
	text string
	// marks are the statement's arguments as built: idMark and, when the
	// session is checked, sessionMark, in the order the text takes them.
	marks []string
}

// withSession reports whether the statement checks the session too.
func (st *accountStatement) withSession() bool { return len(st.marks) == 2 }

var accountStatements sync.Map // accountKey → *accountStatement

type accountKey struct {
	dialect     string
	withSession bool
}

// Marks stand in for the arguments while the statement is built, to learn
// their order; neither can be a user id or a session family.
const (
	idMark      = "\x00kite-account-id\x00"
	sessionMark = "\x00kite-account-session\x00"
)

func accountStatementFor(dialect string, withSession bool) (*accountStatement, error) {
	key := accountKey{dialect, withSession}
	if st, ok := accountStatements.Load(key); ok {
		return st.(*accountStatement), nil
	}
	st, err := buildAccountStatement(dialect, withSession)
	if err != nil {
		return nil, err
	}
	accountStatements.Store(key, st)
	return st, nil
}

func buildAccountStatement(dialect string, withSession bool) (*accountStatement, error) {
	b := sql.Dialect(dialect)
	u := b.Table(user.Table)
	c := sql.Table(child.Table)
	la := sql.Table(localauthority.Table)
	q := b.Select(u.C(user.FieldRole), u.C(user.FieldAuthorityID), u.C(user.FieldActive), u.C(user.FieldSessionsValidAfter)).
		From(u)
	q.LeftJoin(c).On(u.C(user.FieldID), c.C(child.FieldUserID))
	q.AppendSelectAs(c.C(child.FieldID), "child_id")
	// The authority's settings that reads need: a row of the viewer's own
	// authority, which every signed-in user may read.
	q.AppendSelectExprAs(sql.Select(la.C(localauthority.FieldCoreGroupIntervalWeeks)).From(la).
		Where(sql.ColumnsEQ(la.C(localauthority.FieldID), u.C(user.FieldAuthorityID))), "core_group_interval_weeks")
	if withSession {
		rt := sql.Table(refreshtoken.Table)
		live := sql.Select(rt.C(refreshtoken.FieldID)).From(rt).
			Where(sql.And(sql.EQ(rt.C(refreshtoken.FieldFamily), sessionMark), sql.IsNull(rt.C(refreshtoken.FieldRevokedAt))))
		q.AppendSelectExprAs(sql.Exists(live), "session_live")
	}
	q.Where(sql.EQ(u.C(user.FieldID), idMark))
	text, args := q.Query()
	st := &accountStatement{text: text}
	for _, a := range args {
		if m, ok := a.(string); ok {
			st.marks = append(st.marks, m)
		}
	}
	want := []string{idMark}
	if withSession {
		want = append(want, sessionMark)
	}
	// Each mark once, and nothing else, in whichever order the text has.
	if len(st.marks) != len(args) || !slices.Equal(slices.Sorted(slices.Values(st.marks)), slices.Sorted(slices.Values(want))) {
		return nil, fmt.Errorf("load viewer: unexpected arguments %q", args)
	}
	return st, nil
}

// args are the statement's arguments for the user id and the session.
func (st *accountStatement) args(id ident.ID, session string) []any {
	out := make([]any, len(st.marks))
	for i, m := range st.marks {
		if m == idMark {
			out[i] = string(id)
		} else {
			out[i] = session
		}
	}
	return out
}

// account reads the viewer's account and their own child record in one
// statement: it runs on every request. With a session id it also reads
// whether that session is live, in the same statement, so that checking the
// session adds no round trip.
func (s *Service) account(ctx context.Context, id ident.ID, session string) (*accountRow, error) {
	st, err := accountStatementFor(s.Client.Dialect(), session != "")
	if err != nil {
		return nil, err
	}
	rows, err := s.Client.QueryContext(ctx, st.text, st.args(id, session)...)
	if err != nil {
		return nil, fmt.Errorf("load viewer: %w", err)
	}
	defer rows.Close()
	var out []accountRow
	for rows.Next() {
		var row accountRow
		var childID stdsql.NullString
		var validAfter stdsql.NullTime
		dest := []any{&row.Role, &row.AuthorityID, &row.Active, &validAfter, &childID, &row.CoreGroupIntervalWeeks}
		if st.withSession() {
			dest = append(dest, &row.SessionLive)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("load viewer: %w", err)
		}
		if childID.Valid {
			cid := ident.ID(childID.String)
			row.ChildID = &cid
		}
		if validAfter.Valid {
			t := validAfter.Time
			row.SessionsValidAfter = &t
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load viewer: %w", err)
	}
	if len(out) != 1 {
		return nil, errNoViewer
	}
	return &out[0], nil
}
