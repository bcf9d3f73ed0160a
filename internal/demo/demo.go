// Package demo writes the demo data of docs/api.md ("Demo data") for
// trying Kite out: two authorities, their accounts, and six children whose
// plans, meetings and submissions tell a short story each, every date worked
// out from today. `kite seed` writes it, and so does a development server
// on an empty database; the API tests start from it (internal/apitest).
//
// It also holds what the generated authorities of internal/gen share with
// the demo: the published password their accounts sign in with, and the
// shape of an authority's contact details.
//
// Writing the demo is system code: it runs before anyone signs in and
// writes records that no viewer may write, so each exported function
// bypasses the access rules of internal/access with privacy.DecisionContext,
// and says so.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/auth"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/refdata"
	"kite/internal/timescales"
	"kite/internal/txn"
	"kite/internal/workhours"
)

// Password is the password of every demo account (docs/api.md), and of
// every account `kite gen` makes.
const Password = "kite-demo-password"

// HashPassword hashes Password with the production argon2id parameters, as
// every demo account's password hash.
func HashPassword(ctx context.Context) (string, error) {
	hasher, err := auth.NewHasher(auth.DefaultArgon2Params, 1)
	if err != nil {
		return "", err
	}
	return hasher.Hash(ctx, Password)
}

// Options are what Write needs from its caller.
type Options struct {
	// Today is the day every demo date is worked out from, normally
	// civil.Today().
	Today civil.Date
	// PasswordHash is the argon2id hash of Password. The caller hashes it
	// once, so the demo does not depend on the hashing settings.
	PasswordHash string
}

// IsEmpty reports whether the database holds no local authority and no
// user: the test `seed` makes before it writes the demo data. Reference data
// does not count, since every start writes it.
func IsEmpty(ctx context.Context, client *ent.Client) (bool, error) {
	// System code: this looks at every authority's rows, which no viewer may
	// do, and runs before anyone has signed in.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	authorities, err := client.LocalAuthority.Query().Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("demo: look for local authorities: %w", err)
	}
	users, err := client.User.Query().Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("demo: look for users: %w", err)
	}
	return !authorities && !users, nil
}

// Write writes the demo data of docs/api.md ("Demo data"): the authorities
// "Demo Borough" and "Other Shire", their accounts, children, plans,
// meetings and submissions, with every date relative to opts.Today. It first
// adds any missing reference data itself (refdata.WriteIn), because the
// demo's submissions answer the default forms.
//
// Everything is written in one transaction: on any error nothing is left.
// Write expects an empty database; the caller checks that with IsEmpty and
// refuses otherwise (on a database that already has the demo, the unique
// usernames would make Write fail and write nothing).
func Write(ctx context.Context, client *ent.Client, opts Options) error {
	// System code: the demo data is written before anyone signs in, and
	// creates accounts and records that no viewer may create.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	if opts.Today.IsZero() {
		return errors.New("demo: the demo needs a day to count from")
	}
	if opts.PasswordHash == "" {
		return errors.New("demo: the demo needs the hash of the demo password")
	}
	return txn.Run(ctx, client, func(tx *ent.Tx) error {
		if err := refdata.WriteIn(ctx, tx); err != nil {
			return err
		}
		cal := timescales.EnglandAndWales()
		s := &seeder{
			tx:    tx,
			today: opts.Today,
			cal:   cal,
			dates: timeline(cal, opts.Today),
			hash:  opts.PasswordHash,
			users: map[string]*ent.User{},
			forms: map[string]*ent.FormTemplate{},
		}
		return s.all(ctx)
	})
}

// seeder writes the demo data inside Write's transaction.
type seeder struct {
	tx    *ent.Tx
	today civil.Date
	cal   *timescales.Calendar
	dates dates
	hash  string
	users map[string]*ent.User         // the demo accounts, by username
	forms map[string]*ent.FormTemplate // the latest global template of each key
}

// all writes the whole demo, one authority and one child at a time.
func (s *seeder) all(ctx context.Context) error {
	for _, key := range []string{forms.ChildYoungerKey, forms.ChildOlderKey} {
		t, err := formtemplates.LatestNational(ctx, s.tx.Client(), key)
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		s.forms[key] = t
	}
	demo, err := s.addAuthority(ctx, demoBorough, demoBoroughAccounts)
	if err != nil {
		return err
	}
	other, err := s.addAuthority(ctx, otherShire, otherShireAccounts)
	if err != nil {
		return err
	}
	children := []struct {
		add func(context.Context, *ent.LocalAuthority) error
		la  *ent.LocalAuthority
	}{
		{s.jamie, demo}, {s.ava, demo}, {s.leo, demo}, {s.mia, demo}, {s.baby, demo},
		{s.noah, other},
	}
	for _, c := range children {
		if err := c.add(ctx, c.la); err != nil {
			return err
		}
	}
	return s.advocacy(ctx, demo)
}

// Authority is a local authority's name and contact details, as the demo
// and the generated authorities (internal/gen) make them up.
type Authority struct {
	Name, Domain                             string // Domain: its fictional email domain
	Phone, OutOfHours                        string
	Advocacy, AdvocacyPhone, ComplaintsPhone string
	UrgentHelp                               string
}

// Create is a new local authority with these details and the default
// settings; the caller may set more (its id, say) before saving it.
func (a Authority) Create(c *ent.LocalAuthorityClient) *ent.LocalAuthorityCreate {
	return c.Create().
		SetName(a.Name).
		SetServicePhone(a.Phone).
		SetServiceEmail("childrens.services@" + a.Domain).
		SetOutOfHoursPhone(a.OutOfHours).
		SetDutyTeamEmail("duty.team@" + a.Domain).
		SetAdvocacyName(a.Advocacy).
		SetAdvocacyPhone(a.AdvocacyPhone).
		SetAdvocacyEmail("advocacy@" + a.Domain).
		SetComplaintsPhone(a.ComplaintsPhone).
		SetComplaintsEmail("complaints@" + a.Domain).
		SetUrgentHelpText(a.UrgentHelp)
}

// UrgentHelp is what a child who needs to talk today is told, in an
// authority whose out-of-hours team is on outOfHours: Demo Borough's words,
// which the generated authorities use too.
func UrgentHelp(outOfHours string) string {
	return "Thank you for telling us. We will pass your message on to the people who work with you. " +
		"If you feel unsafe right now, call 999. You can talk to Childline at any time, " +
		"day or night, for free on 0800 1111. When our office is closed, you can call our out-of-hours " +
		"team on " + outOfHours + "."
}

// The demo's phone numbers are in Ofcom's range for drama (01632 960000 to
// 960999), and its email addresses under example.org, so none reaches a real
// person. Childline's number is real, because a child may really need it.
var (
	demoBorough = Authority{
		Name: "Demo Borough", Domain: "demo-borough.example.org",
		Phone: "01632 960100", OutOfHours: "01632 960199",
		Advocacy: "Demo Borough Children's Advocacy Service", AdvocacyPhone: "01632 960150",
		ComplaintsPhone: "01632 960160",
		UrgentHelp:      UrgentHelp("01632 960199"),
	}
	otherShire = Authority{
		Name: "Other Shire", Domain: "other-shire.example.org",
		Phone: "01632 960500", OutOfHours: "01632 960599",
		Advocacy: "Other Shire Young People's Advocacy", AdvocacyPhone: "01632 960550",
		ComplaintsPhone: "01632 960560",
		UrgentHelp: "Thank you for letting us know. We will pass your message on. If you are in danger " +
			"right now, call 999. Childline is there for you any time on 0800 1111, and the call is free. " +
			"Out of office hours, call 01632 960599.",
	}
)

// addAuthority creates a local authority with the default settings, and
// its accounts.
func (s *seeder) addAuthority(ctx context.Context, a Authority, accounts []account) (*ent.LocalAuthority, error) {
	la, err := a.Create(s.tx.LocalAuthority).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: add %s: %w", a.Name, err)
	}
	if err := s.addAccounts(ctx, la, a.Domain, accounts); err != nil {
		return nil, err
	}
	return la, nil
}

// account is one demo sign-in. Staff also have the work contact details a
// child sees as "my IRO" or "my social worker".
type account struct {
	username, name string
	role           domain.Role
	work           *work // staff only
}

// work is how to reach a member of staff, and when they work (in words and
// as data, saying the same). Their work email is first.last at the
// authority's domain (workEmail).
type work struct {
	phone, pattern string
	reach          string
	hours          workhours.Week
}

// hours is a working week: the days given, from start to end ("HH:MM").
func hours(start, end string, days ...time.Weekday) workhours.Week {
	from, _ := workhours.ParseClock(start)
	to, _ := workhours.ParseClock(end)
	w := make(workhours.Week, len(days))
	for i, d := range days {
		w[i] = workhours.Day{Weekday: d, Start: from, End: to}
	}
	return w
}

var (
	monToThu = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}
	monToFri = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
)

var demoBoroughAccounts = []account{
	{username: "child.demo", name: "Jamie", role: domain.RoleChild},
	{username: "child2.demo", name: "Ava", role: domain.RoleChild},
	{username: "parent.demo", name: "Kerry Clarke", role: domain.RoleParent},
	{username: "iro.demo", name: "Priya Shah", role: domain.RoleIRO, work: &work{"01632 960121", "Monday to Thursday, 9am to 5pm",
		"Text or email me and I will get back to you within two working days.", hours("09:00", "17:00", monToThu...)}},
	{username: "chair.demo", name: "Daniel Okafor", role: domain.RoleCPChair, work: &work{"01632 960122", "Monday to Friday, 8.30am to 4.30pm",
		"Email is best. If it is urgent, call and leave a message and I will call you back the same day.", hours("08:30", "16:30", monToFri...)}},
	{username: "sw.demo", name: "Sam Patel", role: domain.RoleSocialWorker, work: &work{"01632 960123", "Monday to Friday, 9am to 5pm",
		"Call or text my work phone. If I am out on a visit, leave a message and I will call you back.", hours("09:00", "17:00", monToFri...)}},
	{username: "manager.demo", name: "Helen Brooks", role: domain.RoleManager, work: &work{"01632 960124", "Monday to Friday, 9am to 5pm",
		"Email me, or ask the duty team to pass on a message.", hours("09:00", "17:00", monToFri...)}},
	{username: "admin.demo", name: "Morgan Lee", role: domain.RoleAdmin, work: &work{"01632 960125", "Tuesday to Friday, 9am to 3pm",
		"Email me about accounts and sign-in problems.", hours("09:00", "15:00", monToFri[1:]...)}},
}

var otherShireAccounts = []account{
	{username: "iro.other", name: "Ruth Adeyemi", role: domain.RoleIRO, work: &work{"01632 960521", "Monday, Wednesday and Friday, 9am to 5pm",
		"Call or text me. I try to answer messages on the same day.", hours("09:00", "17:00", time.Monday, time.Wednesday, time.Friday)}},
	{username: "child.other", name: "Noah", role: domain.RoleChild},
}

// Usernames are the demo accounts' usernames. They sign in with Password,
// so a production server refuses to start while an enabled one still does.
func Usernames() []string {
	var names []string
	for _, a := range append(append([]account{}, demoBoroughAccounts...), otherShireAccounts...) {
		names = append(names, a.username)
	}
	return names
}

// workEmail is a member of staff's work email: "Priya Shah" at
// demo-borough.example.org is priya.shah@demo-borough.example.org.
func workEmail(name, domain string) string {
	return strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@" + domain
}

// addAccounts creates active accounts that sign in with the demo password.
func (s *seeder) addAccounts(ctx context.Context, la *ent.LocalAuthority, domain string, accounts []account) error {
	for _, a := range accounts {
		c := s.tx.User.Create().
			SetAuthorityID(la.ID).
			SetUsername(a.username).
			SetRole(a.role).
			SetDisplayName(a.name).
			SetPasswordHash(s.hash).
			SetActive(true)
		if w := a.work; w != nil {
			c.SetWorkEmail(workEmail(a.name, domain)).SetWorkPhone(w.phone).SetHowToReach(w.reach).SetWorkingPattern(w.pattern).
				SetWorkingHours(w.hours)
		}
		u, err := c.Save(ctx)
		if err != nil {
			return fmt.Errorf("demo: add account %s: %w", a.username, err)
		}
		s.users[a.username] = u
	}
	return nil
}
