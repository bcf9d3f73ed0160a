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

func (r *run) checkChildren(k *kindData) {
	for c, ch := range named(k, r.children, func(n int, ext string) *childIn { return &childIn{row: n, ext: ext} }) {
		if ch.ext != "" {
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

func (r *run) applyChildren(k *kindData) error {
	return applyRows(r, k, r.childRows, r.writeChild, func(b []*ent.ChildCreate, rows []*childIn) error {
		made, err := r.c.Child.CreateBulk(b...).Save(r.ctx)
		if err != nil {
			return fmt.Errorf("importer: create children (rows %d on): %w", rows[0].row, err)
		}
		identities := make([]*ent.ChildIdentityCreate, len(made))
		for i, c := range made {
			r.childIDs[rows[i].ext] = c.ID
			identities[i] = r.identity(c.ID, rows[i])
		}
		if err := r.c.ChildIdentity.CreateBulk(identities...).Exec(r.ctx); err != nil {
			return fmt.Errorf("importer: create child identities (rows %d on): %w", rows[0].row, err)
		}
		return nil
	})
}

// writeChild creates a new child (their identity is inserted with them), or
// updates an existing child and their identity (see applyRows).
func (r *run) writeChild(ch *childIn) (create *ent.ChildCreate, changed bool, err error) {
	ex := ch.existing
	if ex == nil {
		return r.c.Child.Create().
			SetAuthorityID(r.la).SetExternalID(ch.ext).
			SetPreferredName(ch.preferred).SetPronouns(ch.pronouns).SetStatus(ch.status).
			SetNillableBecameLookedAfterOn(datePtr(ch.became)), false, nil
	}
	if ex.PreferredName != ch.preferred || ex.Pronouns != ch.pronouns || ex.Status != ch.status ||
		dateOf(ex.BecameLookedAfterOn) != ch.became {
		u := r.c.Child.UpdateOneID(ex.ID).Where(child.AuthorityID(r.la)).
			SetPreferredName(ch.preferred).SetPronouns(ch.pronouns).SetStatus(ch.status)
		setOrClear(ch.became, u.SetBecameLookedAfterOn, u.ClearBecameLookedAfterOn)
		if err := u.Exec(r.ctx); err != nil {
			return nil, false, fmt.Errorf("importer: children row %d: update: %w", ch.row, err)
		}
		changed = true
	}
	switch id := ch.identity; {
	case id == nil:
		if err := r.identity(ex.ID, ch).Exec(r.ctx); err != nil {
			return nil, false, fmt.Errorf("importer: children row %d: create identity: %w", ch.row, err)
		}
		changed = true
	case id.LegalName != ch.legalName || dateOf(id.DateOfBirth) != ch.born || dateOf(id.ExpectedDateOfBirth) != ch.expected:
		u := r.c.ChildIdentity.UpdateOneID(id.ID).Where(childidentity.AuthorityID(r.la)).SetLegalName(ch.legalName)
		setOrClear(ch.born, u.SetDateOfBirth, u.ClearDateOfBirth)
		setOrClear(ch.expected, u.SetExpectedDateOfBirth, u.ClearExpectedDateOfBirth)
		if err := u.Exec(r.ctx); err != nil {
			return nil, false, fmt.Errorf("importer: children row %d: update identity: %w", ch.row, err)
		}
		changed = true
	}
	return nil, changed, nil
}

// identity makes the identity row of a child.
func (r *run) identity(childID ident.ID, ch *childIn) *ent.ChildIdentityCreate {
	return r.c.ChildIdentity.Create().
		SetAuthorityID(r.la).SetChildID(childID).SetLegalName(ch.legalName).
		SetNillableDateOfBirth(datePtr(ch.born)).SetNillableExpectedDateOfBirth(datePtr(ch.expected))
}
