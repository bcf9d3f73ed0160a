// Package gen makes the generated authorities of `kite gen --children N`
// (docs/operations.md, "The generator"): the data set that performance is
// measured on (docs/quality.md). Each run adds one realistic local
// authority of a chosen size: children in care and on child protection
// plans in roughly the national proportions, their parents, the staff who
// work with them, and three years of plans, meetings and submissions whose
// dates follow the statutory timescales.
//
// The work is in steps, one file each: the people (people.go), their plans'
// meetings as days (episodes.go), the rows of each family (plans.go,
// meetings.go, submissions.go), the words (texts.go), and writing the rows
// in batches (writer.go); model.go holds the rows and the generator's
// state.
package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"kite/ent"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/progress"
	"kite/internal/refdata"
	"kite/internal/timescales"
	"kite/internal/txn"
)

// DefaultChildren is the size of the reference data set (docs/quality.md).
const DefaultChildren = 10000

// MaxChildren is the largest authority Generate makes in one run.
const MaxChildren = 200000

// Caseload is the caseload Generate gives each IRO, CP chair and social
// worker: near the middle of the IRO handbook's 50–70 per full-time IRO.
// Staff numbers follow from it: an authority of 10,000 children has about
// 100 IROs, 60 CP chairs and 160 social workers.
const Caseload = 60

// batchSize is how many rows go into one INSERT. The widest table written
// (meetings, 24 columns) stays well below SQLite's limit of 32,766 bound
// values per statement and PostgreSQL's 65,535.
const batchSize = 1000

// Options say what Generate makes.
type Options struct {
	// Children is how many children the authority has; 0 means
	// DefaultChildren.
	Children int
	// Seed makes the data: the same seed, size and day give the same
	// authority, apart from record ids (always random, see internal/ident).
	Seed int64
	// Today is the day every date is worked out from; zero means
	// civil.Today().
	Today civil.Date
	// PasswordHash is the argon2id hash every account signs in with,
	// normally that of demo.Password (demo.HashPassword); empty means
	// Generate hashes demo.Password itself.
	PasswordHash string
	// Name is the authority's name. Empty, or a name already taken, means
	// the first free "Generated Borough <n>".
	Name string
}

// Report is what Generate made.
type Report struct {
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
	// Alerts counts the chairs' alerts, at every stage.
	Alerts int
	// Took is how long Generate ran.
	Took time.Duration
}

// Generate adds one new local authority of o.Children children to the
// database, with everything docs/quality.md's reference data set has: about 60%
// of the children in care and 35% on a child protection plan (a few both,
// a few whose plan has ended), parents, staff with caseloads near
// Caseload, and three years of plan versions, actions, meetings (held
// mostly on time, and the next one booked), and children's submissions
// whose answers fit their form version. It adds missing reference data
// first (refdata.WriteIn).
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
func Generate(ctx context.Context, client *ent.Client, o Options) (*Report, error) {
	began := time.Now()
	// System code: a command-line tool that writes an authority's records,
	// which no viewer may do.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	if o.Children == 0 {
		o.Children = DefaultChildren
	}
	if o.Children < 0 || o.Children > MaxChildren {
		return nil, fmt.Errorf("gen: children must be between 1 and %d", MaxChildren)
	}
	if o.Today.IsZero() {
		o.Today = civil.Today()
	}
	if o.PasswordHash == "" {
		h, err := demo.HashPassword(ctx)
		if err != nil {
			return nil, fmt.Errorf("gen: hash the demo password: %w", err)
		}
		o.PasswordHash = h
	}
	var report *Report
	err := txn.Run(ctx, client, func(tx *ent.Tx) error {
		if err := refdata.WriteIn(ctx, tx); err != nil {
			return err
		}
		c := tx.Client()
		g, err := newGenerator(ctx, c, o)
		if err != nil {
			return err
		}
		progress.From(ctx).Show("gen: making %d children's records", o.Children)
		g.build()
		if err := g.write(ctx, c); err != nil {
			return err
		}
		report = g.report()
		return nil
	})
	progress.From(ctx).Done()
	if err != nil {
		return nil, err
	}
	report.Took = time.Since(began)
	return report, nil
}

// newGenerator reads what the generator needs from the database: the free
// authority name, the numbers already used in usernames, and the forms.
func newGenerator(ctx context.Context, c *ent.Client, o Options) (*generator, error) {
	g := &generator{
		r:          rand.New(rand.NewPCG(uint64(o.Seed), 0x6b6974652d67656e)), // "kite-gen"
		alertRand:  rand.New(rand.NewPCG(uint64(o.Seed), 0x6b6974652d616c72)), // "kite-alr"
		cal:        timescales.EnglandAndWales(),
		today:      o.Today,
		n:          o.Children,
		hash:       o.PasswordHash,
		next:       map[string]int{},
		staffNames: map[string]bool{},
	}
	names, err := c.LocalAuthority.Query().Select(localauthority.FieldName).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("gen: read authorities: %w", err)
	}
	g.laName = freeAuthorityName(names, o.Name)
	g.domain = slug(g.laName) + ".example.org"
	usernames, err := c.User.Query().Where(user.UsernameHasPrefix(UsernamePrefix)).Select(user.FieldUsername).Strings(ctx)
	if err != nil {
		return nil, fmt.Errorf("gen: read usernames: %w", err)
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
	if g.younger, err = formtemplates.LatestNational(ctx, c, forms.ChildYoungerKey); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
	}
	if g.older, err = formtemplates.LatestNational(ctx, c, forms.ChildOlderKey); err != nil {
		return nil, fmt.Errorf("gen: %w", err)
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
		for i := 0; i+1 < len(p); i += 2 { // question key, value, …
			if _, ok := tmpl.Question(p[i]); ok {
				as = append(as, forms.Answer{QuestionKey: p[i], Value: p[i+1]})
			}
		}
		if len(as) == 0 || forms.Validate(tmpl, as) != nil {
			continue
		}
		out = append(out, forms.InTemplateOrder(tmpl, as))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("gen: no sample answers fit form %s version %d", t.Key, t.Version)
	}
	return out, nil
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
	g.makeAlerts(g.alertRand)
}

// report counts what was made.
func (g *generator) report() *Report {
	return &Report{
		AuthorityID: g.laID, Name: g.laName,
		Children: len(g.children), Staff: g.staff, Parents: g.parents, Accounts: len(g.users),
		Plans: len(g.plans), Meetings: len(g.meetings), Submissions: len(g.subs), Alerts: len(g.alerts),
	}
}
