package access

import (
	"encoding/json"
	"fmt"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/allocation"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Some reads take another entity's columns into their own statement (a
// join), where a statement each would cost too much on a hot path (the
// dashboard, a caseload). The joined rows are narrowed by the same function
// that the joined entity's own policy applies to every read of it, here and
// nowhere else, so the rule still has one source.

// staffColumn is the column withVisibleStaff adds: the member of staff as
// one JSON object (one column, not eight: ent reads each column it does
// not know by asking the driver for the statement's column types, on every
// row).
const staffColumn = "contact"

// staffAlias is the joined users table's name in the statement.
const staffAlias = "staff"

// staffColumns are the columns of a member of staff a contact needs (their
// name, role and how to reach them) — not, say, a password hash.
var staffColumns = []string{user.FieldID, user.FieldDisplayName, user.FieldRole, user.FieldWorkEmail,
	user.FieldWorkPhone, user.FieldHowToReach, user.FieldWorkingPattern, user.FieldWorkingHours}

// withVisibleStaff adds to a query of allocations, in the same statement,
// each allocation's member of staff as a contact, where viewer v may see
// them (visibleUsers, the rule on every read of users). Where they may not,
// joinedStaff gives nil, as an eager load of the staff edge would. Past the
// rules (system) every member of staff is joined.
func withVisibleStaff(system bool, v *viewer.Viewer) func(*sql.Selector) {
	return func(s *sql.Selector) {
		staff := sql.Table(user.Table).As(staffAlias)
		on := sql.ColumnsEQ(s.C(allocation.FieldStaffID), staff.C(user.FieldID))
		if !system {
			// The rule applied to the joined row itself, not as "staff.id IN
			// (every user the viewer may see)": that list is the staff and
			// parents of a whole caseload, built on every read.
			visible := sql.Select().From(staff)
			visibleUsers(v)(visible)
			on = sql.And(on, visible.P())
		}
		s.LeftJoin(staff).OnP(on)
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) { staffObject(b) }), staffColumn)
	}
}

// staffObject writes the joined member of staff as a JSON object, as text:
// json_object on SQLite, json_build_object on PostgreSQL. A JSON column
// (working hours) goes in as JSON, not as a string. The object is never
// NULL; its id is null where no member of staff was joined.
func staffObject(b *sql.Builder) {
	postgres := b.Dialect() == dialect.Postgres
	if postgres {
		b.WriteString("CAST(json_build_object(")
	} else {
		b.WriteString("json_object(")
	}
	for i, c := range staffColumns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("'" + c + "', ")
		if c == user.FieldWorkingHours && !postgres {
			b.WriteString("json(").Ident(staffAlias).WriteByte('.').Ident(c).WriteString(")")
		} else {
			b.Ident(staffAlias).WriteByte('.').Ident(c)
		}
	}
	if postgres {
		b.WriteString(") AS TEXT)")
	} else {
		b.WriteString(")")
	}
}

// staffRow is the object staffObject writes.
type staffRow struct {
	ID             ident.ID        `json:"id"`
	DisplayName    string          `json:"display_name"`
	Role           domain.Role     `json:"role"`
	WorkEmail      *string         `json:"work_email"`
	WorkPhone      *string         `json:"work_phone"`
	HowToReach     *string         `json:"how_to_reach"`
	WorkingPattern *string         `json:"working_pattern"`
	WorkingHours   json.RawMessage `json:"working_hours"`
}

// joinedStaff is the member of staff withVisibleStaff read with a, with the
// contact's columns only; nil when the viewer may not see them (or a was
// read without withVisibleStaff).
func joinedStaff(a *kent.Allocation) (*kent.User, error) {
	v, _ := a.Value(staffColumn)
	var text []byte
	switch t := v.(type) {
	case string:
		text = []byte(t)
	case []byte:
		text = t
	default:
		return nil, nil
	}
	var row staffRow
	if err := json.Unmarshal(text, &row); err != nil {
		return nil, fmt.Errorf("staff of allocation %s: %w", a.ID, err)
	}
	if row.ID == "" {
		return nil, nil
	}
	u := &kent.User{ID: row.ID, DisplayName: row.DisplayName, Role: row.Role, WorkEmail: deref(row.WorkEmail),
		WorkPhone: deref(row.WorkPhone), HowToReach: deref(row.HowToReach), WorkingPattern: deref(row.WorkingPattern)}
	if len(row.WorkingHours) > 0 && string(row.WorkingHours) != "null" {
		if err := json.Unmarshal(row.WorkingHours, &u.WorkingHours); err != nil {
			return nil, fmt.Errorf("staff %s: working hours: %w", row.ID, err)
		}
	}
	return u, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
