package importer

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/predicate"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/progress"
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

// entQuery is a generated ent query (*ent.UserQuery): narrowed by
// predicates P (predicate.User), it lists records T (*ent.User).
type entQuery[Q, P, T any] interface {
	Where(...P) Q
	All(context.Context) ([]T, error)
}

// find reads the authority's records of one kind whose column is one of
// keys — in(keys) says which — and passes each to add. It reads them in IN
// lists of chunkSize keys, or, with more than manyAt keys, all of the
// authority's records of the kind that match all, in one query. what names
// the records in an error.
func find[Q entQuery[Q, P, T], P, T, K any](r *run, what string, query func() Q, inAuthority func(ident.ID) P,
	keys []K, in func(...K) P, all []P, add func(T)) error {
	read := func(q Q) error {
		rows, err := q.All(r.ctx)
		for _, row := range rows {
			add(row)
		}
		return err
	}
	var err error
	if len(keys) > manyAt {
		err = read(query().Where(append([]P{inAuthority(r.la)}, all...)...))
	} else {
		err = inChunks(keys, chunkSize, func(keys []K) error {
			return read(query().Where(inAuthority(r.la), in(keys...)))
		})
	}
	if err != nil {
		return fmt.Errorf("importer: load %s: %w", what, err)
	}
	return nil
}

// load reads the authority's records the import names, by external id:
// those it gives and those it refers to. Every query is scoped to the
// authority.
func (r *run) load() error {
	userExts := r.kindValues(Users, "external_id")
	r.values(userExts, Allocations, "staff_ref")
	r.values(userExts, FamilyLinks, "parent_ref")
	childExts := r.kindValues(Children, "external_id")
	for _, kind := range []string{Plans, Allocations, FamilyLinks, Meetings} {
		r.values(childExts, kind, "child_ref")
	}
	planExts := r.kindValues(Plans, "external_id")
	r.values(planExts, Meetings, "plan_ref")

	err := find(r, "users", r.c.User.Query, user.AuthorityID, keys(userExts), user.ExternalIDIn,
		[]predicate.User{user.ExternalIDNotNil()}, func(u *ent.User) {
			r.exUsers[*u.ExternalID] = u
			r.userIDs[*u.ExternalID] = u.ID
		})
	if err != nil {
		return err
	}
	err = find(r, "children", r.c.Child.Query, child.AuthorityID, keys(childExts), child.ExternalIDIn,
		[]predicate.Child{child.ExternalIDNotNil()}, func(c *ent.Child) {
			r.exChildren[*c.ExternalID] = c
			r.childIDs[*c.ExternalID] = c.ID
		})
	if err != nil {
		return err
	}
	if r.kinds[Children] != nil {
		// The identities of the children the import gives.
		var ids []ident.ID
		for ext := range r.kindValues(Children, "external_id") {
			if c := r.exChildren[ext]; c != nil {
				ids = append(ids, c.ID)
			}
		}
		err = find(r, "child identities", r.c.ChildIdentity.Query, childidentity.AuthorityID, ids,
			childidentity.ChildIDIn, nil, func(ci *ent.ChildIdentity) { r.exIdentities[ci.ChildID] = ci })
		if err != nil {
			return err
		}
	}
	err = find(r, "plans", r.c.Plan.Query, plan.AuthorityID, keys(planExts), plan.ExternalIDIn,
		[]predicate.Plan{plan.ExternalIDNotNil()}, func(p *ent.Plan) {
			r.exPlans[*p.ExternalID] = p
			r.planIDs[*p.ExternalID] = p.ID
		})
	if err != nil {
		return err
	}
	err = find(r, "allocations", r.c.Allocation.Query, allocation.AuthorityID, keys(r.kindValues(Allocations, "external_id")),
		allocation.ExternalIDIn, []predicate.Allocation{allocation.ExternalIDNotNil()},
		func(a *ent.Allocation) { r.exAllocs[*a.ExternalID] = a })
	if err != nil {
		return err
	}
	err = find(r, "family links", r.c.FamilyLink.Query, familylink.AuthorityID, keys(r.kindValues(FamilyLinks, "external_id")),
		familylink.ExternalIDIn, []predicate.FamilyLink{familylink.ExternalIDNotNil()},
		func(l *ent.FamilyLink) { r.exLinks[*l.ExternalID] = l })
	if err != nil {
		return err
	}
	err = find(r, "meetings", r.c.Meeting.Query, meeting.AuthorityID, keys(r.kindValues(Meetings, "external_id")),
		meeting.ExternalIDIn, []predicate.Meeting{meeting.ExternalIDNotNil()},
		func(m *ent.Meeting) { r.exMeetings[*m.ExternalID] = m })
	if err != nil {
		return err
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
	err := find(r, "children's allocations", r.c.Allocation.Query, allocation.AuthorityID, ids,
		allocation.ChildIDIn, nil, func(a *ent.Allocation) {
			if set[a.ChildID] {
				r.childAllocs = append(r.childAllocs, a)
			}
		})
	if err != nil {
		return err
	}
	ids, set = childrenOf(FamilyLinks)
	return find(r, "children's family links", r.c.FamilyLink.Query, familylink.AuthorityID, ids,
		familylink.ChildIDIn, nil, func(l *ent.FamilyLink) {
			if set[l.ChildID] {
				r.childLinks = append(r.childLinks, l)
			}
		})
}

// kindSteps are the work on one kind: checking its rows, and writing them.
type kindSteps struct {
	check func(*kindData)
	apply func(*kindData) error
}

// steps are the steps of each kind.
func (r *run) steps() map[string]kindSteps {
	return map[string]kindSteps{
		Users:       {r.checkUsers, r.applyUsers},
		Children:    {r.checkChildren, r.applyChildren},
		Plans:       {r.checkPlans, r.applyPlans},
		Allocations: {r.checkAllocations, r.applyAllocations},
		FamilyLinks: {r.checkFamilyLinks, r.applyFamilyLinks},
		Meetings:    {r.checkMeetings, r.applyMeetings},
	}
}

// check checks every row, kind by kind in the order of application (that of
// Kinds), so that references see the rows of the kinds before them.
func (r *run) check() {
	steps := r.steps()
	for _, k := range r.order {
		progress.From(r.ctx).Show("import: checking %s (%d rows)", k.kind, len(k.rows))
		steps[k.kind].check(k)
	}
}

// rowsToCheck yields each row of k that is checked, as its cells and its
// external id ("" when missing, invalid or given by an earlier row). A row
// that is not checked (see unchecked) but gives an external id is passed to
// skipped, if there is one, so that references to it are not reported too.
func rowsToCheck(k *kindData, skipped func(n int, ext string)) iter.Seq2[*cells, string] {
	return func(yield func(*cells, string) bool) {
		for _, row := range k.rows {
			if ext, skip := unchecked(k, row); skip {
				if ext != "" && skipped != nil {
					skipped(row.n, ext)
				}
				continue
			}
			c := newCells(k, row)
			if !yield(c, c.externalID(k.seen)) {
				return
			}
		}
	}
}

// named yields the rows to check of a kind that others refer to by external
// id (users, children, plans), each with the record made for it by newIn
// (from its row number and external id). Each record that gives an external
// id goes into byExt; so does one for a row not checked, unless an earlier
// row gave the id, so that a reference to it is not also reported as not
// found.
func named[T any](k *kindData, byExt map[string]*T, newIn func(n int, ext string) *T) iter.Seq2[*cells, *T] {
	skipped := func(n int, ext string) {
		if byExt[ext] == nil {
			byExt[ext] = newIn(n, ext)
		}
	}
	return func(yield func(*cells, *T) bool) {
		for c, ext := range rowsToCheck(k, skipped) {
			in := newIn(c.row.n, ext)
			if ext != "" {
				byExt[ext] = in
			}
			if !yield(c, in) {
				return
			}
		}
	}
}

// apply writes every row, kind by kind in the same order.
func (r *run) apply() error {
	steps := r.steps()
	for _, k := range r.order {
		progress.From(r.ctx).Show("import: writing %s (%d rows)", k.kind, len(k.rows))
		if err := steps[k.kind].apply(k); err != nil {
			return err
		}
	}
	return nil
}

// applyRows writes the rows of one kind, in file order, and counts what it
// did in the kind's report. write does one row: for a new record it returns
// the record's create, which applyRows inserts afterwards with the others,
// bulkSize at a time, through insert (given a batch and its rows); for an
// existing record it makes the update itself, if any, and says whether
// anything changed.
func applyRows[R any, C comparable](r *run, k *kindData, rows []R,
	write func(R) (create C, changed bool, err error), insert func([]C, []R) error) error {
	var none C
	var creates []C
	var created []R
	for _, row := range rows {
		create, changed, err := write(row)
		switch {
		case err != nil:
			return err
		case create != none:
			creates = append(creates, create)
			created = append(created, row)
		case changed:
			k.report.Updated++
		default:
			k.report.Unchanged++
		}
	}
	for len(creates) > 0 {
		n := min(bulkSize, len(creates))
		if err := insert(creates[:n], created[:n]); err != nil {
			return err
		}
		k.report.Created += n
		creates, created = creates[n:], created[n:]
	}
	return nil
}

// execBulk is an insert for applyRows for a kind whose new records no
// later row refers to: it writes a batch with bulk (the kind's CreateBulk)
// and keeps nothing. what names the records in an error.
func execBulk[R, C any, B interface{ Exec(context.Context) error }](r *run, what string, bulk func(...C) B) func([]C, []R) error {
	return func(batch []C, _ []R) error {
		if err := bulk(batch...).Exec(r.ctx); err != nil {
			return fmt.Errorf("importer: create %s: %w", what, err)
		}
		return nil
	}
}

// bulkSize is how many records one insert writes: well within both
// databases' limits on bound parameters, at about twenty columns a record.
const bulkSize = 100

// setOrClear sets a field of an update to v, or clears it when v is empty:
// an empty value in the import empties the field (ent's SetNillable would
// leave it as it is).
func setOrClear[T comparable, U any](v T, set func(T) U, clear func() U) {
	var empty T
	if v == empty {
		clear()
	} else {
		set(v)
	}
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
func (r *run) userRef(c *cells, field string, want domain.Role) (ext, key string) {
	ext = c.required(field, maxExternalID)
	if ext == "" {
		return "", ""
	}
	var role domain.Role
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
func article(r domain.Role) string {
	switch r {
	case domain.RoleIRO, domain.RoleAdmin:
		return "an " + string(r)
	}
	return "a " + string(r)
}

// existingKey is the key of an existing record's reference.
func existingKey(id ident.ID) string { return string(id) }

// unmoved checks that a reference of an existing record still points where
// it points in Kite (was): an import does not move a record to another
// child or person. key is what the row's field resolved to ("" when
// rejected already); unmoved returns it, or "" with the problem why reported
// when it points elsewhere.
func (c *cells) unmoved(field, key string, was ident.ID, why string) string {
	if key != "" && key != existingKey(was) {
		c.bad(field, "%s", why)
		return ""
	}
	return key
}

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
