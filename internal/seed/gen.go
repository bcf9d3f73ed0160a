package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"kite/ent"
	"kite/ent/formtemplate"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/timescales"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// The reference data generator of docs/quality.md ("Performance") and docs/api.md
// ("Running it": kite gen --children N). It makes one realistic local
// authority of a chosen size: children in care and on child protection
// plans in roughly the national proportions, their parents, the staff who
// work with them, and three years of plans, meetings and submissions whose
// dates follow the statutory timescales.

// DefaultGenChildren is the size of the reference data set (docs/quality.md).
const DefaultGenChildren = 10000

// MaxGenChildren is the largest authority Generate makes in one run.
const MaxGenChildren = 200000

// GenCaseload is the caseload Generate gives each IRO, CP chair and social
// worker: near the middle of the IRO handbook's 50–70 per full-time IRO.
// Staff numbers follow from it: an authority of 10,000 children has about
// 100 IROs, 60 CP chairs and 160 social workers.
const GenCaseload = 60

// genBatch is how many rows go into one INSERT. The widest table written
// (meetings, 24 columns) stays well below SQLite's limit of 32,766 bound
// values per statement and PostgreSQL's 65,535.
const genBatch = 1000

// GenOptions say what Generate makes.
type GenOptions struct {
	// Children is how many children the authority has; 0 means
	// DefaultGenChildren.
	Children int
	// Seed makes the data: the same seed, size and day give the same
	// authority, apart from record ids (always random, see internal/ident).
	Seed int64
	// Today is the day every date is worked out from; zero means
	// civil.Today().
	Today civil.Date
	// PasswordHash is the argon2id hash every account signs in with,
	// normally that of DemoPassword (HashDemoPassword); empty means
	// Generate hashes DemoPassword itself.
	PasswordHash string
	// Name is the authority's name. Empty, or a name already taken, means
	// the first free "Generated Borough <n>".
	Name string
}

// GenReport is what Generate made.
type GenReport struct {
	AuthorityID ident.ID
	Name        string
	// Children counts child records (including unborn babies).
	Children int
	// Staff counts IROs, CP chairs, social workers, managers and admins.
	Staff int
	// Parents counts PARENT accounts.
	Parents int
	// Accounts counts every account made: staff, parents and children.
	Accounts int
	// Plans counts care plans and child protection plans, ended or not.
	Plans int
	// Meetings counts every meeting row: held, scheduled and postponed.
	Meetings int
	// Submissions counts children's wishes and feelings, drafts included.
	Submissions int
	// Took is how long Generate ran.
	Took time.Duration
}

// Generate adds one new local authority of o.Children children to the
// database, with everything docs/quality.md's reference data set has: about 60%
// of the children in care and 35% on a child protection plan (a few both,
// a few whose plan has ended), parents, staff with caseloads near
// GenCaseload, and three years of plan versions, actions, meetings (held
// mostly on time, and the next one booked), and children's submissions
// whose answers fit their form version. It adds missing reference data
// first (see ReferenceData).
//
// Existing data is never changed. Account names are gen-<role>-<n>
// (gen-child-1, gen-parent-1, gen-iro-1, gen-cpchair-1, gen-sw-1,
// gen-manager-1, gen-admin-1), each role numbered on from the highest
// number already in the database, so a second run never collides with the
// first.
//
// The data follows from o.Seed (math/rand/v2, PCG): the same seed, size and
// day give the same people, dates and words. Record ids are not part of
// that: they are random, as every id is (internal/ident).
//
// Everything is made in memory first and then written in one transaction,
// in batches of multi-row INSERTs: on any error nothing is left behind.
// Generate prints nothing.
func Generate(ctx context.Context, client *ent.Client, o GenOptions) (*GenReport, error) {
	began := time.Now()
	// System code: a command-line tool that writes an authority's records,
	// which no viewer may do.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	if o.Children == 0 {
		o.Children = DefaultGenChildren
	}
	if o.Children < 0 || o.Children > MaxGenChildren {
		return nil, fmt.Errorf("seed: gen: children must be between 1 and %d", MaxGenChildren)
	}
	if o.Today.IsZero() {
		o.Today = civil.Today()
	}
	if o.PasswordHash == "" {
		h, err := HashDemoPassword(ctx)
		if err != nil {
			return nil, fmt.Errorf("seed: gen: hash the demo password: %w", err)
		}
		o.PasswordHash = h
	}
	var report *GenReport
	err := txn.Run(ctx, client, func(tx *ent.Tx) error {
		c := tx.Client()
		if err := referenceData(ctx, c); err != nil {
			return err
		}
		g, err := newGenerator(ctx, c, o)
		if err != nil {
			return err
		}
		g.build()
		if err := g.write(ctx, c); err != nil {
			return err
		}
		report = g.report()
		return nil
	})
	if err != nil {
		return nil, err
	}
	report.Took = time.Since(began)
	return report, nil
}

// Rows, as they will be written. Each is made whole in memory before any is
// written, with its id chosen up front so that rows can refer to each other.

type genUser struct {
	id             ident.ID
	role           viewer.Role
	username, name string
	email, phone   string // staff only
	reach, pattern string // staff only
	created        time.Time
	load           int // current allocations (staff)
}

type genChild struct {
	id, identityID      ident.ID
	preferred, pronouns string
	legal               string
	born, expected      civil.Date // born, or for an unborn baby expected
	status              domain.ChildStatus
	lookedAfter         civil.Date
	lighterTouch        bool
	lighterAt           time.Time
	account             *genUser
	created             time.Time
	keys                int // idempotency keys used
}

type genAlloc struct {
	id          ident.ID
	kind        domain.AllocationKind
	child       ident.ID
	staff       ident.ID
	starts, end civil.Date
}

type genLink struct {
	id              ident.ID
	child, parent   ident.ID
	relationship    string
	mayViewCarePlan bool
	created         time.Time
}

type genPlan struct {
	id                ident.ID
	child             ident.ID
	kind              domain.PlanKind
	starts, ends      civil.Date
	endReason         string
	category          domain.AbuseCategory
	strategy          civil.Date
	created, modified time.Time
}

type genVersion struct {
	id                ident.ID
	plan              ident.ID
	n                 int
	published         time.Time
	by                ident.ID
	formal, forChild  wording
	created, modified time.Time
}

type genAction struct {
	id                  ident.ID
	version             ident.ID
	position            int
	what, forChild, who string
	by                  civil.Date
	status              domain.ActionStatus
	created             time.Time
}

type genMeeting struct {
	id                 ident.ID
	child, plan, chair ident.ID
	kind               domain.MeetingKind
	status             domain.MeetingStatus
	scheduled          time.Time
	venue              string
	withheld           bool
	due, held          civil.Date
	changeReason       string
	attendees          []string
	attended           *bool
	code               domain.ParticipationCode
	outcome            string
	published          time.Time
	outline, record    civil.Date
	created, modified  time.Time
}

type genSubmission struct {
	id                       ident.ID
	child, form, meeting     ident.ID
	answers                  []forms.Answer
	share                    domain.ShareWith
	status                   domain.SubmissionStatus
	urgent                   bool
	helpedBy                 domain.HelpedBy
	reply                    string
	repliedBy                ident.ID
	started, sent, read, rep time.Time
	key                      string
}

type genReceipt struct {
	id                 ident.ID
	submission, reader ident.ID
	name               string
	role               viewer.Role
	at                 time.Time
}

// slot is one meeting of a statutory clock: held, or (for a current plan)
// the next one, booked for today or later.
type slot struct {
	kind      domain.MeetingKind
	due, on   civil.Date
	held      bool
	postponed civil.Date // a first booking that was postponed; zero if none
	hour      int
}

// episode is one plan's life: when it started and ended, and its meetings.
type episode struct {
	kind       domain.PlanKind
	category   domain.AbuseCategory
	strategy   civil.Date // child protection: the strategy discussion
	start, end civil.Date // end zero while current
	endReason  string
	reviews    []slot // reviews, or conferences (the initial one first)
	coreGroups []slot
	lighterAt  civil.Date // care: the review after which lighter touch was agreed
	chair      *genUser
	venue      venueChoice
	text       int // which wording this family's plan uses
}

// family is children who share a parent, their social worker and the dates
// of their plans (brothers and sisters come into care, or onto a plan,
// together).
type family struct {
	status   domain.ChildStatus
	surname  string
	children []*genChild
	unborn   bool
	parents  []*genParent
	episodes []*episode
	sw       *genUser
	swEnd    civil.Date // the social worker's allocation ended (case closed)
}

type genParent struct {
	u            *genUser
	relationship string
}

type venueChoice struct {
	review, conference, coreGroup string
	reviewWithheld, groupWithheld bool
}

// generator holds everything Generate makes, in memory.
type generator struct {
	r     *rand.Rand
	cal   *timescales.Calendar
	today civil.Date
	n     int
	hash  string

	laID   ident.ID
	laName string
	domain string // the authority's fictional email domain

	next map[string]int // the last number used per username prefix

	younger, older           *ent.FormTemplate
	youngerCalm, olderCalm   [][]forms.Answer
	youngerWorry, olderWorry [][]forms.Answer

	staffNames map[string]bool
	families   []*family
	iros       []*genUser
	cpChairs   []*genUser
	sws        []*genUser

	users     []*genUser
	children  []*genChild
	allocs    []genAlloc
	links     []genLink
	plans     []genPlan
	versions  []genVersion
	actions   []genAction
	meetings  []genMeeting
	subs      []genSubmission
	receipts  []genReceipt
	staff     int
	parents   int
	authority authority
}

// GenUsernamePrefix begins every generated account's username. They sign
// in with DemoPassword, so a production server refuses to start while an
// enabled one still does.
const GenUsernamePrefix = "gen-"

// Username prefixes, one per role.
const (
	genChildPrefix   = "gen-child-"
	genParentPrefix  = "gen-parent-"
	genIROPrefix     = "gen-iro-"
	genCPChairPrefix = "gen-cpchair-"
	genSWPrefix      = "gen-sw-"
	genManagerPrefix = "gen-manager-"
	genAdminPrefix   = "gen-admin-"
)

var genPrefixes = map[viewer.Role]string{
	viewer.Child:        genChildPrefix,
	viewer.Parent:       genParentPrefix,
	viewer.IRO:          genIROPrefix,
	viewer.CPChair:      genCPChairPrefix,
	viewer.SocialWorker: genSWPrefix,
	viewer.Manager:      genManagerPrefix,
	viewer.Admin:        genAdminPrefix,
}

// genAuthorityPrefix names the generated authorities.
const genAuthorityPrefix = "Generated Borough "

// newGenerator reads what the generator needs from the database: the free
// authority name, the numbers already used in usernames, and the forms.
func newGenerator(ctx context.Context, c *ent.Client, o GenOptions) (*generator, error) {
	g := &generator{
		r:          rand.New(rand.NewPCG(uint64(o.Seed), 0x6b6974652d67656e)), // "kite-gen"
		cal:        timescales.EnglandAndWales(),
		today:      o.Today,
		n:          o.Children,
		hash:       o.PasswordHash,
		next:       map[string]int{},
		staffNames: map[string]bool{},
	}
	names, err := c.LocalAuthority.Query().Select(localauthority.FieldName).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: gen: read authorities: %w", err)
	}
	g.laName = freeAuthorityName(names, o.Name)
	g.domain = slug(g.laName) + ".example.org"
	usernames, err := c.User.Query().Where(user.UsernameHasPrefix(GenUsernamePrefix)).Select(user.FieldUsername).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: gen: read usernames: %w", err)
	}
	for _, u := range usernames {
		for _, p := range genPrefixes {
			if n, ok := strings.CutPrefix(u, p); ok {
				if v, err := strconv.Atoi(n); err == nil && v > g.next[p] {
					g.next[p] = v
				}
			}
		}
	}
	if g.younger, err = latestForm(ctx, c, forms.ChildYoungerKey); err != nil {
		return nil, err
	}
	if g.older, err = latestForm(ctx, c, forms.ChildOlderKey); err != nil {
		return nil, err
	}
	if g.youngerCalm, err = fitAnswers(g.younger, youngerAnswers); err != nil {
		return nil, err
	}
	if g.youngerWorry, err = fitAnswers(g.younger, youngerWorried); err != nil {
		return nil, err
	}
	if g.olderCalm, err = fitAnswers(g.older, olderAnswers); err != nil {
		return nil, err
	}
	if g.olderWorry, err = fitAnswers(g.older, olderWorried); err != nil {
		return nil, err
	}
	return g, nil
}

// freeAuthorityName is want if it is free, else the first free
// "Generated Borough <n>".
func freeAuthorityName(taken []string, want string) string {
	have := make(map[string]bool, len(taken))
	for _, t := range taken {
		have[t] = true
	}
	if want = strings.TrimSpace(want); want != "" && !have[want] {
		return want
	}
	for n := 1; ; n++ {
		if name := genAuthorityPrefix + strconv.Itoa(n); !have[name] {
			return name
		}
	}
}

// slug turns a name into a lower-case, hyphenated email domain label.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		s = "generated"
	}
	return s
}

// latestForm is the latest national version of a form.
func latestForm(ctx context.Context, c *ent.Client, key string) (*ent.FormTemplate, error) {
	t, err := c.FormTemplate.Query().
		Where(formtemplate.AuthorityIDIsNil(), formtemplate.Key(key)).
		Order(ent.Desc(formtemplate.FieldVersion)).
		First(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: gen: find form %s: %w", key, err)
	}
	return t, nil
}

// fitAnswers keeps the answers of each pattern that the template asks, and
// checks each pattern once against the template, as the API would check a
// submission: every submission made from a pattern is then valid for the
// form version it names. Patterns that no longer fit (a newer version
// changed their options) are dropped; none left is an error.
func fitAnswers(t *ent.FormTemplate, patterns [][]string) ([][]forms.Answer, error) {
	tmpl := formtemplates.FromRow(t)
	var out [][]forms.Answer
	for _, p := range patterns {
		var as []forms.Answer
		for _, a := range answers(p...) {
			if _, ok := tmpl.Question(a.QuestionKey); ok {
				as = append(as, a)
			}
		}
		if len(as) == 0 || forms.Validate(tmpl, as) != nil {
			continue
		}
		out = append(out, forms.InTemplateOrder(tmpl, as))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("seed: gen: no sample answers fit form %s version %d", t.Key, t.Version)
	}
	return out, nil
}

// Random helpers.

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted picks an index with the given weights.
func (g *generator) weighted(ws ...float64) int {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// day is a day from lo to hi, both included (lo when hi is earlier).
func (g *generator) day(lo, hi civil.Date) civil.Date {
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(g.r.IntN(lo.DaysUntil(hi) + 1))
}

func laterOf(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}

func earlierOf(a, b civil.Date) civil.Date {
	if a.Before(b) {
		return a
	}
	return b
}

// atHM is h:m on day d in Europe/London, as a UTC instant.
func atHM(d civil.Date, h, m int) time.Time {
	y, mo, day := d.YMD()
	return time.Date(y, mo, day, h, m, 0, 0, civil.London).UTC()
}

// username is the next free name for a role.
func (g *generator) username(role viewer.Role) string {
	p := genPrefixes[role]
	g.next[p]++
	return p + strconv.Itoa(g.next[p])
}

// build makes the whole authority in memory.
func (g *generator) build() {
	g.authority = g.makeAuthority()
	g.laID = ident.New("la")
	g.makeFamilies()
	g.makeStaff()
	g.allocate()
	for _, f := range g.families {
		g.emitFamily(f)
	}
}

func (g *generator) makeAuthority() authority {
	num := func() string { return fmt.Sprintf("01632 960%03d", g.r.IntN(1000)) }
	phone, outOfHours := num(), num()
	return authority{
		name: g.laName, domain: g.domain,
		phone: phone, outOfHours: outOfHours,
		advocacy: g.laName + " Children's Advocacy Service", advocacyPhone: num(),
		complaintsPhone: num(),
		urgentHelp: "Thank you for telling us. Someone from the children's team will try to get in touch " +
			"with you today. If you feel unsafe right now, call 999. You can talk to Childline at any time, " +
			"day or night, for free on 0800 1111. When our office is closed, you can call our out-of-hours " +
			"team on " + outOfHours + ".",
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

// makeEpisodes decides the family's plans and walks their meetings.
func (g *generator) makeEpisodes(f *family) {
	window := g.today.AddDays(-1090) // plans start within the last three years
	birth := f.youngestBirth()
	careFrom := laterOf(window, birth.AddDays(1))  // nobody comes into care before birth
	cpFrom := laterOf(window, birth.AddDays(-150)) // a pre-birth conference is possible
	careTo := g.today.AddDays(-3)
	switch f.status {
	case domain.InCare:
		lac := g.day(careFrom, careTo)
		if g.chance(sharePriorCP) && lac.DaysUntil(g.today) > 0 && cpFrom.DaysUntil(lac) >= 150 {
			s := g.day(laterOf(cpFrom, lac.AddDays(-540)), lac.AddDays(-130))
			f.episodes = append(f.episodes, g.endedCP(s, lac, "The child became looked after, so the child protection plan ended."))
		}
		f.episodes = append(f.episodes, g.careEpisode(f, lac, civil.Date("")))
	case domain.CPPlan:
		e := g.currentCP(f, cpFrom)
		if !f.unborn && g.chance(shareRepeat) && cpFrom.DaysUntil(e.strategy) >= 420 {
			s := g.day(laterOf(cpFrom, e.strategy.AddDays(-900)), e.strategy.AddDays(-420))
			prior := g.endedCPAtReview(s, e.strategy.AddDays(-60))
			f.episodes = append(f.episodes, prior)
		}
		f.episodes = append(f.episodes, e)
	case domain.Both:
		lac := g.day(laterOf(careFrom, g.today.AddDays(-730)), careTo)
		f.episodes = append(f.episodes, g.currentCP(f, laterOf(cpFrom, g.today.AddDays(-540))))
		f.episodes = append(f.episodes, g.careEpisode(f, lac, civil.Date("")))
	case domain.Neither:
		if g.chance(0.75) || !careFrom.Before(g.today.AddDays(-130)) {
			s := g.day(cpFrom, g.today.AddDays(-200))
			if g.chance(0.85) {
				f.episodes = append(f.episodes, g.endedCPAtReview(s, g.today.AddDays(-7)))
			} else {
				e := g.cpEpisode(s, g.today.AddDays(-7), false)
				end := g.day(e.start.AddDays(30), earlierOf(e.start.AddDays(400), g.today.AddDays(-7)))
				f.episodes = append(f.episodes, g.endCP(e, end, "The family moved to another local authority, which took over the plan."))
			}
		} else {
			lac := g.day(careFrom, g.today.AddDays(-130))
			end := g.day(lac.AddDays(60), earlierOf(lac.AddDays(700), g.today.AddDays(-7)))
			f.episodes = append(f.episodes, g.careEpisode(f, lac, end))
		}
	}
	last := f.episodes[len(f.episodes)-1]
	if f.status == domain.Neither {
		f.swEnd = earlierOf(last.end.AddDays(g.between(0, 28)), g.today.AddDays(-1))
	}
	for _, c := range f.children {
		for _, e := range f.episodes {
			if e.kind == domain.CarePlan && e.end.IsZero() {
				c.lookedAfter = e.start
				if !e.lighterAt.IsZero() {
					c.lighterTouch = true
					c.lighterAt = atHM(e.lighterAt, 16, 0)
				}
			}
		}
		c.created = atHM(f.firstDay(), 9, 0)
	}
}

// firstDay is the day the family's first plan's clock started.
func (f *family) firstDay() civil.Date {
	var d civil.Date
	for _, e := range f.episodes {
		s := e.start
		if !e.strategy.IsZero() {
			s = e.strategy
		}
		if d.IsZero() || s.Before(d) {
			d = s
		}
	}
	return d
}

// Meetings are held on time about nine times in ten.
const onTimeShare = 0.9

// holdOn is the day a meeting due on due is held (or booked for), some
// working days before its due date, or now and then late; always after
// after, the day the clock started. late reports a late one.
func (g *generator) holdOn(due, after civil.Date) (on civil.Date, late bool) {
	if g.chance(onTimeShare) {
		k := g.r.IntN(8)
		if k == 0 && !g.cal.IsWorkingDay(due) {
			k = 1
		}
		on = g.cal.AddWorkingDays(due, -k)
		if !on.After(after) {
			on = g.cal.AddWorkingDays(after, 1)
		}
		return on, on.After(due)
	}
	return g.cal.AddWorkingDays(due, g.between(1, 15)), true
}

// walk follows one statutory clock from start, the day it started: next
// gives the kind and due date of the next meeting from those held so far.
// Meetings before stop are held; for a current plan the first one on or
// after stop is the booked next meeting, and for an ended plan there is
// none.
func (g *generator) walk(start, stop civil.Date, current bool, next func(held []slot) (domain.MeetingKind, civil.Date)) []slot {
	var out []slot
	prev := start
	for {
		kind, due := next(out)
		on, late := g.holdOn(due, prev)
		s := slot{kind: kind, due: due, on: on, hour: pick(g, meetingHours)}
		if !on.Before(stop) {
			if current {
				out = append(out, s)
			}
			return out
		}
		s.held = true
		if late && g.chance(0.4) {
			// A late meeting was often booked in time and then postponed.
			if first := g.cal.AddWorkingDays(due, -g.between(1, 5)); first.After(prev) && first.Before(on) {
				s.postponed = first
			}
		}
		out = append(out, s)
		prev = on
	}
}

var meetingHours = []int{9, 10, 10, 11, 13, 14, 14, 15}

// careEpisode is a time in care from lac: reviews 20 working days after,
// then 3 months after the first, then every 6 months (or, under the
// lighter-touch arrangement, a light-touch review at 6 months and a full
// one yearly). A zero end means the child is still in care.
func (g *generator) careEpisode(f *family, lac, end civil.Date) *episode {
	e := &episode{kind: domain.CarePlan, start: lac, end: end, text: g.r.IntN(1000)}
	current := end.IsZero()
	stop := g.today
	if !current {
		stop = end
		e.endReason = pick(g, careEndReasons)
	}
	// The lighter-touch arrangement: a child of 12 or over in a settled
	// placement who agrees, from the review after the second or third.
	lighterFrom := 0
	if current && f.status == domain.InCare && g.chance(0.12) && lac.DaysUntil(g.today) > 400 {
		old := true
		for _, c := range f.children {
			if c.born.IsZero() || c.born.YearsOn(lac) < 12 {
				old = false
			}
		}
		if old {
			lighterFrom = g.between(2, 3)
		}
	}
	e.reviews = g.walk(lac, stop, current, func(held []slot) (domain.MeetingKind, civil.Date) {
		switch len(held) {
		case 0:
			return domain.CICReview, timescales.FirstCICReviewDue(g.cal, lac)
		case 1:
			return domain.CICReview, timescales.SecondCICReviewDue(held[0].on)
		}
		last := held[len(held)-1]
		if lighterFrom > 0 && len(held) >= lighterFrom {
			full := last
			for i := len(held) - 1; i >= 0; i-- {
				if held[i].kind == domain.CICReview {
					full = held[i]
					break
				}
			}
			if last.kind == domain.CICReview {
				return domain.LightTouchReview, timescales.LightTouchReviewDue(full.on)
			}
			return domain.CICReview, timescales.LighterTouchFullReviewDue(full.on)
		}
		return domain.CICReview, timescales.LaterCICReviewDue(last.on)
	})
	if lighterFrom > 0 && heldCount(e.reviews) >= lighterFrom {
		e.lighterAt = e.reviews[lighterFrom-1].on
	}
	e.venue = g.venues(f)
	return e
}

func heldCount(ss []slot) int {
	n := 0
	for _, s := range ss {
		if s.held {
			n++
		}
	}
	return n
}

// cpEpisode is a child protection episode from the strategy discussion s:
// the initial conference within 15 working days, review conferences 3 and
// then every 6 months after, and core groups 10 working days after the
// initial conference and then every 4 weeks. The plan starts on the day of
// the initial conference.
func (g *generator) cpEpisode(s, stop civil.Date, current bool) *episode {
	e := &episode{kind: domain.ChildProtectionPlan, strategy: s, category: g.category(), text: g.r.IntN(1000)}
	e.reviews = g.walk(s, stop, current, func(held []slot) (domain.MeetingKind, civil.Date) {
		switch len(held) {
		case 0:
			return domain.InitialCPConference, timescales.InitialConferenceDue(g.cal, s)
		case 1:
			return domain.ReviewCPConference, timescales.FirstReviewConferenceDue(held[0].on)
		}
		return domain.ReviewCPConference, timescales.LaterReviewConferenceDue(held[len(held)-1].on)
	})
	if len(e.reviews) == 0 || !e.reviews[0].held {
		return e // no conference yet: the caller starts earlier
	}
	e.start = e.reviews[0].on
	every := timescales.Weeks(timescales.DefaultCoreGroupWeeks)
	e.coreGroups = g.walk(e.start, stop, current, func(held []slot) (domain.MeetingKind, civil.Date) {
		if len(held) == 0 {
			return domain.CoreGroup, timescales.FirstCoreGroupDue(g.cal, e.start)
		}
		return domain.CoreGroup, timescales.NextCoreGroupDue(held[len(held)-1].on, every)
	})
	return e
}

// Child protection categories (national shares).
func (g *generator) category() domain.AbuseCategory {
	return []domain.AbuseCategory{domain.Neglect, domain.Emotional, domain.Physical, domain.Sexual, domain.Multiple}[g.weighted(50, 35, 8, 4, 3)]
}

// currentCP is a plan still in force, started by a strategy discussion
// from `from` on: most plans are under a year old, a few over two.
func (g *generator) currentCP(f *family, from civil.Date) *episode {
	var ago int
	switch g.weighted(40, 35, 18, 7) {
	case 0:
		ago = g.between(25, 180)
	case 1:
		ago = g.between(181, 365)
	case 2:
		ago = g.between(366, 730)
	default:
		ago = g.between(731, 1060)
	}
	if f.unborn {
		ago = g.between(25, 120)
	}
	s := laterOf(g.today.AddDays(-ago), from)
	s = earlierOf(s, g.today.AddDays(-25))
	for {
		e := g.cpEpisode(s, g.today, true)
		if !e.start.IsZero() {
			e.venue = g.venues(f)
			return e
		}
		s = s.AddDays(-14) // the initial conference is still to come: start earlier
	}
}

// endedCPAtReview is a plan that a review conference ended, before limit.
func (g *generator) endedCPAtReview(s, limit civil.Date) *episode {
	e := g.cpEpisode(s, limit, false)
	var reviews []int
	for i, m := range e.reviews {
		if i > 0 && m.held {
			reviews = append(reviews, i)
		}
	}
	if len(reviews) == 0 {
		end := earlierOf(e.start.AddDays(g.between(20, 60)), limit)
		return g.endCP(e, end, "The family moved to another local authority, which took over the plan.")
	}
	last := reviews[min(len(reviews), 1+g.weighted(45, 30, 15, 10))-1]
	return g.endCP(e, e.reviews[last].on, "The review conference agreed that a child protection plan is no longer needed.")
}

// endedCP is a plan that ended on end for reason (its meetings stop there).
func (g *generator) endedCP(s, end civil.Date, reason string) *episode {
	return g.endCP(g.cpEpisode(s, end, false), end, reason)
}

// endCP cuts an episode's meetings at end: those held after it go.
func (g *generator) endCP(e *episode, end civil.Date, reason string) *episode {
	e.end, e.endReason = end, reason
	keep := func(ss []slot, upTo civil.Date, inclusive bool) []slot {
		out := ss[:0]
		for _, m := range ss {
			if m.on.Before(upTo) || (inclusive && m.on == upTo) {
				out = append(out, m)
			}
		}
		return out
	}
	e.reviews = keep(e.reviews, end, true)
	e.coreGroups = keep(e.coreGroups, end, false)
	return e
}

// venues are where the family's meetings usually happen.
func (g *generator) venues(f *family) venueChoice {
	name := f.children[0].preferred
	if len(f.children) > 1 {
		name = "The " + f.surname + " children"
	}
	room := fmt.Sprintf("%s Civic Centre, Room %d", g.laName, g.between(1, 8))
	v := venueChoice{conference: room}
	switch g.weighted(40, 30, 20, 10) {
	case 0:
		v.review, v.reviewWithheld = possessive(name)+" foster home", true
	case 1:
		v.review = "Online"
	case 2:
		v.review = possessive(name) + " school"
	default:
		v.review = room
	}
	if g.chance(0.3) {
		v.conference = "Online"
	}
	switch g.weighted(40, 30, 20, 10) {
	case 0:
		v.coreGroup = "Online"
	case 1:
		v.coreGroup, v.groupWithheld = possessive(name)+" school, meeting room", g.chance(0.3)
	case 2:
		v.coreGroup = g.laName + " Family Centre"
	default:
		v.coreGroup = "Family home"
	}
	return v
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
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
			id: ident.New("usr"), role: viewer.Parent, username: g.username(viewer.Parent),
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
// near GenCaseload, two or three managers and an admin.
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
	need := func(n int) int { return max(1, (n+GenCaseload-1)/GenCaseload) }
	managers := 2
	if g.n >= 5000 {
		managers = 3
	}
	for range need(inCare) {
		g.iros = append(g.iros, g.makeStaffMember(viewer.IRO))
	}
	for range need(cp) {
		g.cpChairs = append(g.cpChairs, g.makeStaffMember(viewer.CPChair))
	}
	for range need(open) {
		g.sws = append(g.sws, g.makeStaffMember(viewer.SocialWorker))
	}
	for range managers {
		g.makeStaffMember(viewer.Manager)
	}
	g.makeStaffMember(viewer.Admin)
}

func (g *generator) makeStaffMember(role viewer.Role) *genUser {
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
// chair, always the least loaded one, so that caseloads stay level. Ended
// plans had a chair too, drawn at random (their allocations have ended and
// count for nobody's caseload now).
func (g *generator) allocate() {
	least := func(staff []*genUser) *genUser {
		best := staff[0]
		for _, s := range staff[1:] {
			if s.load < best.load {
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

// emitFamily makes the rows of one family: children, accounts, links,
// allocations, plans and their meetings and submissions.
func (g *generator) emitFamily(f *family) {
	for _, c := range f.children {
		if !c.born.IsZero() && c.born.YearsOn(g.today) >= 8 {
			created := laterOf(f.firstDay(), c.born.AddYears(8))
			c.account = &genUser{
				id: ident.New("usr"), role: viewer.Child, username: g.username(viewer.Child),
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
	for _, s := range e.reviews {
		g.emitMeeting(f, c, e, p, s, e.chair, chairRole)
	}
	for _, s := range e.coreGroups {
		g.emitMeeting(f, c, e, p, s, f.sw, "social worker")
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

// emitMeeting makes one meeting of a child, and maybe the child's
// submission for it.
func (g *generator) emitMeeting(f *family, c *genChild, e *episode, p genPlan, s slot, chair *genUser, chairRole string) {
	m := genMeeting{
		id: ident.New("mtg"), child: c.id, plan: p.id, chair: chair.id, kind: s.kind,
		due: s.due, scheduled: atHM(s.on, s.hour, 0),
	}
	switch s.kind {
	case domain.CICReview, domain.LightTouchReview:
		m.venue, m.withheld = e.venue.review, e.venue.reviewWithheld
	case domain.CoreGroup:
		m.venue, m.withheld = e.venue.coreGroup, e.venue.groupWithheld
	default:
		m.venue = e.venue.conference
	}
	booked := earlierOf(s.on.AddDays(-g.between(14, 42)), g.today.AddDays(-1))
	if !s.postponed.IsZero() {
		booked = earlierOf(booked, s.postponed.AddDays(-g.between(14, 28)))
		g.meetings = append(g.meetings, genMeeting{
			id: ident.New("mtg"), child: c.id, plan: p.id, chair: chair.id, kind: s.kind,
			status: domain.Postponed, due: s.due, scheduled: atHM(s.postponed, s.hour, 0),
			venue: m.venue, withheld: m.withheld, changeReason: pick(g, postponeReasons),
			created: atHM(booked, 9, 30), modified: atHM(s.postponed.AddDays(-g.between(1, 5)), 12, 0),
		})
	}
	m.created, m.modified = atHM(booked, 9, 30), atHM(booked, 9, 30)
	if !s.held {
		m.status = domain.Scheduled
		g.meetings = append(g.meetings, m)
		if s.kind != domain.CoreGroup {
			g.upcomingSubmission(f, c, e, &m, chair)
		}
		return
	}
	m.status, m.held = domain.Held, s.on
	sub := s.kind != domain.CoreGroup && g.heldSubmission(f, c, &m, chair)
	g.record(f, c, e, &m, chair, chairRole, sub)
	g.meetings = append(g.meetings, m)
}

// record fills in what the chair recorded at a held meeting: who came, the
// child's participation, the outcome, and when the plan and record went
// out (within the default timescales about nine times in ten).
func (g *generator) record(f *family, c *genChild, e *episode, m *genMeeting, chair *genUser, chairRole string, sent bool) {
	age := -1
	if !c.born.IsZero() && !c.born.After(m.held) {
		age = c.born.YearsOn(m.held)
	}
	attended := false
	switch m.kind {
	case domain.CICReview, domain.LightTouchReview:
		m.code = g.participation(age, sent)
		switch m.code {
		case domain.PN0:
		case domain.PN1, domain.PN2, domain.PN3, domain.PN4:
			attended = true
			m.attended = ptr(true)
		default:
			m.attended = ptr(false)
		}
	case domain.InitialCPConference, domain.ReviewCPConference:
		if age >= 7 {
			attended = g.chance(0.35)
			m.attended = ptr(attended)
		}
	}
	var people []string
	if attended {
		people = append(people, c.preferred)
	}
	if m.kind != domain.CICReview && m.kind != domain.LightTouchReview || g.chance(0.5) {
		for _, p := range f.parents {
			people = append(people, p.u.name+" ("+parentWord(p.relationship)+")")
		}
	}
	if e.kind == domain.CarePlan {
		people = append(people, "Foster carer")
	}
	if m.kind != domain.CoreGroup {
		people = append(people, chair.name+" ("+chairRole+")")
	}
	people = append(people, f.sw.name+" (social worker)")
	if age >= 4 && g.chance(0.6) {
		people = append(people, pick(g, []string{"Designated teacher", "Head of year", "School nurse", "Teaching assistant"}))
	} else if age < 4 && g.chance(0.6) {
		people = append(people, pick(g, []string{"Health visitor", "Community midwife", "Nursery key worker"}))
	}
	m.attendees = people
	m.outcome = g.outcome(c, e, m)
	m.published = atHM(m.held, 17, 0)
	m.modified = m.published
	if d := g.cal.AddWorkingDays(m.held, g.sendAfter(timescales.DefaultOutlinePlanWorkingDays, 1)); !d.After(g.today) {
		m.outline = d
	}
	if d := g.cal.AddWorkingDays(m.held, g.sendAfter(timescales.DefaultFullRecordWorkingDays, 5)); !d.After(g.today) {
		m.record = d
		m.modified = atHM(d, 12, 0)
	}
}

// sendAfter is how many working days after a meeting something went out:
// within limit about nine times in ten.
func (g *generator) sendAfter(limit, least int) int {
	if g.chance(0.9) {
		return g.between(least, limit)
	}
	return g.between(limit+1, limit+12)
}

// participation is the child's participation code at a review: PN0 under
// 4; otherwise mostly PN1 (attended and spoke) or PN6 (views sent another
// way, such as a submission), some PN7. A child who sent a submission
// either came (PN1) or had it speak for them (PN6).
func (g *generator) participation(age int, sent bool) domain.ParticipationCode {
	switch {
	case age < 4:
		return domain.PN0
	case sent:
		return []domain.ParticipationCode{domain.PN1, domain.PN6}[g.weighted(55, 45)]
	case age < 8:
		return []domain.ParticipationCode{domain.PN1, domain.PN2, domain.PN3, domain.PN4, domain.PN5, domain.PN6, domain.PN7}[g.weighted(25, 4, 20, 5, 4, 30, 14)]
	}
	return []domain.ParticipationCode{domain.PN1, domain.PN2, domain.PN3, domain.PN4, domain.PN5, domain.PN6, domain.PN7}[g.weighted(42, 6, 1, 4, 5, 26, 16)]
}

// outcome is the plain-words summary of a held meeting.
func (g *generator) outcome(c *genChild, e *episode, m *genMeeting) string {
	switch m.kind {
	case domain.CICReview:
		return fill(pick(g, reviewOutcomes), c.preferred)
	case domain.LightTouchReview:
		return fill(pick(g, lightTouchOutcomes), c.preferred)
	case domain.InitialCPConference:
		return strings.ReplaceAll(fill(pick(g, initialOutcomes), c.preferred), "{category}", categoryWords[e.category])
	case domain.ReviewCPConference:
		if !e.end.IsZero() && m.held == e.end {
			return fill(endOutcome, c.preferred)
		}
		return fill(pick(g, reviewConferenceOutcomes), c.preferred)
	}
	return pick(g, coreGroupOutcomes)
}

// Submissions.

// canSend reports whether the child could send views on day d, having
// started them up to two days before: they have an account and had it by
// then.
func canSend(c *genChild, d civil.Date) bool {
	return c.account != nil && !atHM(d.AddDays(-2), 0, 0).Before(c.account.created)
}

// heldSubmission maybe adds the child's views for a held review or
// conference (about three in four, once the child has an account). Most
// were read and many answered. It reports whether one was added.
func (g *generator) heldSubmission(f *family, c *genChild, m *genMeeting, chair *genUser) bool {
	sentOn := m.held.AddDays(-g.between(1, 10))
	if !canSend(c, sentOn) || !g.chance(0.75) {
		return false
	}
	status := []domain.SubmissionStatus{domain.Responded, domain.Read, domain.Submitted}[g.weighted(55, 40, 5)]
	g.submission(f, c, m.id, sentOn, status, chair, atHM(m.held, 9, 0))
	return true
}

// upcomingSubmission maybe adds the child's views for the booked next
// meeting, when it is a few weeks away: mostly sent and not yet read, a
// few still drafts.
func (g *generator) upcomingSubmission(f *family, c *genChild, e *episode, m *genMeeting, chair *genUser) {
	on := civil.InLondon(m.scheduled)
	if g.today.DaysUntil(on) > 28 {
		return
	}
	sentOn := g.today.AddDays(-g.between(1, 10))
	if !canSend(c, sentOn) || !sentOn.After(civil.InLondon(m.created)) {
		return
	}
	switch x := g.r.Float64(); {
	case x < 0.45:
		g.submission(f, c, m.id, sentOn, domain.Submitted, chair, time.Time{})
	case x < 0.55:
		g.submission(f, c, m.id, sentOn, domain.Read, chair, atHM(g.today, 0, 0))
	case x < 0.63:
		g.submission(f, c, m.id, sentOn, domain.Draft, chair, time.Time{})
	}
}

// emitStandalone maybe adds views a child sent outside any meeting, in the
// last month, to their current chair.
func (g *generator) emitStandalone(f *family, c *genChild) {
	var chair *genUser
	for _, e := range f.episodes {
		if e.end.IsZero() {
			chair = e.chair
		}
	}
	sentOn := g.today.AddDays(-g.between(1, 30))
	if chair == nil || !canSend(c, sentOn) || !g.chance(0.1) {
		return
	}
	status := []domain.SubmissionStatus{domain.Submitted, domain.Read, domain.Responded}[g.weighted(40, 30, 30)]
	g.submission(f, c, "", sentOn, status, chair, atHM(g.today, 0, 0))
}

// submission adds one submission sent on sentOn, and its read receipts.
// before is when it must have been read by (zero: no limit).
func (g *generator) submission(f *family, c *genChild, meeting ident.ID, sentOn civil.Date, status domain.SubmissionStatus, chair *genUser, before time.Time) {
	s := genSubmission{
		id: ident.New("waf"), child: c.id, meeting: meeting, status: status,
		share:    []domain.ShareWith{domain.ChairOnly, domain.ChairAndSocialWorker, domain.EveryoneAtMeeting}[g.weighted(35, 40, 25)],
		helpedBy: []domain.HelpedBy{domain.HelpedByNobody, domain.HelpedByCarer, domain.HelpedByAdvocate, domain.HelpedBySocialWorker}[g.weighted(50, 25, 10, 15)],
	}
	s.sent = atHM(sentOn, g.between(15, 21), g.r.IntN(60))
	s.started = s.sent.Add(-time.Duration(g.between(10, 2880)) * time.Minute)
	// The form that suited the child's age when they opened it.
	form := g.older
	calm, worried := g.olderCalm, g.olderWorry
	if c.born.YearsOn(civil.InLondon(s.started)) <= 10 {
		form, calm, worried = g.younger, g.youngerCalm, g.youngerWorry
	}
	s.form, s.answers = form.ID, pick(g, calm)
	if status == domain.Draft {
		s.sent = time.Time{}
		g.subs = append(g.subs, s)
		return
	}
	c.keys++
	s.key = "gen-views-" + strconv.Itoa(c.keys)
	if g.chance(0.02) {
		s.urgent, s.answers = true, pick(g, worried)
	}
	if status == domain.Submitted {
		g.subs = append(g.subs, s)
		return
	}
	delay := time.Duration(g.between(60, 3*24*60)) * time.Minute
	if s.urgent {
		delay = time.Duration(g.between(10, 90)) * time.Minute
	}
	s.read = s.sent.Add(delay)
	if !before.IsZero() && s.read.After(before) {
		s.read = earlierOf2(s.sent.Add(30*time.Minute), before)
	}
	g.receipts = append(g.receipts, genReceipt{
		id: ident.New("rdr"), submission: s.id, reader: chair.id, name: chair.name, role: chair.role, at: s.read,
	})
	if s.share != domain.ChairOnly && g.chance(0.4) {
		at := s.read.Add(time.Duration(g.between(30, 24*60)) * time.Minute)
		if !before.IsZero() && at.After(before) {
			at = before
		}
		g.receipts = append(g.receipts, genReceipt{
			id: ident.New("rdr"), submission: s.id, reader: f.sw.id, name: f.sw.name, role: f.sw.role, at: at,
		})
	}
	if status == domain.Responded {
		s.reply = fill(pick(g, replies), c.preferred)
		s.repliedBy = chair.id
		s.rep = s.read.Add(time.Duration(g.between(5, 24*60)) * time.Minute)
		if !before.IsZero() && s.rep.After(before) {
			s.rep = before
		}
	}
	g.subs = append(g.subs, s)
}

func earlierOf2(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
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

// report counts what was made.
func (g *generator) report() *GenReport {
	return &GenReport{
		AuthorityID: g.laID, Name: g.laName,
		Children: len(g.children), Staff: g.staff, Parents: g.parents, Accounts: len(g.users),
		Plans: len(g.plans), Meetings: len(g.meetings), Submissions: len(g.subs),
	}
}

// Writing.

// insert writes rows in batches of genBatch, each one multi-row INSERT.
func insert[R any, B any](ctx context.Context, what string, rows []R, build func(*R) B, exec func(context.Context, []B) error) error {
	for start := 0; start < len(rows); start += genBatch {
		end := min(start+genBatch, len(rows))
		batch := make([]B, 0, end-start)
		for i := start; i < end; i++ {
			batch = append(batch, build(&rows[i]))
		}
		if err := exec(ctx, batch); err != nil {
			return fmt.Errorf("seed: gen: add %s: %w", what, err)
		}
	}
	return nil
}

// write stores everything, parents before children.
func (g *generator) write(ctx context.Context, c *ent.Client) error {
	a := g.authority
	err := c.LocalAuthority.Create().
		SetID(g.laID).
		SetName(a.name).
		SetServicePhone(a.phone).
		SetServiceEmail("childrens.services@" + a.domain).
		SetOutOfHoursPhone(a.outOfHours).
		SetDutyTeamEmail("duty.team@" + a.domain).
		SetAdvocacyName(a.advocacy).
		SetAdvocacyPhone(a.advocacyPhone).
		SetAdvocacyEmail("advocacy@" + a.domain).
		SetComplaintsPhone(a.complaintsPhone).
		SetComplaintsEmail("complaints@" + a.domain).
		SetUrgentHelpText(a.urgentHelp).
		SetChildPopulation(g.n * 90). // about 110 children in care or on a plan per 10,000
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("seed: gen: add %s: %w", a.name, err)
	}
	la := g.laID
	steps := []func() error{
		func() error {
			return insert(ctx, "accounts", g.users, func(u **genUser) *ent.UserCreate {
				v := *u
				b := c.User.Create().SetID(v.id).SetAuthorityID(la).SetRole(v.role).
					SetUsername(v.username).SetPasswordHash(g.hash).SetDisplayName(v.name).SetActive(true).
					SetCreatedAt(v.created).SetUpdatedAt(v.created)
				if v.email != "" {
					b.SetWorkEmail(v.email).SetWorkPhone(v.phone).SetHowToReach(v.reach).SetWorkingPattern(v.pattern)
				}
				return b
			}, func(ctx context.Context, b []*ent.UserCreate) error { return c.User.CreateBulk(b...).Exec(ctx) })
		},
		func() error {
			return insert(ctx, "children", g.children, func(cp **genChild) *ent.ChildCreate {
				v := *cp
				b := c.Child.Create().SetID(v.id).SetAuthorityID(la).SetPreferredName(v.preferred).
					SetPronouns(v.pronouns).SetStatus(v.status).SetLighterTouch(v.lighterTouch).
					SetCreatedAt(v.created).SetUpdatedAt(v.created)
				if !v.lookedAfter.IsZero() {
					b.SetBecameLookedAfterOn(v.lookedAfter)
				}
				if v.lighterTouch {
					b.SetLighterTouchAgreedAt(v.lighterAt)
				}
				if v.account != nil {
					b.SetUserID(v.account.id)
				}
				return b
			}, func(ctx context.Context, b []*ent.ChildCreate) error { return c.Child.CreateBulk(b...).Exec(ctx) })
		},
		func() error {
			return insert(ctx, "child identities", g.children, func(cp **genChild) *ent.ChildIdentityCreate {
				v := *cp
				b := c.ChildIdentity.Create().SetID(v.identityID).SetAuthorityID(la).SetChildID(v.id).
					SetLegalName(v.legal).SetCreatedAt(v.created).SetUpdatedAt(v.created)
				if !v.born.IsZero() {
					b.SetDateOfBirth(v.born)
				} else {
					b.SetExpectedDateOfBirth(v.expected)
				}
				return b
			}, func(ctx context.Context, b []*ent.ChildIdentityCreate) error {
				return c.ChildIdentity.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "allocations", g.allocs, func(v *genAlloc) *ent.AllocationCreate {
				t := atHM(v.starts, 9, 0)
				b := c.Allocation.Create().SetID(v.id).SetAuthorityID(la).SetKind(v.kind).
					SetChildID(v.child).SetStaffID(v.staff).SetStartsOn(v.starts).
					SetCreatedAt(t).SetUpdatedAt(t)
				if !v.end.IsZero() {
					b.SetEndsOn(v.end).SetUpdatedAt(atHM(v.end, 17, 0))
				}
				return b
			}, func(ctx context.Context, b []*ent.AllocationCreate) error {
				return c.Allocation.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "family links", g.links, func(v *genLink) *ent.FamilyLinkCreate {
				return c.FamilyLink.Create().SetID(v.id).SetAuthorityID(la).SetChildID(v.child).
					SetParentID(v.parent).SetRelationship(v.relationship).
					SetParentalResponsibility(true).SetMayViewCarePlan(v.mayViewCarePlan).
					SetActive(true).SetCreatedAt(v.created).SetUpdatedAt(v.created)
			}, func(ctx context.Context, b []*ent.FamilyLinkCreate) error {
				return c.FamilyLink.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "plans", g.plans, func(v *genPlan) *ent.PlanCreate {
				b := c.Plan.Create().SetID(v.id).SetAuthorityID(la).SetChildID(v.child).SetKind(v.kind).
					SetStartsOn(v.starts).SetCreatedAt(v.created).SetUpdatedAt(v.modified)
				if !v.ends.IsZero() {
					b.SetEndsOn(v.ends).SetEndReason(v.endReason)
				}
				if v.category != "" {
					b.SetCategory(v.category).SetStrategyDiscussionOn(v.strategy)
				}
				return b
			}, func(ctx context.Context, b []*ent.PlanCreate) error { return c.Plan.CreateBulk(b...).Exec(ctx) })
		},
		func() error {
			return insert(ctx, "plan versions", g.versions, func(v *genVersion) *ent.PlanVersionCreate {
				return c.PlanVersion.Create().SetID(v.id).SetAuthorityID(la).SetPlanID(v.plan).SetVersion(v.n).
					SetPublishedAt(v.published).SetPublishedByID(v.by).
					SetWorries(v.formal.worries).SetGoingWell(v.formal.goingWell).SetNeedsToChange(v.formal.needsToChange).
					SetWorriesForChild(v.forChild.worries).SetGoingWellForChild(v.forChild.goingWell).
					SetNeedsToChangeForChild(v.forChild.needsToChange).
					SetCreatedAt(v.created).SetUpdatedAt(v.modified)
			}, func(ctx context.Context, b []*ent.PlanVersionCreate) error {
				return c.PlanVersion.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "plan actions", g.actions, func(v *genAction) *ent.PlanActionCreate {
				return c.PlanAction.Create().SetID(v.id).SetAuthorityID(la).SetPlanVersionID(v.version).
					SetPosition(v.position).SetWhat(v.what).SetWhatForChild(v.forChild).SetWho(v.who).
					SetByWhen(v.by).SetStatus(v.status).SetCreatedAt(v.created).SetUpdatedAt(v.created)
			}, func(ctx context.Context, b []*ent.PlanActionCreate) error {
				return c.PlanAction.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "meetings", g.meetings, func(v *genMeeting) *ent.MeetingCreate {
				b := c.Meeting.Create().SetID(v.id).SetAuthorityID(la).SetChildID(v.child).SetPlanID(v.plan).
					SetChairID(v.chair).SetKind(v.kind).SetStatus(v.status).SetScheduledFor(v.scheduled).
					SetVenue(v.venue).SetVenueWithheldFromFamily(v.withheld).SetDueBy(v.due).
					SetCreatedAt(v.created).SetUpdatedAt(v.modified)
				if v.changeReason != "" {
					b.SetChangeReason(v.changeReason)
				}
				if v.status == domain.Held {
					b.SetHeldOn(v.held).SetAttendees(v.attendees).SetNillableChildAttended(v.attended).
						SetOutcomeSummary(v.outcome).SetOutcomePublishedAt(v.published)
					if v.code != "" {
						b.SetParticipationCode(v.code)
					}
					if !v.outline.IsZero() {
						b.SetOutlineSentOn(v.outline)
					}
					if !v.record.IsZero() {
						b.SetRecordSentOn(v.record)
					}
				}
				return b
			}, func(ctx context.Context, b []*ent.MeetingCreate) error { return c.Meeting.CreateBulk(b...).Exec(ctx) })
		},
		func() error {
			return insert(ctx, "submissions", g.subs, func(v *genSubmission) *ent.WishesAndFeelingsCreate {
				b := c.WishesAndFeelings.Create().SetID(v.id).SetAuthorityID(la).SetChildID(v.child).
					SetFormTemplateID(v.form).SetAnswers(v.answers).SetShareWith(v.share).SetStatus(v.status).
					SetNeedsToTalkToday(v.urgent).SetHelpedBy(v.helpedBy).
					SetCreatedAt(v.started).SetUpdatedAt(latest(v.started, v.sent, v.read, v.rep))
				if v.meeting != "" {
					b.SetMeetingID(v.meeting)
				}
				if !v.sent.IsZero() {
					b.SetSubmittedAt(v.sent).SetIdempotencyKey(v.key)
				}
				if !v.read.IsZero() {
					b.SetFirstReadAt(v.read)
				}
				if v.reply != "" {
					b.SetReply(v.reply).SetRespondedAt(v.rep).SetRepliedByID(v.repliedBy)
				}
				return b
			}, func(ctx context.Context, b []*ent.WishesAndFeelingsCreate) error {
				return c.WishesAndFeelings.CreateBulk(b...).Exec(ctx)
			})
		},
		func() error {
			return insert(ctx, "read receipts", g.receipts, func(v *genReceipt) *ent.ReadReceiptCreate {
				return c.ReadReceipt.Create().SetID(v.id).SetAuthorityID(la).SetSubmissionID(v.submission).
					SetReaderID(v.reader).SetReaderName(v.name).SetReaderRole(v.role).SetReadAt(v.at)
			}, func(ctx context.Context, b []*ent.ReadReceiptCreate) error {
				return c.ReadReceipt.CreateBulk(b...).Exec(ctx)
			})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// The generator's words. Every name, place and story is made up; phone
// numbers are in Ofcom's ranges for drama and email addresses under
// example.org. What a child or parent reads is short, plain and kind.

// fill puts a child's name where a text says {name}.
func fill(text, name string) string { return strings.ReplaceAll(text, "{name}", name) }

var (
	girlNames = []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Sophia",
		"Grace", "Willow", "Evie", "Poppy", "Ella", "Ruby", "Daisy", "Maya", "Aisha", "Zara", "Chloe", "Hannah",
		"Leah", "Nia", "Amara", "Layla", "Maryam", "Ellie", "Jessica", "Phoebe", "Summer", "Skye", "Niamh", "Erin",
		"Megan", "Keira", "Tia", "Shanice", "Zainab", "Oliwia", "Harper", "Esme", "Imani", "Precious", "Lacey"}
	boyNames = []string{"Oliver", "Noah", "George", "Leo", "Arthur", "Muhammad", "Harry", "Oscar", "Jack", "Charlie",
		"Freddie", "Alfie", "Theo", "Jacob", "Ethan", "Tyler", "Kai", "Logan", "Mason", "Riley", "Jayden", "Reuben",
		"Callum", "Liam", "Kyle", "Dylan", "Ibrahim", "Yusuf", "Kacper", "Tomasz", "Kofi", "Tyrese", "Ashton",
		"Connor", "Lewis", "Ryan", "Jamal", "Luca", "Archie", "Finley", "Bobby", "Harrison", "Ezra", "Deacon"}
	neutralNames = []string{"Alex", "Jordan", "Sam", "Jamie", "Robin", "Frankie", "Charlie", "Rowan", "Kit", "Ash"}
	middleNames  = []string{"James", "Rose", "Louise", "John", "Marie", "Thomas", "Grace", "Lee", "Jane", "David",
		"May", "Ali", "Anne", "Michael", "Jade", "Edward", "Hope", "Junior", "Faith", "William"}
	surnames = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
		"Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
		"Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore",
		"Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Ali", "Begum", "Hussain",
		"Ahmed", "Okafor", "Mensah", "Kowalski", "Nowak", "Murphy", "O'Brien", "Campbell", "Kelly", "Price",
		"Bennett", "Shaw", "Reid", "Mitchell", "Carter", "Phillips", "Parker", "Nguyen", "Silva", "Mohamed",
		"Adeyemi", "Osei", "Doherty", "Lambert", "Fox", "Gordon", "Marsh"}
	womenNames = []string{"Kerry", "Sarah", "Emma", "Laura", "Gemma", "Leanne", "Natalie", "Chloe", "Danielle",
		"Stacey", "Amy", "Rebecca", "Samantha", "Jade", "Nadia", "Fatima", "Agnieszka", "Shannon", "Michelle",
		"Claire", "Hayley", "Aaliyah", "Joanne", "Lisa", "Kayleigh", "Charlotte", "Abimbola", "Toni"}
	menNames = []string{"Darren", "Lee", "Craig", "Daniel", "James", "Mark", "Jason", "Ryan", "Adam", "Scott",
		"Kyle", "Wayne", "Imran", "Piotr", "Kwame", "Dean", "Stephen", "Gary", "Paul", "Jamie", "Reece", "Tariq"}
	staffFirstNames = []string{"Priya", "Daniel", "Helen", "Morgan", "Ruth", "Aisha", "Tom", "Grace", "Mohammed",
		"Sophie", "David", "Fiona", "Kwabena", "Joanna", "Rachel", "Simon", "Bethany", "Anita", "Marcus", "Eleanor",
		"Oluwaseun", "Katie", "Neil", "Harpreet", "Siobhan", "Gareth", "Yvonne", "Ifeoma", "Martin", "Louise",
		"Tariq", "Nicola", "Ben", "Deborah", "Raj", "Catherine", "Femi", "Jenny", "Owen", "Zoe", "Hannah", "Chris"}
	howToReach = []string{
		"Text or email me and I will get back to you within two working days.",
		"Email is best. If it is urgent, call and leave a message and I will call you back the same day.",
		"Call or text my work phone. If I am out on a visit, leave a message and I will call you back.",
		"Call me in the morning, when I am usually at my desk, or send me an email at any time.",
		"Send me a text and I will call you back when I can talk properly.",
		"Email me, or ask the duty team to pass on a message.",
	}
	workingPatterns = []string{
		"Monday to Friday, 9am to 5pm", "Monday to Thursday, 9am to 5pm", "Monday to Friday, 8.30am to 4.30pm",
		"Monday, Tuesday and Wednesday, 9am to 5pm", "Tuesday to Friday, 9am to 3pm",
		"Monday, Wednesday and Friday, 9am to 5pm",
	}
	careEndReasons = []string{
		"Returned home to live with family.",
		"A special guardianship order was made: the child lives with a relative.",
		"An adoption order was made.",
		"A child arrangements order was made: the child lives with the other parent.",
	}
	postponeReasons = []string{
		"The chair was unwell.",
		"The family asked for a new date.",
		"Reports for the meeting were not ready in time.",
		"Not enough of the people needed could come.",
		"The child asked to move the meeting so they did not miss a school trip.",
	}
	reviewOutcomes = []string{
		"Everyone agreed that {name}'s plan is working well and that nothing big needs to change before the next review.",
		"We talked about school, health and family time. {name} will keep seeing family every two weeks, and school will offer extra help with reading.",
		"{name}'s views were shared and listened to. We agreed to look for a long-term home, and to talk with {name} about every step.",
		"This review looked at how {name} is settling in. Everyone agreed the placement is going well and family time will carry on as planned.",
		"We agreed some changes to the plan: {name} will have more say about family time, and help from the wellbeing service.",
		"Thank you for your views, {name}. We agreed you will stay where you are, and we will check your health and school plans are up to date.",
	}
	lightTouchOutcomes = []string{
		"The IRO spoke with {name}, the carers and the social worker. Everyone agreed things are settled and the plan is working.",
		"A light-touch review: {name} is happy where they live, and the plan carries on. The next full review is in six months.",
	}
	initialOutcomes = []string{
		"The conference agreed that {name} needs a child protection plan, because of {category}. Everyone will work together to make things safer, and the core group will meet in the next two weeks.",
		"The conference decided that {name} will have a child protection plan. It is about {category}. The plan says what needs to change and who will help.",
	}
	reviewConferenceOutcomes = []string{
		"The conference agreed that the plan should carry on for now. Things have got better for {name}, but there is still work to do.",
		"Everyone agreed {name} still needs a child protection plan. We updated the plan and will meet again in six months.",
		"The conference heard that some things have improved and some have not. {name}'s plan carries on, with clearer actions for the adults.",
	}
	endOutcome        = "The conference agreed that {name} no longer needs a child protection plan, because things are much safer now. Support will carry on for a while as a child in need plan."
	coreGroupOutcomes = []string{
		"The core group checked how the plan is going. Most actions are on track.",
		"The core group met and agreed the next steps. Some actions are running late and the social worker will follow them up.",
		"The core group reviewed the plan. School reported that attendance has improved.",
		"The core group checked the plan. The family is working well with the support that has been offered.",
	}
	categoryWords = map[domain.AbuseCategory]string{
		domain.Neglect:   "neglect",
		domain.Emotional: "emotional abuse",
		domain.Physical:  "physical abuse",
		domain.Sexual:    "sexual abuse",
		domain.Multiple:  "more than one kind of harm",
	}
	replies = []string{
		"Thank you for telling me, {name}. I have read everything you wrote and I will make sure it is talked about at your meeting.",
		"Thank you, {name}. It really helps to know what you think. I will speak to you before the meeting so we can plan it together.",
		"Thanks for sending this, {name}. I have shared what you said about family time with your social worker, as you asked.",
		"I am really glad you told me about your worries, {name}. We will talk about them at your meeting, and I will check you are OK.",
		"Well done for filling this in, {name}. Your ideas for the meeting are great, and we will try to do them.",
		"Thank you, {name}. I have noted who you want at your meeting and where you would like it to be.",
	}
)

// textPair is one part of a plan in formal words ({name} for the child's
// name) and in words for the child.
type textPair struct{ formal, child string }

var (
	careWorries = []textPair{
		{"{name} became looked after following long-standing concerns about neglect at home.",
			"You came to live somewhere new because things at home were not safe enough for you."},
		{"{name} became looked after when a parent became unwell and nobody else in the family could provide care.",
			"Your mum or dad is poorly, so right now they cannot look after you at home."},
		{"{name} became looked after following a breakdown in family relationships.",
			"Things got very hard at home, so you are living somewhere else for now."},
		{"{name} became looked after following domestic abuse in the family home.",
			"There was fighting at home that made it unsafe for you, so you are living somewhere else for now."},
		{"{name} became looked after because of parental drug and alcohol use that left basic needs unmet.",
			"The grown-ups at home were not able to look after you safely, so you are living somewhere else for now."},
	}
	careChanges = []textPair{
		{"{name} needs a long-term plan for where to live, with {name}'s views at the centre of it.",
			"We will work out with you where you will live for a long time, and what you want will be at the heart of it."},
		{"{name} needs regular, safe family time and support with emotional wellbeing.",
			"You will keep seeing your family safely, and get help with your feelings."},
		{"{name} needs a stable school place and help to catch up with learning.",
			"We will make sure you have a school you can stay at, and help you catch up."},
		{"{name}'s health needs must be met, including the annual health assessment and dental checks.",
			"We will make sure you see the doctor and the dentist when you need to."},
	}
	goingWell = []textPair{
		{"{name} has warm and settled relationships at home and attends school regularly.",
			"You are settled, and you go to school most days."},
		{"{name} enjoys school and has made good friends.", "You like school and you have made good friends."},
		{"The family has worked well with the social worker and accepted support from the family support service.",
			"Your family has been working hard with the social worker and getting help."},
		{"{name} has joined a local sports club and is growing in confidence.",
			"You have joined a club and you are getting more confident."},
		{"Family time has gone well and {name} looks forward to it.",
			"Seeing your family has gone well, and you look forward to it."},
		{"{name}'s health needs are being met, and all appointments have been kept.",
			"You have been to all your check-ups, and you are healthy."},
	}
	progressFormal = []string{
		"Progress has been made since the last review.",
		"Several actions from the last plan have been completed.",
		"The professionals agree that things are moving in the right direction.",
	}
	progressChild = []string{
		"Things have got better since the last meeting.",
		"Lots of the things we said we would do have been done.",
		"Everyone thinks things are going the right way.",
	}
	unbornWorries = []textPair{
		{"There are concerns about whether the baby's needs will be met after birth, given past substance misuse.",
			"We want to be sure the baby will be safe and well looked after once they are born."},
		{"Older brothers and sisters have been removed from the family's care in the past, and there are concerns about the baby's safety after birth.",
			"Everyone wants to make sure the baby has a safe start in life."},
	}
	unbornGoingWell = []textPair{
		{"The mother is attending antenatal appointments and has started work with the support services.",
			"Mum is going to all her baby check-ups and is getting help."},
		{"The family has engaged well with the pre-birth assessment.",
			"The family is working well with the social worker to get ready for the baby."},
	}
	unbornChanges = []textPair{
		{"A birth plan must be agreed before the baby arrives, and the mother needs to stay engaged with support services.",
			"Everyone will agree a plan before the baby arrives, and mum will keep getting help."},
		{"A safe home must be ready for the baby, with a support network agreed before the birth.",
			"Everyone will make sure there is a safe home and people to help when the baby arrives."},
	}
	cpWorries = map[domain.AbuseCategory][]textPair{
		domain.Neglect: {
			{"{name} has often arrived at school hungry and in unwashed clothes, and school attendance has fallen below 85%.",
				"We are worried that sometimes there has not been enough food at home, and that you have missed a lot of school."},
			{"{name}'s home has been found in a poor state, with little food and no safe place to sleep. Health appointments have been missed.",
				"We are worried that your home has not been clean or safe enough, and that you have missed check-ups with the doctor."},
			{"{name} has been left without adult supervision on several occasions, and basic care needs are not being met consistently.",
				"We are worried that you have sometimes been left on your own when a grown-up should have been looking after you."},
		},
		domain.Emotional: {
			{"{name} has witnessed frequent and serious arguments and domestic abuse between adults in the household.",
				"There has been a lot of shouting and fighting at home, and that is not OK for you."},
			{"{name} is often spoken to in a harsh and belittling way, and is showing signs of low mood and anxiety.",
				"We are worried that grown-ups at home have said unkind things to you, and that this has made you feel sad and worried."},
			{"Parental mental ill-health and alcohol use mean that {name}'s emotional needs are not being met.",
				"The grown-ups at home have been finding things hard, and we want to make sure you get the care and attention you need."},
		},
		domain.Physical: {
			{"{name} was seen with unexplained bruising, and the explanations given were not consistent with the injuries.",
				"We are worried because you had bruises that nobody could explain properly."},
			{"There are concerns that physical punishment is being used to discipline {name}.",
				"We are worried that grown-ups have hit you when they were cross. That is never OK."},
		},
		domain.Sexual: {
			{"{name} has disclosed harmful sexual behaviour by an adult known to the family.",
				"You told us something really important about a grown-up who hurt you. You were very brave to tell us."},
			{"There are concerns that {name} is at risk of sexual exploitation outside the home.",
				"We are worried that some older people you have met may want to hurt you or take advantage of you."},
		},
		domain.Multiple: {
			{"{name} has experienced neglect of basic needs and has been exposed to domestic abuse in the home.",
				"We are worried that you have not always had what you need at home, and that there has been fighting there."},
			{"There are concerns about {name}'s physical safety and emotional wellbeing, including the impact of parental substance misuse.",
				"We are worried about your safety and your feelings, because the grown-ups at home have been using drugs or alcohol."},
		},
	}
	cpChanges = map[domain.AbuseCategory][]textPair{
		domain.Neglect: {
			{"{name} needs regular meals, clean clothes and consistent adult supervision, and school attendance must rise above 95%.",
				"The grown-ups will make sure you have food, clean clothes and someone with you, and help you get to school every day."},
			{"The home must be kept safe and clean, and {name}'s health appointments must be kept.",
				"Your home needs to be clean and safe, and you need to go to all your check-ups."},
		},
		domain.Emotional: {
			{"{name} needs to live free from conflict at home, and the adults need to engage with the domestic abuse service.",
				"You need to feel safe at home, and the grown-ups will get help so there is no more fighting."},
			{"The adults caring for {name} need support with their own wellbeing, so that {name}'s feelings come first.",
				"The grown-ups will get help for themselves, so they can look after your feelings."},
		},
		domain.Physical: {
			{"The adults caring for {name} need to use safe, non-physical ways of setting boundaries, with support from a parenting programme.",
				"The grown-ups will learn better ways to help when things are hard, without hurting you."},
		},
		domain.Sexual: {
			{"{name} needs to be kept safe from the person who caused harm, and to have specialist support.",
				"We will keep you safe from the person who hurt you, and find someone you can talk to."},
		},
		domain.Multiple: {
			{"The parents need to engage with substance misuse and domestic abuse services, and {name}'s basic needs must be met every day.",
				"The grown-ups will get help to stop drinking or using drugs, and make sure you have what you need every day."},
		},
	}
)

// genActionText is one kind of plan action: what (formal, {name} for the
// child), the words for the child, and who does it ("sw", "chair" and
// "parent" name the family's own; anything else is written as it is).
type genActionText struct{ what, forChild, who string }

var (
	careActions = []genActionText{
		{"Complete {name}'s review health assessment.", "Have your yearly check-up with the doctor.", "sw"},
		{"Arrange regular family time for {name} and review it with {name}.", "Plan when you see your family, together with you.", "sw"},
		{"Update {name}'s personal education plan.", "Check how school is going and what help you need.", "Designated teacher"},
		{"Offer {name} an independent advocate.", "Tell you about advocates, so you can choose if you want one.", "chair"},
		{"Refer {name} to the emotional wellbeing service.", "Find someone you can talk to about your feelings.", "sw"},
		{"Help {name} to join an after-school club.", "Help you join a club you like.", "Foster carer"},
		{"Complete life story work with {name}.", "Make a book with you about your life and your family.", "sw"},
		{"Book {name}'s dental check-up.", "Take you to see the dentist.", "Foster carer"},
	}
	cpActions = map[domain.AbuseCategory][]genActionText{
		domain.Neglect: {
			{"Family support worker to visit weekly to help with routines and meals.", "A helper will visit every week to help with meals and bedtime.", "Family support service"},
			{"Register {name} with a dentist and attend a check-up.", "Take you to see a dentist.", "parent"},
			{"Arrange for {name} to attend breakfast club every school day.", "You can go to breakfast club at school every day.", "School"},
			{"Share {name}'s school attendance with the core group every week.", "School will check that you are getting in every day.", "School"},
		},
		domain.Emotional: {
			{"Attend the domestic abuse recovery programme.", "The grown-ups will go to a group that helps families where there has been fighting.", "parent"},
			{"Agree a safety plan with {name}.", "Make a plan with you about what to do if you feel unsafe.", "sw"},
			{"Refer {name} to the school counsellor.", "Find someone at school you can talk to.", "School"},
		},
		domain.Physical: {
			{"Complete a parenting programme.", "The grown-ups will go to a course about looking after children.", "parent"},
			{"Check on {name}'s wellbeing every month.", "The school nurse will check in with you every month.", "School nurse"},
			{"Visit {name} at home every two weeks, including time alone with {name}.", "Your social worker will visit you every two weeks and talk to you on your own.", "sw"},
		},
		domain.Sexual: {
			{"Refer {name} to a specialist therapeutic service.", "Find a special helper you can talk to about what happened.", "sw"},
			{"Agree a safety plan covering who may have contact with {name}.", "Make a plan about who can and cannot see you.", "sw"},
			{"Deliver keeping-safe work with {name}.", "Help you learn about keeping safe.", "School"},
		},
		domain.Multiple: {
			{"Attend every appointment with the drug and alcohol service.", "The grown-ups will go to all their appointments to get help with drinking or drugs.", "parent"},
			{"Family support worker to visit weekly.", "A helper will visit your home every week.", "Family support service"},
			{"Visit {name} at home every two weeks, including time alone with {name}.", "Your social worker will visit you every two weeks and talk to you on your own.", "sw"},
		},
	}
	unbornActions = []genActionText{
		{"Agree a birth plan with the hospital and the midwife.", "Make a plan for when the baby is born.", "sw"},
		{"Attend all antenatal appointments.", "Go to all the baby check-ups before the birth.", "parent"},
		{"Complete a pre-birth parenting assessment.", "Work with the social worker to get ready for the baby.", "sw"},
	}
)

// actionPool is the actions a plan draws from.
func actionPool(e *episode, unborn bool) []genActionText {
	switch {
	case e.kind == domain.CarePlan:
		return careActions
	case unborn:
		return unbornActions
	}
	return cpActions[e.category]
}

// Sample answers to the default forms, as question key and value pairs.
// fitAnswers checks each against the stored form version once; every
// submission then uses one of them.
var (
	youngerAnswers = [][]string{
		{"feel_home", "4", "feel_school", "3", "feel_most_days", "4", "going_well", "Playing football with my friends at school.", "wish", "To have a dog.", "come_to_meeting", "yes"},
		{"feel_home", "5", "feel_school", "4", "going_well", "My carer makes pancakes on Saturdays.", "family_friends", "I want to see my nan more.", "talk_alone", "yes"},
		{"feel_home", "3", "feel_school", "2", "feel_most_days", "3", "worries", "I get in trouble at school a lot.", "wish", "To be in the same class as my best friend.", "come_to_meeting", "not_sure", "advocate", "not_sure"},
		{"feel_home", "4", "going_well", "Swimming. I can do a width now!", "family_friends", "I want to see my brother more.", "come_to_meeting", "no", "talk_alone", "no"},
		{"feel_most_days", "2", "worries", "I miss my mum.", "wish", "To go home.", "advocate", "yes"},
		{"feel_home", "5", "feel_school", "5", "feel_most_days", "5", "going_well", "Everything! I got a star award.", "anything_else", "I like my new bedroom."},
		{"feel_school", "3", "family_friends", "I don't want to see my uncle.", "talk_alone", "yes", "come_to_meeting", "yes"},
		{"feel_home", "4", "feel_school", "4", "wish", "For everyone in my family to be happy."},
	}
	youngerWorried = [][]string{
		{"feel_home", "1", "feel_most_days", "1", "worries", "Something happened and I feel scared. I want to talk to someone.", "talk_alone", "yes"},
		{"feel_most_days", "1", "worries", "I am sad all the time and I don't want to go home today.", "wish", "To feel safe."},
	}
	olderAnswers = [][]string{
		{"overall", "4", "home", "It's good. I get on with my carers.", "school", "OK. Maths is hard but I'm trying.", "want_to_happen", "I want to stay where I am.", "meeting_place", "where_i_live", "come_to_meeting", "all", "talk_alone", "no"},
		{"overall", "3", "family_friends", "I want to see my sister more and I want to choose when.", "worries", "Sometimes I feel sad after family time.", "who_at_meeting", "My carer and my social worker.", "meeting_place", "school,online", "come_to_meeting", "part", "advocate", "tell_me_more"},
		{"overall", "2", "home", "I don't like the house rules. I want more freedom.", "health_feelings", "I'm not sleeping well.", "want_to_happen", "I want to move to a different placement.", "who_not_at_meeting", "My dad.", "come_to_meeting", "no", "talk_alone", "yes", "advocate", "yes"},
		{"overall", "5", "going_well", "I got a part-time job and I passed my driving theory test.", "want_to_happen", "I want to go to college to do engineering.", "meeting_time", "After 4pm because of college.", "lead_part", "yes"},
		{"overall", "3", "school", "College is going OK.", "health_feelings", "Stressed about exams.", "meeting_place", "online", "come_to_meeting", "not_sure", "lead_part", "not_sure"},
		{"overall", "4", "home", "Settled. I like having my own room.", "family_friends", "Seeing mum every two weeks is about right.", "going_well", "Football.", "who_at_meeting", "Mum, my carer and my teacher.", "talk_alone", "no", "advocate", "no"},
		{"overall", "2", "worries", "I feel like nobody listens to me.", "want_to_happen", "I want more say in what happens.", "come_to_meeting", "all", "lead_part", "yes", "anything_else", "I want to change my social worker."},
		{"overall", "4", "school", "I'm doing better at school this year.", "meeting_place", "where_i_live,office", "meeting_time", "Not on Wednesdays, I have boxing."},
	}
	olderWorried = [][]string{
		{"overall", "1", "worries", "Things are really bad at the moment and I don't feel safe. I need to talk to someone today.", "talk_alone", "yes"},
		{"overall", "1", "health_feelings", "I feel really low and I don't know what to do.", "worries", "I can't go back there tonight.", "talk_alone", "yes"},
	}
)
