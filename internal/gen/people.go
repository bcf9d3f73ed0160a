package gen

import (
	"fmt"
	"strconv"
	"strings"

	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/ident"
)

// The people: the authority, its families and their children, parents
// and staff, and who works with whom.

// username is the next free name for a role.
func (g *generator) username(role domain.Role) string {
	p := genPrefixes[role]
	g.next[p]++
	return p + strconv.Itoa(g.next[p])
}

// makeAuthority makes up the authority's contact details, with drama-range
// phone numbers and Demo Borough's urgent-help words.
func (g *generator) makeAuthority() demo.Authority {
	num := func() string { return fmt.Sprintf("01632 960%03d", g.r.IntN(1000)) }
	phone, outOfHours := num(), num()
	return demo.Authority{
		Name: g.laName, Domain: g.domain,
		Phone: phone, OutOfHours: outOfHours,
		Advocacy: g.laName + " Children's Advocacy Service", AdvocacyPhone: num(),
		ComplaintsPhone: num(),
		UrgentHelp:      demo.UrgentHelp(outOfHours),
	}
}

// Shares of children by status: the national picture is about twice as
// many children in care as on a child protection plan, a few both, and in
// a three-year window a few whose plan has ended.
const (
	shareInCare  = 0.58
	shareCP      = 0.33
	shareBoth    = 0.03
	shareUnborn  = 0.08 // of child protection families of one child
	shareRepeat  = 0.15 // of current child protection families
	sharePriorCP = 0.25 // of children in care: a plan that ended when they came into care
)

// makeFamilies decides who the children are: their status, age, family and
// the dates of their plans.
func (g *generator) makeFamilies() {
	counts := []struct {
		status domain.ChildStatus
		n      int
	}{
		{domain.InCare, int(float64(g.n)*shareInCare + 0.5)},
		{domain.CPPlan, int(float64(g.n)*shareCP + 0.5)},
		{domain.Both, int(float64(g.n)*shareBoth + 0.5)},
	}
	rest := g.n
	for i := range counts {
		counts[i].n = min(counts[i].n, rest)
		rest -= counts[i].n
	}
	counts = append(counts, struct {
		status domain.ChildStatus
		n      int
	}{domain.Neither, rest})
	for _, c := range counts {
		left := c.n
		for left > 0 {
			size := min(left, 1+g.weighted(0.62, 0.23, 0.11, 0.04))
			if c.status == domain.Both || c.status == domain.Neither {
				size = min(left, 1+g.weighted(0.8, 0.2))
			}
			g.families = append(g.families, g.makeFamily(c.status, size))
			left -= size
		}
	}
	// Mix the families, so that allocation and numbering do not follow
	// status.
	g.r.Shuffle(len(g.families), func(i, j int) { g.families[i], g.families[j] = g.families[j], g.families[i] })
	for _, f := range g.families {
		g.children = append(g.children, f.children...)
	}
}

// Ages in years at today, by status: the national age profile of children
// in care (older) and on child protection plans (younger).
var (
	careAges = ageProfile{{0, 0, 5}, {1, 4, 14}, {5, 9, 18}, {10, 15, 38}, {16, 17, 25}}
	cpAges   = ageProfile{{0, 0, 10}, {1, 4, 27}, {5, 9, 31}, {10, 15, 27}, {16, 17, 5}}
	bothAges = ageProfile{{0, 0, 8}, {1, 4, 20}, {5, 9, 25}, {10, 15, 37}, {16, 17, 10}}
)

type ageProfile []struct{ lo, hi, weight int }

func (g *generator) age(p ageProfile) int {
	ws := make([]float64, len(p))
	for i, b := range p {
		ws[i] = float64(b.weight)
	}
	b := p[g.weighted(ws...)]
	return g.between(b.lo, b.hi)
}

func (g *generator) makeFamily(status domain.ChildStatus, size int) *family {
	f := &family{status: status, surname: pick(g, surnames)}
	profile := cpAges
	switch status {
	case domain.InCare:
		profile = careAges
	case domain.Both:
		profile = bothAges
	}
	f.unborn = status == domain.CPPlan && size == 1 && g.chance(shareUnborn)
	first := g.age(profile)
	for i := range size {
		age := first
		if i > 0 {
			age = first - g.between(1, 4)*i
			if age < 0 {
				age = first + g.between(1, 3)*i
			}
			age = min(max(age, 0), 17)
		}
		f.children = append(f.children, g.makeChild(f, status, age))
	}
	g.makeEpisodes(f)
	g.makeParents(f)
	return f
}

func (g *generator) makeChild(f *family, status domain.ChildStatus, age int) *genChild {
	c := &genChild{id: ident.New("chd"), identityID: ident.New("cid"), status: status}
	if f.unborn {
		c.expected = g.today.AddDays(g.between(14, 140))
		mother := pick(g, womenNames) + " " + f.surname
		c.preferred = "Baby " + f.surname
		c.legal = "Unborn baby of " + mother
		return c
	}
	// Born on a day such that the child is age today.
	latestBirth := g.today.AddYears(-age)
	c.born = g.day(latestBirth.AddYears(-1).AddDays(1), latestBirth)
	if age == 0 {
		c.born = g.day(g.today.AddDays(-360), g.today.AddDays(-14))
	}
	var first string
	switch x := g.r.Float64(); {
	case x < 0.48:
		first, c.pronouns = pick(g, girlNames), "she/her"
	case x < 0.96:
		first, c.pronouns = pick(g, boyNames), "he/him"
	default:
		first, c.pronouns = pick(g, neutralNames), pick(g, []string{"they/them", "she/her", "he/him"})
	}
	if g.chance(0.15) || age < 3 {
		c.pronouns = ""
	}
	c.preferred = first
	c.legal = first + " " + f.surname
	if g.chance(0.6) {
		c.legal = first + " " + pick(g, middleNames) + " " + f.surname
	}
	return c
}

// youngestBirth is the latest birthday in the family (for an unborn baby,
// the expected day).
func (f *family) youngestBirth() civil.Date {
	var d civil.Date
	for _, c := range f.children {
		b := c.born
		if b.IsZero() {
			b = c.expected
		}
		d = laterOf(d, b)
	}
	return d
}

// makeParents gives most child protection families, and about half of the
// families of children in care, a parent with an account; a few have two.
func (g *generator) makeParents(f *family) {
	share := 0.5
	switch f.status {
	case domain.CPPlan, domain.Both:
		share = 0.85
	case domain.Neither:
		share = 0.6
	}
	if !g.chance(share) {
		return
	}
	add := func(relationship string, names []string) {
		u := &genUser{
			id: ident.New("usr"), role: domain.RoleParent, username: g.username(domain.RoleParent),
			name:    pick(g, names) + " " + f.surname,
			created: atHM(earlierOf(f.firstDay().AddDays(g.between(1, 20)), g.today.AddDays(-1)), 11, 0),
		}
		f.parents = append(f.parents, &genParent{u: u, relationship: relationship})
		g.users = append(g.users, u)
		g.parents++
	}
	if f.unborn || g.chance(0.78) {
		add("mother", womenNames)
		if !f.unborn && g.chance(0.12) {
			add("father", menNames)
		}
	} else {
		add("father", menNames)
	}
}

// makeStaff makes enough IROs, CP chairs and social workers for caseloads
// near Caseload (per full-time IRO: some IROs work part time), two or
// three managers and an admin.
func (g *generator) makeStaff() {
	inCare, cp, open := 0, 0, 0
	for _, c := range g.children {
		switch c.status {
		case domain.InCare:
			inCare++
		case domain.CPPlan:
			cp++
		case domain.Both:
			inCare++
			cp++
		}
		if c.status != domain.Neither {
			open++
		}
	}
	need := func(n int) int { return max(1, (n+Caseload-1)/Caseload) }
	managers := 2
	if g.n >= 5000 {
		managers = 3
	}
	// IROs until their full-time equivalents, added up, carry the children
	// in care at Caseload each.
	for capacity := 0.0; len(g.iros) == 0 || capacity*Caseload < float64(inCare); {
		u := g.makeStaffMember(domain.RoleIRO)
		u.fte = partTime(len(g.iros))
		capacity += u.share()
		g.iros = append(g.iros, u)
	}
	for range need(cp) {
		g.cpChairs = append(g.cpChairs, g.makeStaffMember(domain.RoleCPChair))
	}
	for range need(open) {
		g.sws = append(g.sws, g.makeStaffMember(domain.RoleSocialWorker))
	}
	for range managers {
		g.makeStaffMember(domain.RoleManager)
	}
	g.makeStaffMember(domain.RoleAdmin)
}

// partTimeShares are the full-time equivalents of the part-time IROs, in
// turn.
var partTimeShares = []float64{0.5, 0.6, 0.8, 0.7}

// partTime is the full-time equivalent recorded for the i-th IRO (from 0):
// every fourth works part time, 0.5 to 0.8 of a full-time week, so that
// the annual report's caseloads per full-time IRO and each IRO's own range
// have something to scale; 0 (not recorded: full time) for the others. It
// follows from i, so it draws nothing from the random stream.
func partTime(i int) float64 {
	if i%4 != 3 {
		return 0
	}
	return partTimeShares[(i/4)%len(partTimeShares)]
}

// share is the part of a full-time week the member of staff works: their
// full-time equivalent, or 1 when none is recorded.
func (u *genUser) share() float64 {
	if u.fte > 0 {
		return u.fte
	}
	return 1
}

func (g *generator) makeStaffMember(role domain.Role) *genUser {
	var first, last string
	for try := 0; ; try++ {
		first, last = pick(g, staffFirstNames), pick(g, surnames)
		if !g.staffNames[first+" "+last] || try > 20 {
			break
		}
	}
	name := first + " " + last
	local := strings.ToLower(first + "." + strings.ReplaceAll(last, "'", ""))
	if g.staffNames[name] {
		local += strconv.Itoa(len(g.staffNames))
	}
	g.staffNames[name] = true
	u := &genUser{
		id: ident.New("usr"), role: role, username: g.username(role),
		name:    name,
		email:   local + "@" + g.domain,
		reach:   pick(g, howToReach),
		pattern: pick(g, workingPatterns),
		created: atHM(g.today.AddDays(-1095-g.r.IntN(700)), 9, 0),
	}
	if g.chance(0.5) {
		u.phone = fmt.Sprintf("01632 960%03d", g.r.IntN(1000))
	} else {
		u.phone = fmt.Sprintf("07700 900%03d", g.r.IntN(1000))
	}
	g.users = append(g.users, u)
	g.staff++
	return u
}

// allocate gives every family a social worker and each current plan its
// chair, always the least loaded one for the part of a full-time week they
// work, so that caseloads stay level per full-time IRO (a half-time IRO has
// about half a full-time IRO's children). Ended
// plans had a chair too, drawn at random (their allocations have ended and
// count for nobody's caseload now).
func (g *generator) allocate() {
	least := func(staff []*genUser) *genUser {
		best := staff[0]
		for _, s := range staff[1:] {
			if float64(s.load)/s.share() < float64(best.load)/best.share() {
				best = s
			}
		}
		return best
	}
	for _, f := range g.families {
		n := len(f.children)
		if f.status == domain.Neither {
			f.sw = pick(g, g.sws)
		} else {
			f.sw = least(g.sws)
			f.sw.load += n
		}
		for _, e := range f.episodes {
			staff := g.iros
			if e.kind == domain.ChildProtectionPlan {
				staff = g.cpChairs
			}
			if e.end.IsZero() {
				e.chair = least(staff)
				e.chair.load += n
			} else {
				e.chair = pick(g, staff)
			}
		}
	}
}
