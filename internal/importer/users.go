package importer

import (
	"fmt"

	"kite/ent"
	"kite/ent/user"
	"kite/internal/viewer"
)

// userIn is a users row: the account as it will be after the import.
type userIn struct {
	row      int
	ext      string
	existing *ent.User
	role     viewer.Role // "" when the row's role is rejected
	display  string
	email    string
	phone    string
}

// importableRoles are the roles an import may give: staff who work with
// children, managers and parents. ADMIN accounts are made in Kite; a child's
// account is set up by the child with an invitation code.
var importableRoles = []string{
	string(viewer.IRO), string(viewer.CPChair), string(viewer.SocialWorker), string(viewer.Manager), string(viewer.Parent),
}

func (r *run) checkUsers() {
	k := r.kinds[Users]
	if k == nil {
		return
	}
	for _, row := range k.rows {
		if ext, skip := unchecked(k, row); skip {
			if ext != "" && r.users[ext] == nil {
				r.users[ext] = &userIn{row: row.n, ext: ext}
			}
			continue
		}
		c := newCells(k, row)
		u := &userIn{row: row.n, ext: c.externalID(k.seen)}
		if u.ext != "" {
			r.users[u.ext] = u
			u.existing = r.exUsers[u.ext]
		}
		switch v, _ := c.get("role"); v {
		case string(viewer.Admin):
			c.bad("role", "ADMIN accounts are not imported: an administrator's account is made in Kite")
		case string(viewer.Child):
			c.bad("role", "CHILD accounts are not imported: a child sets up their own account with an invitation code")
		default:
			u.role, _ = enumValue[viewer.Role](c, "role", importableRoles, true)
		}
		if ex := u.existing; ex != nil {
			switch {
			case ex.Role == viewer.Admin || ex.Role == viewer.Child:
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
		if u.role == viewer.Parent {
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

func (r *run) applyUsers() error {
	k := r.kinds[Users]
	if k == nil {
		return nil
	}
	var creates []*ent.UserCreate
	var created []*userIn
	for _, u := range r.userRows {
		if ex := u.existing; ex != nil {
			if ex.DisplayName == u.display && ex.WorkEmail == u.email && ex.WorkPhone == u.phone {
				k.report.Unchanged++
				continue
			}
			err := r.c.User.UpdateOneID(ex.ID).Where(user.AuthorityID(r.la)).
				SetDisplayName(u.display).SetWorkEmail(u.email).SetWorkPhone(u.phone).
				Exec(r.ctx)
			if err != nil {
				return fmt.Errorf("importer: users row %d: update: %w", u.row, err)
			}
			k.report.Updated++
			continue
		}
		creates = append(creates, r.c.User.Create().
			SetAuthorityID(r.la).SetExternalID(u.ext).SetRole(u.role).
			SetDisplayName(u.display).SetWorkEmail(u.email).SetWorkPhone(u.phone))
		created = append(created, u)
	}
	i := 0
	err := inChunks(creates, bulkSize, func(b []*ent.UserCreate) error {
		rows, err := r.c.User.CreateBulk(b...).Save(r.ctx)
		if err != nil {
			return fmt.Errorf("importer: create users (rows %d on): %w", created[i].row, err)
		}
		for _, row := range rows {
			r.userIDs[created[i].ext] = row.ID
			i++
		}
		return nil
	})
	k.report.Created += i
	return err
}

// bulkSize is how many records one insert writes: well within both
// databases' limits on bound parameters, at about twenty columns a record.
const bulkSize = 100
