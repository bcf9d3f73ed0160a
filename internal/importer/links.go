package importer

import (
	"fmt"

	"kite/ent"
	"kite/ent/familylink"
	"kite/internal/domain"
	"kite/internal/ident"
)

// linkIn is a family_links row: the link as it will be after the import.
type linkIn struct {
	row          int
	ext          string
	existing     *ent.FamilyLink
	childExt     string
	childKey     string
	parentExt    string
	parentKey    string
	relationship string
	pr           bool
	mayView      bool
	active       bool
}

func (r *run) checkFamilyLinks(k *kindData) {
	for c, ext := range rowsToCheck(k, nil) {
		l := &linkIn{row: c.row.n, ext: ext, active: true}
		if l.ext != "" {
			if ex := r.exLinks[l.ext]; ex != nil {
				l.existing = ex
				l.pr, l.mayView, l.active = ex.ParentalResponsibility, ex.MayViewCarePlan, ex.Active
			}
		}
		l.childExt, l.childKey = r.childRef(c)
		l.parentExt, l.parentKey = r.userRef(c, "parent_ref", domain.RoleParent)
		if ex := l.existing; ex != nil {
			l.childKey = c.unmoved("child_ref", l.childKey, ex.ChildID,
				"this family link is for another child in Kite; a link does not move to another child (give a new link its own external_id)")
			l.parentKey = c.unmoved("parent_ref", l.parentKey, ex.ParentID,
				"this family link is for another parent in Kite; a link does not move to another parent (give a new link its own external_id)")
		}
		l.relationship = c.required("relationship", maxRelationship)
		if v, present := c.boolean("parental_responsibility"); present {
			l.pr = v
		}
		if v, present := c.boolean("may_view_care_plan"); present {
			l.mayView = v
		}
		if v, present := c.boolean("active"); present {
			l.active = v
		}
		r.linkRows = append(r.linkRows, l)
	}
	r.checkOneLinkPerPair(k)
}

// checkOneLinkPerPair rejects a second link between the same parent and
// child, whether in the import or already in Kite.
func (r *run) checkOneLinkPerPair(k *kindData) {
	type pair struct{ child, parent string }
	imported := map[ident.ID]bool{}
	for _, l := range r.linkRows {
		if l.existing != nil {
			imported[l.existing.ID] = true
		}
	}
	first := map[pair]string{}
	for _, ex := range r.childLinks {
		if !imported[ex.ID] {
			first[pair{existingKey(ex.ChildID), existingKey(ex.ParentID)}] = describeExisting(ex.ExternalID)
		}
	}
	for _, l := range r.linkRows {
		if l.childKey == "" || l.parentKey == "" {
			continue
		}
		p := pair{l.childKey, l.parentKey}
		if other, dup := first[p]; dup {
			k.problem(l.row, "parent_ref", "this parent is already linked to this child by %s; there is one link per parent and child", other)
			continue
		}
		first[p] = fmt.Sprintf("row %d", l.row)
	}
}

func (r *run) applyFamilyLinks(k *kindData) error {
	return applyRows(r, k, r.linkRows, r.writeFamilyLink, execBulk[*linkIn](r, "family links", r.c.FamilyLink.CreateBulk))
}

// writeFamilyLink creates a new family link, or updates an existing one (see
// applyRows).
func (r *run) writeFamilyLink(l *linkIn) (create *ent.FamilyLinkCreate, changed bool, err error) {
	ex := l.existing
	if ex == nil {
		return r.c.FamilyLink.Create().
			SetAuthorityID(r.la).SetExternalID(l.ext).
			SetChildID(r.childIDs[l.childExt]).SetParentID(r.userIDs[l.parentExt]).
			SetRelationship(l.relationship).SetParentalResponsibility(l.pr).
			SetMayViewCarePlan(l.mayView).SetActive(l.active), false, nil
	}
	if ex.Relationship == l.relationship && ex.ParentalResponsibility == l.pr &&
		ex.MayViewCarePlan == l.mayView && ex.Active == l.active {
		return nil, false, nil
	}
	err = r.c.FamilyLink.UpdateOneID(ex.ID).Where(familylink.AuthorityID(r.la)).
		SetRelationship(l.relationship).SetParentalResponsibility(l.pr).
		SetMayViewCarePlan(l.mayView).SetActive(l.active).
		Exec(r.ctx)
	if err != nil {
		return nil, false, fmt.Errorf("importer: family_links row %d: update: %w", l.row, err)
	}
	return nil, true, nil
}
