package gen

import (
	"slices"
	"time"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Rows of a family: its children, accounts, links, allocations, plans,
// plan versions and actions.

// emitFamily makes the rows of one family: children, accounts, links,
// allocations, plans and their meetings and submissions.
func (g *generator) emitFamily(f *family) {
	for _, c := range f.children {
		if !c.born.IsZero() && c.born.YearsOn(g.today) >= 8 {
			created := laterOf(f.firstDay(), c.born.AddYears(8))
			c.account = &genUser{
				id: ident.New("usr"), role: domain.RoleChild, username: g.username(domain.RoleChild),
				name: c.preferred, created: atHM(earlierOf(created, g.today.AddDays(-1)), 16, 0),
			}
			g.users = append(g.users, c.account)
		}
		for _, p := range f.parents {
			g.links = append(g.links, genLink{
				id: ident.New("fam"), child: c.id, parent: p.u.id, relationship: p.relationship,
				mayViewCarePlan: (f.status == domain.InCare || f.status == domain.Both) && g.chance(0.4),
				created:         p.u.created,
			})
		}
		g.allocs = append(g.allocs, genAlloc{
			id: ident.New("alc"), kind: domain.AllocSocialWorker, child: c.id, staff: f.sw.id,
			starts: f.firstDay(), end: f.swEnd,
		})
		for _, e := range f.episodes {
			kind, from := domain.AllocIRO, e.start
			if e.kind == domain.ChildProtectionPlan {
				kind, from = domain.AllocCPChair, e.strategy
			}
			g.allocs = append(g.allocs, genAlloc{
				id: ident.New("alc"), kind: kind, child: c.id, staff: e.chair.id,
				starts: g.cal.AddWorkingDays(from, 2), end: e.end,
			})
			g.emitEpisode(f, c, e)
		}
		g.emitStandalone(f, c)
	}
}

// emitEpisode makes one child's plan, its versions and actions, and its
// meetings (with the child's submissions for them).
func (g *generator) emitEpisode(f *family, c *genChild, e *episode) {
	p := genPlan{
		id: ident.New("pln"), child: c.id, kind: e.kind, starts: e.start, ends: e.end,
		endReason: e.endReason, category: e.category, strategy: e.strategy,
		created: atHM(e.start, 17, 30),
	}
	p.modified = p.created
	if !e.end.IsZero() {
		p.modified = atHM(e.end, 17, 30)
	}
	g.plans = append(g.plans, p)
	g.emitVersions(f, c, e, p)
	chairRole := "IRO"
	if e.kind == domain.ChildProtectionPlan {
		chairRole = "CP chair"
	}
	for i, s := range e.reviews {
		g.emitMeeting(f, c, e, p, s, e.chair, chairRole, i)
	}
	for _, s := range e.coreGroups {
		g.emitMeeting(f, c, e, p, s, f.sw, "social worker", -1)
	}
}

// emitVersions publishes 1–4 versions of a plan: the first when it starts,
// later ones after some of its reviews.
func (g *generator) emitVersions(f *family, c *genChild, e *episode, p genPlan) {
	by := f.sw.id
	first := g.cal.AddWorkingDays(e.start, g.between(3, 10))
	firstAt := atHM(earlierOf(first, g.today), 15, 0)
	if e.kind == domain.ChildProtectionPlan {
		by = e.chair.id
		firstAt = atHM(e.start, 17, 0)
	}
	var after []slot // reviews after which a new version can be published
	for i, s := range e.reviews {
		if !s.held || (e.kind == domain.ChildProtectionPlan && i == 0) {
			continue
		}
		if !e.end.IsZero() && !s.on.Before(e.end) {
			continue
		}
		if atHM(s.on, 17, 0).Before(firstAt) {
			continue
		}
		after = append(after, s)
	}
	n := 1 + min(len(after), g.weighted(30, 35, 25, 10))
	chosen := g.r.Perm(len(after))[:n-1]
	slices.Sort(chosen)
	times := []time.Time{firstAt}
	for _, i := range chosen {
		d := g.cal.AddWorkingDays(after[i].on, g.between(1, 5))
		if !e.end.IsZero() {
			d = earlierOf(d, e.end)
		}
		t := atHM(earlierOf(d, g.today), 15, 0)
		if !t.After(times[len(times)-1]) {
			continue
		}
		times = append(times, t)
	}
	for i, t := range times {
		v := genVersion{
			id: ident.New("plv"), plan: p.id, n: i + 1, published: t, by: by,
			created: t, modified: t,
		}
		v.formal, v.forChild = g.planWording(f, c, e, i)
		g.versions = append(g.versions, v)
		latest := i == len(times)-1
		g.emitActions(f, c, e, v, latest)
	}
}

// emitActions gives a version 2–4 actions. Those of earlier versions are
// mostly done; the current version's are under way, and a few are late.
func (g *generator) emitActions(f *family, c *genChild, e *episode, v genVersion, latest bool) {
	pool := actionPool(e, f.unborn)
	n := g.between(2, 4)
	start := g.r.IntN(len(pool))
	published := civil.InLondon(v.published)
	for i := range n {
		a := pool[(start+i)%len(pool)]
		by := published.AddDays(7 * g.between(2, 16))
		var status domain.ActionStatus
		switch {
		case !latest || !e.end.IsZero():
			status = []domain.ActionStatus{domain.ActionDone, domain.ActionDropped, domain.ActionDone, domain.ActionDone}[g.r.IntN(4)]
		case by.Before(g.today):
			status = []domain.ActionStatus{domain.ActionDone, domain.ActionInProgress, domain.ActionNotStarted}[g.weighted(70, 20, 10)]
		default:
			status = []domain.ActionStatus{domain.ActionNotStarted, domain.ActionInProgress, domain.ActionDone}[g.weighted(40, 45, 15)]
		}
		g.actions = append(g.actions, genAction{
			id: ident.New("pla"), version: v.id, position: i,
			what: fill(a.what, c.preferred), forChild: a.forChild,
			who: g.who(f, e, a.who), by: by, status: status, created: v.published,
		})
	}
}

// who names the person an action is for.
func (g *generator) who(f *family, e *episode, kind string) string {
	switch kind {
	case "sw":
		return f.sw.name + " (social worker)"
	case "chair":
		if e.kind == domain.CarePlan {
			return e.chair.name + " (IRO)"
		}
		return e.chair.name + " (CP chair)"
	case "parent":
		if len(f.parents) > 0 {
			return f.parents[0].u.name + " (" + parentWord(f.parents[0].relationship) + ")"
		}
		return "Parents"
	}
	return kind
}

func parentWord(relationship string) string {
	if relationship == "father" {
		return "dad"
	}
	return "mum"
}

// planWording is the wording of version i of a child's plan: the family's
// worries, with what is going well and what needs to change varying a
// little from version to version.
func (g *generator) planWording(f *family, c *genChild, e *episode, i int) (formal, forChild wording) {
	var worries, change []textPair
	switch {
	case e.kind == domain.CarePlan:
		worries, change = careWorries, careChanges
	case f.unborn:
		worries, change = unbornWorries, unbornChanges
	default:
		worries, change = cpWorries[e.category], cpChanges[e.category]
	}
	w := worries[e.text%len(worries)]
	ch := change[(e.text/7+i)%len(change)]
	gw := goingWell[(e.text/13+i*3)%len(goingWell)]
	if f.unborn {
		gw = unbornGoingWell[(e.text+i)%len(unbornGoingWell)]
	}
	name := c.preferred
	formal = wording{worries: fill(w.formal, name), goingWell: fill(gw.formal, name), needsToChange: fill(ch.formal, name)}
	forChild = wording{worries: w.child, goingWell: gw.child, needsToChange: ch.child}
	if i > 0 {
		formal.goingWell += " " + progressFormal[(e.text+i)%len(progressFormal)]
		forChild.goingWell += " " + progressChild[(e.text+i)%len(progressChild)]
	}
	return formal, forChild
}
