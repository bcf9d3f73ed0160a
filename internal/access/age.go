package access

import (
	"context"
	"fmt"
	"strconv"

	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/ident"
)

// Ages works out the ages of the children the viewer may see, among ids. A
// child sees their own age but never their date of birth, so the dates are
// read here in system context — an internal lookup, narrowed by the same
// VisibleChildren rule as every read — and never leave this function. A
// child with no date of birth (an unborn baby), or one the viewer may not
// see, is absent from the map.
func Ages(ctx context.Context, client *kent.Client, children []ident.ID, today civil.Date) (map[ident.ID]int, error) {
	if len(children) == 0 {
		return map[ident.ID]int{}, nil
	}
	rows, err := client.ChildIdentity.Query().
		Where(childidentity.ChildIDIn(children...), childidentity.DateOfBirthNotNil(),
			childidentity.HasChildWith(VisibleChildren(viewerOf(ctx)))).
		Select(childidentity.FieldChildID, childidentity.FieldDateOfBirth).
		All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, fmt.Errorf("ages: %w", err)
	}
	ages := make(map[ident.ID]int, len(rows))
	for _, r := range rows {
		ages[r.ChildID] = r.DateOfBirth.YearsOn(today)
	}
	return ages, nil
}

// Unborn reports whether a child the viewer may see is an unborn baby: their
// identity has no date of birth (docs/domain.md). An unborn baby has no
// form and no account. Read like Ages, below the rules on identities and
// narrowed by VisibleChildren, and only the answer leaves.
func Unborn(ctx context.Context, client *kent.Client, id ident.ID) (bool, error) {
	ok, err := client.ChildIdentity.Query().
		Where(childidentity.ChildID(id), childidentity.DateOfBirthIsNil(),
			childidentity.HasChildWith(VisibleChildren(viewerOf(ctx)))).
		Exist(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return false, fmt.Errorf("unborn: %w", err)
	}
	return ok, nil
}

// notUnborn matches children who are not unborn babies (see Unborn).
func notUnborn() predicate.Child {
	return child.Not(child.HasIdentityWith(childidentity.DateOfBirthIsNil()))
}

// ageColumn is the name under which WithAge reads a child's age.
const ageColumn = "age_today"

// WithAge adds to a query of children each child's age on today, worked out
// in the database from the date of birth, so that the date itself never
// leaves it (as in Ages: a child sees their own age, never their date of
// birth). The rows are the query's own, narrowed by the rules on children
// like any read of them; a child with no date of birth (an unborn baby) has
// no age. Read it with AgeOf. It saves a statement where a read needs a
// child and their age (the dashboard).
func WithAge(today civil.Date) func(*sql.Selector) {
	y, m, d := today.YMD()
	year, monthDay := y, int(m)*100+d
	return func(s *sql.Selector) {
		// Whole years, as civil.Date.YearsOn: the difference of the years,
		// less one before the birthday. Dates are stored as YYYY-MM-DD
		// text, so YYYYMMDD as a number splits into year and month-day.
		years := sql.ExprFunc(func(b *sql.Builder) {
			dob := func() {
				b.WriteString("CAST(REPLACE(").Ident(childidentity.FieldDateOfBirth).WriteString(", '-', '') AS INTEGER)")
			}
			b.WriteString(fmt.Sprintf("%d - ", year))
			dob()
			b.WriteString(fmt.Sprintf(" / 10000 - CASE WHEN %d < ", monthDay))
			dob()
			b.WriteString(" % 10000 THEN 1 ELSE 0 END")
		})
		identities := sql.Table(childidentity.Table)
		age := sql.SelectExpr(years).From(identities).Where(sql.And(
			sql.ColumnsEQ(identities.C(childidentity.FieldChildID), s.C(child.FieldID)),
			sql.NotNull(identities.C(childidentity.FieldDateOfBirth))))
		// As text, '' when unknown: the SQLite driver gives no column type
		// for an expression that is NULL, which ent cannot scan.
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("COALESCE(CAST(").Wrap(func(b *sql.Builder) { b.Join(age) }).WriteString(" AS TEXT), '')")
		}), ageColumn)
	}
}

// AgeOf is the age WithAge read for c: nil when not known (an unborn
// baby); loaded is false when c was read without WithAge.
func AgeOf(c *kent.Child) (age *int, loaded bool) {
	v, err := c.Value(ageColumn)
	if err != nil {
		return nil, false
	}
	text, ok := v.(string)
	if !ok {
		return nil, false
	}
	if text == "" {
		return nil, true
	}
	a, err := strconv.Atoi(text)
	if err != nil {
		return nil, false
	}
	return &a, true
}
