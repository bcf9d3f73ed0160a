package importer

import (
	"fmt"

	"kite/ent"
	"kite/ent/user"
	"kite/internal/domain"
)

// userIn is a users row: the account as it will be after the import.
type userIn struct {
	row      int
	ext      string
	existing *ent.User
	role     domain.Role // "" when the row's role is rejected
	display  string
	email    string
	phone    string
}

// importableRoles are the roles an import may give: staff who work with
// children, managers and parents. ADMIN accounts are made in Kite; a child's
// account is set up by the child with an invitation code.
var importableRoles = []string{
	string(domain.RoleIRO), string(domain.RoleCPChair), string(domain.RoleSocialWorker), string(domain.RoleManager), string(domain.RoleParent),
}

func (r *run) checkUsers(k *kindData) {
	for c, u := range named(k, r.users, func(n int, ext string) *userIn { return &userIn{row: n, ext: ext} }) {
		if u.ext != "" {
			u.existing = r.exUsers[u.ext]
		}
		switch v, _ := c.get("role"); v {
		case string(domain.RoleAdmin):
			c.bad("role", "ADMIN accounts are not imported: an administrator's account is made in Kite")
		case string(domain.RoleChild):
			c.bad("role", "CHILD accounts are not imported: a child sets up their own account with an invitation code")
		default:
			u.role, _ = enumValue[domain.Role](c, "role", importableRoles, true)
		}
		if ex := u.existing; ex != nil {
			switch {
			case ex.Role == domain.RoleAdmin || ex.Role == domain.RoleChild:
				c.bad("external_id", "%s is %s account in Kite, which an import does not change", quoteValue(u.ext), article(ex.Role))
			case u.role != "" && u.role != ex.Role:
				c.bad("role", "this person is %s in Kite; an import does not change a person's role", article(ex.Role))
				u.role = "" // rejected: references to them are not checked against it
			}
			u.email, u.phone = ex.WorkEmail, ex.WorkPhone
		}
		u.display = c.required("display_name", maxDisplayName)
		if v, present := c.email("work_email"); present {
			u.email = v
		}
		if v, present := c.optional("work_phone", maxPhone, false); present {
			u.phone = v
		}
		if u.role == domain.RoleParent {
			// Work contact details are shown to children as "my IRO"; a
			// parent's own details have no place there.
			if u.email != "" && c.ok("work_email") {
				c.bad("work_email", "is for staff only: leave it empty for a parent")
			}
			if u.phone != "" && c.ok("work_phone") {
				c.bad("work_phone", "is for staff only: leave it empty for a parent")
			}
		}
		r.userRows = append(r.userRows, u)
	}
}

func (r *run) applyUsers(k *kindData) error {
	return applyRows(r, k, r.userRows, r.writeUser, func(b []*ent.UserCreate, rows []*userIn) error {
		made, err := r.c.User.CreateBulk(b...).Save(r.ctx)
		if err != nil {
			return fmt.Errorf("importer: create users (rows %d on): %w", rows[0].row, err)
		}
		for i, u := range made {
			r.userIDs[rows[i].ext] = u.ID
		}
		return nil
	})
}

// writeUser creates a new account, or updates an existing one (see applyRows).
func (r *run) writeUser(u *userIn) (create *ent.UserCreate, changed bool, err error) {
	ex := u.existing
	if ex == nil {
		return r.c.User.Create().
			SetAuthorityID(r.la).SetExternalID(u.ext).SetRole(u.role).
			SetDisplayName(u.display).SetWorkEmail(u.email).SetWorkPhone(u.phone), false, nil
	}
	if ex.DisplayName == u.display && ex.WorkEmail == u.email && ex.WorkPhone == u.phone {
		return nil, false, nil
	}
	err = r.c.User.UpdateOneID(ex.ID).Where(user.AuthorityID(r.la)).
		SetDisplayName(u.display).SetWorkEmail(u.email).SetWorkPhone(u.phone).
		Exec(r.ctx)
	if err != nil {
		return nil, false, fmt.Errorf("importer: users row %d: update: %w", u.row, err)
	}
	return nil, true, nil
}
