package graph_test

import (
	"cmp"
	"slices"
	"testing"

	"kite/ent"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// The dashboard and the caseload read in fewer statements than ent's
// defaults: the child with their age (access.ReadChild, access.WithAge), the
// allocations with their staff (access.CurrentContacts), a first page with its total
// (ent's PageWithTotal). These tests hold each of those read paths to the
// oracle, for every viewer and every child, and to the default path where
// there is one (a page from the end is Paginate's count and page).

const readPathsQuery = `query($id: ID!) { child(id: $id) { id age chairs { name role } socialWorker { name }
	firstPage: submissions(first: 3) { totalCount edges { node { id } } pageInfo { hasNextPage } }
	fromTheEnd: submissions(last: 100) { totalCount edges { node { id } } } } }`

// chairsOnlyQuery asks for a child's chairs without their social worker:
// they are then read alone (access.CurrentChairs).
const chairsOnlyQuery = `query($id: ID!) { child(id: $id) { chair { name } chairs { name role } } }`

func TestDashboardReadPathsMatchTheRules(t *testing.T) {
	s, w := matrixServer(t)
	// A chair who has given no working hours or phone: the columns joined
	// into the allocations' statement are then empty.
	chair := userNamed(t, w, "chair.demo")
	s.Client().User.UpdateOneID(chair.ID).ClearWorkingHours().ClearWorkPhone().ExecX(apitest.System())
	w = accesstest.Load(s.Client())
	tokens := everyone(t, s, w)
	for name, token := range tokens {
		v := viewerOf(w, name)
		for _, c := range w.Children {
			r := s.Query(token, readPathsQuery, map[string]any{"id": c.ID})
			if len(r.Errors) > 0 {
				t.Fatalf("%s: %s", who(name), r.Raw)
			}
			got, seen := r.Data["child"].(map[string]any)
			if seen != w.SeesChild(v, c.ID) {
				t.Errorf("%s sees child %s: %v, the rules say %v", who(name), c.PreferredName, seen, !seen)
			}
			if !seen {
				continue
			}
			what := who(name) + " " + c.PreferredName
			checkAge(t, w, what, c, got["age"])
			checkContacts(t, w, what, v, c, got)
			checkFirstPage(t, w, what, v, c, got)
			chairs := s.Query(token, chairsOnlyQuery, map[string]any{"id": c.ID})
			if len(chairs.Errors) > 0 {
				t.Fatalf("%s: %s", who(name), chairs.Raw)
			}
			checkContacts(t, w, what+" (chairs alone)", v, c, chairs.Data["child"].(map[string]any))
		}
	}
}

func checkAge(t *testing.T, w *accesstest.World, what string, c *ent.Child, got any) {
	t.Helper()
	var want any
	for _, id := range w.Identities {
		if id.ChildID == c.ID && id.DateOfBirth != nil {
			want = float64(id.DateOfBirth.YearsOn(w.Today))
		}
	}
	if got != want {
		t.Errorf("%s: age %v, want %v", what, got, want)
	}
}

// checkContacts: the newest current chair of each kind (the CP Chair first;
// chair is the first of them) and the newest social worker, among the
// allocations and staff the viewer may see — each as far as the query asked.
func checkContacts(t *testing.T, w *accesstest.World, what string, v *viewer.Viewer, c *ent.Child, got map[string]any) {
	t.Helper()
	var allocs []*ent.Allocation
	for _, a := range w.Allocations {
		current := !a.StartsOn.After(w.Today) && (a.EndsOn == nil || !a.EndsOn.Before(w.Today))
		if a.ChildID == c.ID && current && w.SeesAllocation(v, a) && w.SeesUser(v, userByID(w, a.StaffID)) {
			allocs = append(allocs, a)
		}
	}
	slices.SortFunc(allocs, func(a, b *ent.Allocation) int {
		return cmp.Or(cmp.Compare(b.StartsOn, a.StartsOn), cmp.Compare(a.ID, b.ID))
	})
	var wantChairs []string
	var wantSW any
	for _, kind := range []domain.AllocationKind{domain.AllocCPChair, domain.AllocIRO, domain.AllocSocialWorker} {
		i := slices.IndexFunc(allocs, func(a *ent.Allocation) bool { return a.Kind == kind })
		if i < 0 {
			continue
		}
		name := userByID(w, allocs[i].StaffID).DisplayName
		if kind == domain.AllocSocialWorker {
			wantSW = map[string]any{"name": name}
		} else {
			wantChairs = append(wantChairs, name)
		}
	}
	var gotChairs []string
	for _, ch := range got["chairs"].([]any) {
		gotChairs = append(gotChairs, ch.(map[string]any)["name"].(string))
	}
	if !slices.Equal(gotChairs, wantChairs) {
		t.Errorf("%s: chairs %v, want %v", what, gotChairs, wantChairs)
	}
	if _, asked := got["chair"]; asked {
		var wantChair any
		if len(wantChairs) > 0 {
			wantChair = map[string]any{"name": wantChairs[0]}
		}
		if chair, _ := got["chair"].(map[string]any); !sameContact(chair, wantChair) {
			t.Errorf("%s: chair %v, want %v", what, got["chair"], wantChair)
		}
	}
	if _, asked := got["socialWorker"]; !asked {
		return
	}
	if sw, _ := got["socialWorker"].(map[string]any); !sameContact(sw, wantSW) {
		t.Errorf("%s: social worker %v, want %v", what, got["socialWorker"], wantSW)
	}
}

func userNamed(t *testing.T, w *accesstest.World, username string) *ent.User {
	t.Helper()
	for _, u := range w.Users {
		if u.Username != nil && *u.Username == username {
			return u
		}
	}
	t.Fatalf("no user %s", username)
	return nil
}

func sameContact(got map[string]any, want any) bool {
	if want == nil {
		return got == nil
	}
	return got != nil && got["name"] == want.(map[string]any)["name"]
}

func userByID(w *accesstest.World, id any) *ent.User {
	for _, u := range w.Users {
		if any(u.ID) == id {
			return u
		}
	}
	return nil
}

// checkFirstPage: a first page read with its total in one statement holds
// the first submissions the viewer may see, by id, and the total of them,
// as the count-and-page path (a page from the end) does.
func checkFirstPage(t *testing.T, w *accesstest.World, what string, v *viewer.Viewer, c *ent.Child, got map[string]any) {
	t.Helper()
	var want []string
	for _, sub := range w.Submissions {
		if sub.ChildID == c.ID && w.SeesSubmission(v, sub) {
			want = append(want, string(sub.ID))
		}
	}
	slices.Sort(want)
	first, end := got["firstPage"].(map[string]any), got["fromTheEnd"].(map[string]any)
	page := idsOfEdges(first)
	if !slices.Equal(page, want[:min(3, len(want))]) {
		t.Errorf("%s: first page %v, want the first of %v", what, page, want)
	}
	if first["totalCount"] != float64(len(want)) || end["totalCount"] != float64(len(want)) {
		t.Errorf("%s: totals %v (first page) and %v (from the end), want %d", what, first["totalCount"], end["totalCount"], len(want))
	}
	if more := first["pageInfo"].(map[string]any)["hasNextPage"]; more != (len(want) > 3) {
		t.Errorf("%s: hasNextPage %v with %d submissions", what, more, len(want))
	}
	if all := idsOfEdges(end); !slices.Equal(all, want) {
		t.Errorf("%s: from the end %v, want %v", what, all, want)
	}
}

func idsOfEdges(conn map[string]any) []string {
	out := []string{}
	for _, e := range conn["edges"].([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any)["id"].(string))
	}
	return out
}

// TestCaseloadReadPathMatchesTheRules: myCaseload's first page (its total
// in the page's statement) and a later page (count and page) list the
// children the rules let each member of staff see; children and parents
// have no caseload.
func TestCaseloadReadPathMatchesTheRules(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	const q = `query($after: Cursor) { myCaseload(first: 2, after: $after) { totalCount
		edges { cursor node { id } } pageInfo { hasNextPage } } }`
	for name, token := range tokens {
		v := viewerOf(w, name)
		var want []string
		if v != nil && (v.Role == domain.RoleIRO || v.Role == domain.RoleCPChair || v.Role == domain.RoleSocialWorker || v.Role == domain.RoleManager) {
			for _, c := range w.Children {
				if w.SeesChild(v, c.ID) {
					want = append(want, string(c.ID))
				}
			}
		}
		var got []string
		vars := map[string]any{"after": nil}
		for pages := 0; pages < 50; pages++ {
			r := s.Query(token, q, vars)
			if len(r.Errors) > 0 {
				if v == nil {
					break // anonymous: not signed in
				}
				t.Fatalf("%s: %s", who(name), r.Raw)
			}
			conn := r.Data["myCaseload"].(map[string]any)
			if conn["totalCount"] != float64(len(want)) {
				t.Errorf("%s: caseload totalCount %v (page %d), want %d", who(name), conn["totalCount"], pages+1, len(want))
			}
			edges := conn["edges"].([]any)
			got = append(got, idsOfEdges(conn)...)
			if conn["pageInfo"].(map[string]any)["hasNextPage"] != true || len(edges) == 0 {
				break
			}
			vars["after"] = edges[len(edges)-1].(map[string]any)["cursor"]
		}
		sameIDs(t, who(name)+" caseload", want, got)
	}
}
