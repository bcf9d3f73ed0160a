package importer

import (
	"fmt"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

// childIn is a children row: the child and their identity (legal name and
// dates of birth) as they will be after the import.
type childIn struct {
	row       int
	ext       string
	existing  *ent.Child
	identity  *ent.ChildIdentity // the existing child's, if they have one
	preferred string
	pronouns  string
	status    domain.ChildStatus
	became    civil.Date
	legalName string
	born      civil.Date
	expected  civil.Date
}

func (r *run) checkChildren() {
	k := r.kinds[Children]
	if k == nil {
		return
	}
	for _, row := range k.rows {
		if ext, skip := unchecked(k, row); skip {
			if ext != "" && r.children[ext] == nil {
				r.children[ext] = &childIn{row: row.n, ext: ext}
			}
			continue
		}
		c := newCells(k, row)
		ch := &childIn{row: row.n, ext: c.externalID(k.seen)}
		if ch.ext != "" {
			r.children[ch.ext] = ch
			if ex := r.exChildren[ch.ext]; ex != nil {
				ch.existing = ex
				ch.pronouns, ch.became = ex.Pronouns, dateOf(ex.BecameLookedAfterOn)
				if id := r.exIdentities[ex.ID]; id != nil {
					ch.identity = id
					ch.born, ch.expected = dateOf(id.DateOfBirth), dateOf(id.ExpectedDateOfBirth)
				}
			}
		}
		ch.preferred = c.required("preferred_name", maxPreferredName)
		if v, present := c.optional("pronouns", maxPronouns, false); present {
			ch.pronouns = v
		}
		ch.legalName = c.required("legal_name", maxLegalName)
		if d, present := c.date("date_of_birth"); present {
			ch.born = d
		}
		if d, present := c.date("expected_date_of_birth"); present {
			ch.expected = d
		}
		ch.status, _ = enumValue[domain.ChildStatus](c, "status", domain.ChildStatus("").Values(), true)
		if d, present := c.date("became_looked_after_on"); present {
			ch.became = d
		}

		dates := c.ok("date_of_birth", "expected_date_of_birth")
		switch {
		case dates && ch.born == "" && ch.expected == "":
			c.bad("date_of_birth", "is required: give the date of birth, or for an unborn baby the expected_date_of_birth")
		case ch.born.After(r.today):
			c.bad("date_of_birth", "%s is in the future; for an unborn baby give expected_date_of_birth instead", ch.born)
		}
		inCare := ch.status == domain.InCare || ch.status == domain.Both
		switch {
		case inCare && ch.became == "" && c.ok("became_looked_after_on"):
			c.bad("became_looked_after_on", "is required for a child in care (status %s): the first review's clock starts there", ch.status)
		case ch.became.After(r.today):
			c.bad("became_looked_after_on", "%s is in the future", ch.became)
		case ch.became != "" && ch.born != "" && ch.became.Before(ch.born):
			c.bad("became_looked_after_on", "%s is before the child's date_of_birth (%s)", ch.became, ch.born)
		}
		r.childRows = append(r.childRows, ch)
	}
}

func (r *run) applyChildren() error {
	k := r.kinds[Children]
	if k == nil {
		return nil
	}
	var creates []*ent.ChildCreate
	var created []*childIn
	for _, ch := range r.childRows {
		ex := ch.existing
		if ex == nil {
			creates = append(creates, r.c.Child.Create().
				SetAuthorityID(r.la).SetExternalID(ch.ext).
				SetPreferredName(ch.preferred).SetPronouns(ch.pronouns).SetStatus(ch.status).
				SetNillableBecameLookedAfterOn(datePtr(ch.became)))
			created = append(created, ch)
			continue
		}
		changed := false
		if ex.PreferredName != ch.preferred || ex.Pronouns != ch.pronouns || ex.Status != ch.status ||
			dateOf(ex.BecameLookedAfterOn) != ch.became {
			u := r.c.Child.UpdateOneID(ex.ID).Where(child.AuthorityID(r.la)).
				SetPreferredName(ch.preferred).SetPronouns(ch.pronouns).SetStatus(ch.status)
			if ch.became == "" {
				u.ClearBecameLookedAfterOn()
			} else {
				u.SetBecameLookedAfterOn(ch.became)
			}
			if err := u.Exec(r.ctx); err != nil {
				return fmt.Errorf("importer: children row %d: update: %w", ch.row, err)
			}
			changed = true
		}
		switch id := ch.identity; {
		case id == nil:
			if err := r.identity(ex.ID, ch).Exec(r.ctx); err != nil {
				return fmt.Errorf("importer: children row %d: create identity: %w", ch.row, err)
			}
			changed = true
		case id.LegalName != ch.legalName || dateOf(id.DateOfBirth) != ch.born || dateOf(id.ExpectedDateOfBirth) != ch.expected:
			u := r.c.ChildIdentity.UpdateOneID(id.ID).Where(childidentity.AuthorityID(r.la)).SetLegalName(ch.legalName)
			if ch.born == "" {
				u.ClearDateOfBirth()
			} else {
				u.SetDateOfBirth(ch.born)
			}
			if ch.expected == "" {
				u.ClearExpectedDateOfBirth()
			} else {
				u.SetExpectedDateOfBirth(ch.expected)
			}
			if err := u.Exec(r.ctx); err != nil {
				return fmt.Errorf("importer: children row %d: update identity: %w", ch.row, err)
			}
			changed = true
		}
		if changed {
			k.report.Updated++
		} else {
			k.report.Unchanged++
		}
	}
	i := 0
	err := inChunks(creates, bulkSize, func(b []*ent.ChildCreate) error {
		rows, err := r.c.Child.CreateBulk(b...).Save(r.ctx)
		if err != nil {
			return fmt.Errorf("importer: create children (rows %d on): %w", created[i].row, err)
		}
		identities := make([]*ent.ChildIdentityCreate, len(rows))
		for j, row := range rows {
			r.childIDs[created[i+j].ext] = row.ID
			identities[j] = r.identity(row.ID, created[i+j])
		}
		if err := r.c.ChildIdentity.CreateBulk(identities...).Exec(r.ctx); err != nil {
			return fmt.Errorf("importer: create child identities (rows %d on): %w", created[i].row, err)
		}
		i += len(rows)
		return nil
	})
	k.report.Created += i
	return err
}

// identity makes the identity row of a child.
func (r *run) identity(childID ident.ID, ch *childIn) *ent.ChildIdentityCreate {
	return r.c.ChildIdentity.Create().
		SetAuthorityID(r.la).SetChildID(childID).SetLegalName(ch.legalName).
		SetNillableDateOfBirth(datePtr(ch.born)).SetNillableExpectedDateOfBirth(datePtr(ch.expected))
}
