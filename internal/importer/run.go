package importer

import (
	"context"
	"fmt"
	"slices"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// run is one import: what the files say, what the authority has, and the
// ids of the records as they are written.
type run struct {
	ctx   context.Context
	c     *ent.Client // the transaction's
	la    ident.ID
	today civil.Date
	order []*kindData
	kinds map[string]*kindData

	// What the import says. The maps hold every external id the import
	// gives a record of the kind (the first row with it), including rows
	// with problems, so that a reference to them is not also "not found".
	users    map[string]*userIn
	children map[string]*childIn
	plans    map[string]*planIn
	// The rows to write, in file order.
	userRows    []*userIn
	childRows   []*childIn
	planRows    []*planIn
	allocRows   []*allocIn
	linkRows    []*linkIn
	meetingRows []*meetingIn

	// What the authority has, by external id.
	exUsers      map[string]*ent.User
	exChildren   map[string]*ent.Child
	exIdentities map[ident.ID]*ent.ChildIdentity // by child id
	exPlans      map[string]*ent.Plan
	exAllocs     map[string]*ent.Allocation
	exLinks      map[string]*ent.FamilyLink
	exMeetings   map[string]*ent.Meeting
	// Every allocation and family link of the existing children the import
	// allocates or links, for the rules that look across a child's records.
	childAllocs []*ent.Allocation
	childLinks  []*ent.FamilyLink

	// Record ids by external id: filled from the authority's records, then
	// with each record the import creates.
	userIDs, childIDs, planIDs map[string]ident.ID
}

func newRun(ctx context.Context, c *ent.Client, la ident.ID, today civil.Date, kinds []*kindData) *run {
	r := &run{
		ctx: ctx, c: c, la: la, today: today, order: kinds, kinds: map[string]*kindData{},
		users: map[string]*userIn{}, children: map[string]*childIn{}, plans: map[string]*planIn{},
		exUsers: map[string]*ent.User{}, exChildren: map[string]*ent.Child{},
		exIdentities: map[ident.ID]*ent.ChildIdentity{}, exPlans: map[string]*ent.Plan{},
		exAllocs: map[string]*ent.Allocation{}, exLinks: map[string]*ent.FamilyLink{},
		exMeetings: map[string]*ent.Meeting{},
		userIDs:    map[string]ident.ID{}, childIDs: map[string]ident.ID{}, planIDs: map[string]ident.ID{},
	}
	for _, k := range kinds {
		r.kinds[k.kind] = k
	}
	return r
}

// values collects the distinct non-empty values of fields over a kind's rows.
func (r *run) values(into map[string]bool, kind string, fields ...string) {
	k := r.kinds[kind]
	if k == nil {
		return
	}
	for _, row := range k.rows {
		for _, f := range fields {
			if v := row.vals[f]; v != "" {
				into[v] = true
			}
		}
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// chunkSize keeps each IN list and bulk insert well inside both databases'
// limits on bound parameters.
const chunkSize = 500

// inChunks calls fn with successive pieces of items.
func inChunks[T any](items []T, size int, fn func([]T) error) error {
	for len(items) > 0 {
		n := min(size, len(items))
		if err := fn(items[:n]); err != nil {
			return err
		}
		items = items[n:]
	}
	return nil
}

// manyAt is the number of ids above which a lookup reads all of the
// authority's records of a kind in one query rather than in IN lists. Each
// IN list may scan the authority's rows when the planner's statistics are
// stale (as just after a large import), so many lists cost far more than
// one pass.
const manyAt = 4 * chunkSize

// lookup runs byIDs over ids in chunks, or all once when there are many.
func lookup[T any](ids []T, byIDs func([]T) error, all func() error) error {
	if len(ids) > manyAt {
		return all()
	}
	return inChunks(ids, chunkSize, byIDs)
}

// load reads the authority's records the import names, by external id:
// those it gives and those it refers to. Every query is scoped to the
// authority.
func (r *run) load() error {
	ctx, la := r.ctx, r.la
	userExts, childExts, planExts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	r.values(userExts, Users, "external_id")
	r.values(userExts, Allocations, "staff_ref")
	r.values(userExts, FamilyLinks, "parent_ref")
	r.values(childExts, Children, "external_id")
	for _, kind := range []string{Plans, Allocations, FamilyLinks, Meetings} {
		r.values(childExts, kind, "child_ref")
	}
	r.values(planExts, Plans, "external_id")
	r.values(planExts, Meetings, "plan_ref")
	allocExts, linkExts, meetingExts := map[string]bool{}, map[string]bool{}, map[string]bool{}
	r.values(allocExts, Allocations, "external_id")
	r.values(linkExts, FamilyLinks, "external_id")
	r.values(meetingExts, Meetings, "external_id")

	addUsers := func(rows []*ent.User, err error) error {
		for _, u := range rows {
			r.exUsers[*u.ExternalID] = u
			r.userIDs[*u.ExternalID] = u.ID
		}
		return err
	}
	err := lookup(keys(userExts), func(exts []string) error {
		return addUsers(r.c.User.Query().Where(user.AuthorityID(la), user.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addUsers(r.c.User.Query().Where(user.AuthorityID(la), user.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load users: %w", err)
	}

	addChildren := func(rows []*ent.Child, err error) error {
		for _, c := range rows {
			r.exChildren[*c.ExternalID] = c
			r.childIDs[*c.ExternalID] = c.ID
		}
		return err
	}
	err = lookup(keys(childExts), func(exts []string) error {
		return addChildren(r.c.Child.Query().Where(child.AuthorityID(la), child.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addChildren(r.c.Child.Query().Where(child.AuthorityID(la), child.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load children: %w", err)
	}

	if r.kinds[Children] != nil {
		// The identities of the children the import gives.
		var ids []ident.ID
		for ext := range r.kindValues(Children, "external_id") {
			if c := r.exChildren[ext]; c != nil {
				ids = append(ids, c.ID)
			}
		}
		addIdentities := func(rows []*ent.ChildIdentity, err error) error {
			for _, ci := range rows {
				r.exIdentities[ci.ChildID] = ci
			}
			return err
		}
		err = lookup(ids, func(ids []ident.ID) error {
			return addIdentities(r.c.ChildIdentity.Query().
				Where(childidentity.AuthorityID(la), childidentity.ChildIDIn(ids...)).All(ctx))
		}, func() error {
			return addIdentities(r.c.ChildIdentity.Query().Where(childidentity.AuthorityID(la)).All(ctx))
		})
		if err != nil {
			return fmt.Errorf("importer: load child identities: %w", err)
		}
	}

	addPlans := func(rows []*ent.Plan, err error) error {
		for _, p := range rows {
			r.exPlans[*p.ExternalID] = p
			r.planIDs[*p.ExternalID] = p.ID
		}
		return err
	}
	err = lookup(keys(planExts), func(exts []string) error {
		return addPlans(r.c.Plan.Query().Where(plan.AuthorityID(la), plan.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addPlans(r.c.Plan.Query().Where(plan.AuthorityID(la), plan.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load plans: %w", err)
	}

	addAllocs := func(rows []*ent.Allocation, err error) error {
		for _, a := range rows {
			r.exAllocs[*a.ExternalID] = a
		}
		return err
	}
	err = lookup(keys(allocExts), func(exts []string) error {
		return addAllocs(r.c.Allocation.Query().Where(allocation.AuthorityID(la), allocation.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addAllocs(r.c.Allocation.Query().Where(allocation.AuthorityID(la), allocation.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load allocations: %w", err)
	}

	addLinks := func(rows []*ent.FamilyLink, err error) error {
		for _, l := range rows {
			r.exLinks[*l.ExternalID] = l
		}
		return err
	}
	err = lookup(keys(linkExts), func(exts []string) error {
		return addLinks(r.c.FamilyLink.Query().Where(familylink.AuthorityID(la), familylink.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addLinks(r.c.FamilyLink.Query().Where(familylink.AuthorityID(la), familylink.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load family links: %w", err)
	}

	addMeetings := func(rows []*ent.Meeting, err error) error {
		for _, m := range rows {
			r.exMeetings[*m.ExternalID] = m
		}
		return err
	}
	err = lookup(keys(meetingExts), func(exts []string) error {
		return addMeetings(r.c.Meeting.Query().Where(meeting.AuthorityID(la), meeting.ExternalIDIn(exts...)).All(ctx))
	}, func() error {
		return addMeetings(r.c.Meeting.Query().Where(meeting.AuthorityID(la), meeting.ExternalIDNotNil()).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load meetings: %w", err)
	}
	return r.loadChildRecords()
}

// kindValues is the set of non-empty values of fields over a kind's rows.
func (r *run) kindValues(kind string, fields ...string) map[string]bool {
	out := map[string]bool{}
	r.values(out, kind, fields...)
	return out
}

// loadChildRecords reads every allocation and family link of the existing
// children that the import allocates or links.
func (r *run) loadChildRecords() error {
	ctx, la := r.ctx, r.la
	childrenOf := func(kind string) (ids []ident.ID, set map[ident.ID]bool) {
		set = map[ident.ID]bool{}
		for _, ext := range keys(r.kindValues(kind, "child_ref")) {
			if c := r.exChildren[ext]; c != nil {
				ids = append(ids, c.ID)
				set[c.ID] = true
			}
		}
		return ids, set
	}

	ids, set := childrenOf(Allocations)
	addAllocs := func(rows []*ent.Allocation, err error) error {
		for _, a := range rows {
			if set[a.ChildID] {
				r.childAllocs = append(r.childAllocs, a)
			}
		}
		return err
	}
	err := lookup(ids, func(ids []ident.ID) error {
		return addAllocs(r.c.Allocation.Query().Where(allocation.AuthorityID(la), allocation.ChildIDIn(ids...)).All(ctx))
	}, func() error {
		return addAllocs(r.c.Allocation.Query().Where(allocation.AuthorityID(la)).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load children's allocations: %w", err)
	}

	ids, set = childrenOf(FamilyLinks)
	addLinks := func(rows []*ent.FamilyLink, err error) error {
		for _, l := range rows {
			if set[l.ChildID] {
				r.childLinks = append(r.childLinks, l)
			}
		}
		return err
	}
	err = lookup(ids, func(ids []ident.ID) error {
		return addLinks(r.c.FamilyLink.Query().Where(familylink.AuthorityID(la), familylink.ChildIDIn(ids...)).All(ctx))
	}, func() error {
		return addLinks(r.c.FamilyLink.Query().Where(familylink.AuthorityID(la)).All(ctx))
	})
	if err != nil {
		return fmt.Errorf("importer: load children's family links: %w", err)
	}
	return nil
}

// check checks every row, kind by kind in the order of application, so that
// references see the rows of the kinds before them.
func (r *run) check() {
	r.checkUsers()
	r.checkChildren()
	r.checkPlans()
	r.checkAllocations()
	r.checkFamilyLinks()
	r.checkMeetings()
}

// apply writes every row, kind by kind.
func (r *run) apply() error {
	for _, step := range []func() error{
		r.applyUsers, r.applyChildren, r.applyPlans, r.applyAllocations, r.applyFamilyLinks, r.applyMeetings,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// externalID reads a row's external_id and rejects one given by an earlier
// row of the same kind. It returns "" for a missing, invalid or repeated id.
func (c *cells) externalID(seen map[string]int) string {
	ext := c.required("external_id", maxExternalID)
	if ext == "" {
		return ""
	}
	if first, dup := seen[ext]; dup {
		c.bad("external_id", "%s is also the external_id of row %d", quoteValue(ext), first)
		return ""
	}
	seen[ext] = c.row.n
	return ext
}

// unchecked lists the rows of a kind that are not checked (the file has a
// problem of its own, the caller may not import the kind, or the row could
// not be read whole), with the
// external id they give, so that references to them are not reported as
// well.
func unchecked(k *kindData, row rawRow) (ext string, skip bool) {
	if !k.broken && !k.refused && !row.skip {
		return "", false
	}
	return row.vals["external_id"], true
}

// newKey is the key of a record the import creates, told apart from the
// ids of existing records (which have no colon).
func newKey(ext string) string { return "new:" + ext }

// childKey is what a child reference resolves to: the existing child's id,
// or the key of a child the import creates.
func (r *run) childKey(ext string) (string, bool) {
	if c := r.exChildren[ext]; c != nil {
		return string(c.ID), true
	}
	if _, ok := r.children[ext]; ok {
		return newKey(ext), true
	}
	return "", false
}

// childRef reads a required reference to a child of the authority.
func (r *run) childRef(c *cells) (ext, key string) {
	ext = c.required("child_ref", maxExternalID)
	if ext == "" {
		return "", ""
	}
	key, ok := r.childKey(ext)
	if !ok {
		c.bad("child_ref", "there is no child with external_id %s, in this import or in Kite", quoteValue(ext))
		return ext, ""
	}
	return ext, key
}

// userRef reads a required reference to a user of the authority, whose
// role (after the import) must be want. The role is not checked when want is
// "" or the user's own row has its role rejected.
func (r *run) userRef(c *cells, field string, want viewer.Role) (ext, key string) {
	ext = c.required(field, maxExternalID)
	if ext == "" {
		return "", ""
	}
	var role viewer.Role
	in := r.users[ext]
	if in != nil {
		role = in.role
	}
	switch ex := r.exUsers[ext]; {
	case ex != nil:
		key = string(ex.ID)
		if role == "" {
			role = ex.Role
		}
	case in != nil:
		key = newKey(ext)
	default:
		c.bad(field, "there is no user with external_id %s, in this import or in Kite", quoteValue(ext))
		return ext, ""
	}
	if want != "" && role != "" && role != want {
		c.bad(field, "%s is %s, not %s", quoteValue(ext), article(role), want)
	}
	return ext, key
}

// article names a role with "a" or "an".
func article(r viewer.Role) string {
	switch r {
	case viewer.IRO, viewer.Admin:
		return "an " + string(r)
	}
	return "a " + string(r)
}

// existingKey is the key of an existing record's reference.
func existingKey(id ident.ID) string { return string(id) }

// datePtr is nil for no date.
func datePtr(d civil.Date) *civil.Date {
	if d == "" {
		return nil
	}
	return &d
}

// dateOf is "" for nil.
func dateOf(p *civil.Date) civil.Date {
	if p == nil {
		return ""
	}
	return *p
}

// describeExisting names an existing record in a message.
func describeExisting(ext *string) string {
	if ext != nil {
		return fmt.Sprintf("one already in Kite (external_id %s)", quoteValue(*ext))
	}
	return "one already in Kite"
}
