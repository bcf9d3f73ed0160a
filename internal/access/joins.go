package access

import (
	"context"
	"encoding/json"
	"fmt"

	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/allocation"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Some reads take another entity's columns into their own statement (a
// join), where a statement each would cost too much on a hot path (the
// dashboard, a caseload). The joined rows are narrowed by the same function
// that the joined entity's own policy applies to every read of it, here and
// nowhere else, so the rule still has one source.

// staffColumn names the columns WithVisibleStaff adds: "contact_" and the
// user column (not "staff_": allocations have a staff_id of their own).
func staffColumn(c string) string { return "contact_" + c }

// staffAlias is the joined users table's name in the statement.
const staffAlias = "staff"

// staffColumns are the columns of a member of staff a contact needs (their
// name, role and how to reach them) — not, say, a password hash.
var staffColumns = []string{user.FieldID, user.FieldDisplayName, user.FieldRole, user.FieldWorkEmail,
	user.FieldWorkPhone, user.FieldHowToReach, user.FieldWorkingPattern, user.FieldWorkingHours}

// WithVisibleStaff adds to a query of allocations, in the same statement,
// each allocation's member of staff as a contact, where the viewer may see
// them (visibleUsers, the rule on every read of users). Where they may not,
// StaffOf gives nil, as an eager load of the staff edge would. System code
// (ctx past the rules) sees every member of staff, as it would there.
func WithVisibleStaff(ctx context.Context) func(*sql.Selector) {
	system, v := isSystem(ctx), viewerOf(ctx)
	return func(s *sql.Selector) {
		staff := sql.Table(user.Table).As(staffAlias)
		on := sql.ColumnsEQ(s.C(allocation.FieldStaffID), staff.C(user.FieldID))
		if !system {
			visible := sql.Select(user.FieldID).From(sql.Table(user.Table))
			visibleUsers(v)(visible)
			on = sql.And(on, sql.In(staff.C(user.FieldID), visible))
		}
		s.LeftJoin(staff).OnP(on)
		for _, c := range staffColumns {
			// As text, '' for none: the SQLite driver gives no column type
			// for a NULL it cannot place (a JSON column, an absent row),
			// which ent cannot scan.
			s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
				b.WriteString("COALESCE(CAST(").Ident(staffAlias).WriteByte('.').Ident(c).WriteString(" AS TEXT), '')")
			}), staffColumn(c))
		}
	}
}

// StaffOf is the member of staff WithVisibleStaff read with a, with the
// contact's columns only; nil when the viewer may not see them (or a was
// read without WithVisibleStaff).
func StaffOf(a *kent.Allocation) (*kent.User, error) {
	text := func(c string) string {
		switch v, _ := a.Value(staffColumn(c)); s := v.(type) {
		case string:
			return s
		case []byte:
			return string(s)
		}
		return ""
	}
	id := text(user.FieldID)
	if id == "" {
		return nil, nil
	}
	u := &kent.User{ID: ident.ID(id), DisplayName: text(user.FieldDisplayName), Role: domain.Role(text(user.FieldRole)),
		WorkEmail: text(user.FieldWorkEmail), WorkPhone: text(user.FieldWorkPhone), HowToReach: text(user.FieldHowToReach),
		WorkingPattern: text(user.FieldWorkingPattern)}
	hours, _ := a.Value(staffColumn(user.FieldWorkingHours))
	if err := decodeJSON(hours, &u.WorkingHours); err != nil {
		return nil, fmt.Errorf("staff %s: working hours: %w", id, err)
	}
	return u, nil
}

// decodeJSON reads a JSON column's value as a driver gives it: text (SQLite),
// or already decoded (pgx decodes json into maps and lists).
func decodeJSON(v any, into any) error {
	var raw []byte
	switch j := v.(type) {
	case nil:
		return nil
	case string:
		raw = []byte(j)
	case []byte:
		raw = j
	default:
		var err error
		if raw, err = json.Marshal(j); err != nil {
			return err
		}
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return json.Unmarshal(raw, into)
}
