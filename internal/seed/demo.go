package seed

import (
	"context"
	"errors"
	"fmt"
	"time"

	"kite/ent"
	"kite/ent/formtemplate"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/timescales"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// DemoPassword is the password of every demo account (docs/api.md).
const DemoPassword = "kite-demo-password"

// DemoOptions are what Demo needs from its caller.
type DemoOptions struct {
	// Today is the day every demo date is worked out from, normally
	// civil.Today().
	Today civil.Date
	// PasswordHash is the argon2id hash of DemoPassword. The caller hashes it
	// once, so the seed does not depend on the hashing settings.
	PasswordHash string
}

// Demo writes the demo data of docs/api.md ("Demo data"): the authorities
// "Demo Borough" and "Other Shire", their accounts, children, plans,
// meetings and submissions, with every date relative to opts.Today. It first
// adds any missing reference data itself (see ReferenceData), because the
// demo's submissions answer the default forms.
//
// Everything is written in one transaction: on any error nothing is left.
// Demo expects an empty database; the caller checks that with IsEmpty and
// refuses otherwise (on a database that already has the demo, the unique
// usernames would make Demo fail and write nothing).
func Demo(ctx context.Context, client *ent.Client, opts DemoOptions) error {
	// System code: the demo data is written before anyone signs in, and
	// creates accounts and records that no viewer may create.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	if opts.Today.IsZero() {
		return errors.New("seed: the demo needs a day to count from")
	}
	if opts.PasswordHash == "" {
		return errors.New("seed: the demo needs the hash of the demo password")
	}
	return txn.Run(ctx, client, func(tx *ent.Tx) error {
		if err := referenceData(ctx, tx.Client()); err != nil {
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

// seeder writes the demo data inside Demo's transaction.
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
		if err := s.loadForm(ctx, key); err != nil {
			return err
		}
	}
	demo, err := s.addAuthority(ctx, demoBorough)
	if err != nil {
		return err
	}
	other, err := s.addAuthority(ctx, otherShire)
	if err != nil {
		return err
	}
	if err := s.addAccounts(ctx, demo, demoBoroughAccounts); err != nil {
		return err
	}
	if err := s.addAccounts(ctx, other, otherShireAccounts); err != nil {
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
	return nil
}

// loadForm finds the latest global template of a form, which the demo's
// submissions answer.
func (s *seeder) loadForm(ctx context.Context, key string) error {
	t, err := s.tx.FormTemplate.Query().
		Where(formtemplate.AuthorityIDIsNil(), formtemplate.Key(key)).
		Order(ent.Desc(formtemplate.FieldVersion)).
		First(ctx)
	if err != nil {
		return fmt.Errorf("seed: find form %s: %w", key, err)
	}
	s.forms[key] = t
	return nil
}

// authority is a local authority's name and contact details.
type authority struct {
	name, domain                             string // domain: its fictional email domain
	phone, outOfHours                        string
	advocacy, advocacyPhone, complaintsPhone string
	urgentHelp                               string
}

// The demo's phone numbers are in Ofcom's range for drama (01632 960000 to
// 960999), and its email addresses under example.org, so none reaches a real
// person. Childline's number is real, because a child may really need it.
var (
	demoBorough = authority{
		name: "Demo Borough", domain: "demo-borough.example.org",
		phone: "01632 960100", outOfHours: "01632 960199",
		advocacy: "Demo Borough Children's Advocacy Service", advocacyPhone: "01632 960150",
		complaintsPhone: "01632 960160",
		urgentHelp: "Thank you for telling us. Someone from the children's team will try to get in touch " +
			"with you today. If you feel unsafe right now, call 999. You can talk to Childline at any time, " +
			"day or night, for free on 0800 1111. When our office is closed, you can call our out-of-hours " +
			"team on 01632 960199.",
	}
	otherShire = authority{
		name: "Other Shire", domain: "other-shire.example.org",
		phone: "01632 960500", outOfHours: "01632 960599",
		advocacy: "Other Shire Young People's Advocacy", advocacyPhone: "01632 960550",
		complaintsPhone: "01632 960560",
		urgentHelp: "Thank you for letting us know. We will try to contact you today. If you are in danger " +
			"right now, call 999. Childline is there for you any time on 0800 1111, and the call is free. " +
			"Out of office hours, call 01632 960599.",
	}
)

// addAuthority creates a local authority with the default settings.
func (s *seeder) addAuthority(ctx context.Context, a authority) (*ent.LocalAuthority, error) {
	la, err := s.tx.LocalAuthority.Create().
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
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: add %s: %w", a.name, err)
	}
	return la, nil
}

// account is one demo sign-in. Staff also have the work contact details a
// child sees as "my IRO" or "my social worker".
type account struct {
	username, name string
	role           viewer.Role
	email, phone   string // staff only
	reach, pattern string // staff only
}

var demoBoroughAccounts = []account{
	{username: "child.demo", name: "Jamie", role: viewer.Child},
	{username: "child2.demo", name: "Ava", role: viewer.Child},
	{username: "parent.demo", name: "Kerry Clarke", role: viewer.Parent},
	{username: "iro.demo", name: "Priya Shah", role: viewer.IRO,
		email: "priya.shah@demo-borough.example.org", phone: "01632 960121",
		reach:   "Text or email me and I will get back to you within two working days.",
		pattern: "Monday to Thursday, 9am to 5pm"},
	{username: "chair.demo", name: "Daniel Okafor", role: viewer.CPChair,
		email: "daniel.okafor@demo-borough.example.org", phone: "01632 960122",
		reach:   "Email is best. If it is urgent, call and leave a message and I will call you back the same day.",
		pattern: "Monday to Friday, 8.30am to 4.30pm"},
	{username: "sw.demo", name: "Sam Patel", role: viewer.SocialWorker,
		email: "sam.patel@demo-borough.example.org", phone: "01632 960123",
		reach:   "Call or text my work phone. If I am out on a visit, leave a message and I will call you back.",
		pattern: "Monday to Friday, 9am to 5pm"},
	{username: "manager.demo", name: "Helen Brooks", role: viewer.Manager,
		email: "helen.brooks@demo-borough.example.org", phone: "01632 960124",
		reach:   "Email me, or ask the duty team to pass on a message.",
		pattern: "Monday to Friday, 9am to 5pm"},
	{username: "admin.demo", name: "Morgan Lee", role: viewer.Admin,
		email: "morgan.lee@demo-borough.example.org", phone: "01632 960125",
		reach:   "Email me about accounts and sign-in problems.",
		pattern: "Tuesday to Friday, 9am to 3pm"},
}

var otherShireAccounts = []account{
	{username: "iro.other", name: "Ruth Adeyemi", role: viewer.IRO,
		email: "ruth.adeyemi@other-shire.example.org", phone: "01632 960521",
		reach:   "Call or text me. I try to answer messages on the same day.",
		pattern: "Monday, Wednesday and Friday, 9am to 5pm"},
	{username: "child.other", name: "Noah", role: viewer.Child},
}

// DemoUsernames are the demo accounts' usernames. They sign in with
// DemoPassword, so a production server refuses to start while an enabled
// one still does.
func DemoUsernames() []string {
	var names []string
	for _, a := range append(append([]account{}, demoBoroughAccounts...), otherShireAccounts...) {
		names = append(names, a.username)
	}
	return names
}

// addAccounts creates active accounts that sign in with the demo password.
func (s *seeder) addAccounts(ctx context.Context, la *ent.LocalAuthority, accounts []account) error {
	for _, a := range accounts {
		c := s.tx.User.Create().
			SetAuthorityID(la.ID).
			SetUsername(a.username).
			SetRole(a.role).
			SetDisplayName(a.name).
			SetPasswordHash(s.hash).
			SetActive(true)
		if a.email != "" {
			c.SetWorkEmail(a.email).SetWorkPhone(a.phone).SetHowToReach(a.reach).SetWorkingPattern(a.pattern)
		}
		u, err := c.Save(ctx)
		if err != nil {
			return fmt.Errorf("seed: add account %s: %w", a.username, err)
		}
		s.users[a.username] = u
	}
	return nil
}

// person is a child or unborn baby, and their restricted identity.
type person struct {
	preferred, pronouns, legalName string
	born, expected                 civil.Date // born, or for an unborn baby expected
	status                         domain.ChildStatus
	lookedAfter                    civil.Date // zero unless in care
	account                        string     // the child's own username; "" for none
}

// addChild creates a child and their ChildIdentity.
func (s *seeder) addChild(ctx context.Context, la *ent.LocalAuthority, p person) (*ent.Child, error) {
	c := s.tx.Child.Create().
		SetAuthorityID(la.ID).
		SetPreferredName(p.preferred).
		SetPronouns(p.pronouns).
		SetStatus(p.status)
	if !p.lookedAfter.IsZero() {
		c.SetBecameLookedAfterOn(p.lookedAfter)
	}
	if p.account != "" {
		c.SetUserID(s.users[p.account].ID)
	}
	child, err := c.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: add child %s: %w", p.preferred, err)
	}
	id := s.tx.ChildIdentity.Create().
		SetAuthorityID(la.ID).
		SetChildID(child.ID).
		SetLegalName(p.legalName)
	if !p.born.IsZero() {
		id.SetDateOfBirth(p.born)
	}
	if !p.expected.IsZero() {
		id.SetExpectedDateOfBirth(p.expected)
	}
	if err := id.Exec(ctx); err != nil {
		return nil, fmt.Errorf("seed: add identity of %s: %w", p.preferred, err)
	}
	return child, nil
}

// allocate makes a member of staff part of a child's team from a day on,
// with no end.
func (s *seeder) allocate(ctx context.Context, c *ent.Child, kind domain.AllocationKind, username string, from civil.Date) error {
	err := s.tx.Allocation.Create().
		SetAuthorityID(c.AuthorityID).
		SetChildID(c.ID).
		SetStaffID(s.users[username].ID).
		SetKind(kind).
		SetStartsOn(from).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("seed: allocate %s to %s: %w", username, c.PreferredName, err)
	}
	return nil
}

// planStart is what a plan records when it starts; category and strategy
// are for child protection plans only.
type planStart struct {
	kind     domain.PlanKind
	starts   civil.Date
	category domain.AbuseCategory
	strategy civil.Date
}

// addPlan creates a current plan (no end date).
func (s *seeder) addPlan(ctx context.Context, c *ent.Child, p planStart) (*ent.Plan, error) {
	b := s.tx.Plan.Create().
		SetAuthorityID(c.AuthorityID).
		SetChildID(c.ID).
		SetKind(p.kind).
		SetStartsOn(p.starts)
	if p.category != "" {
		b.SetCategory(p.category)
	}
	if !p.strategy.IsZero() {
		b.SetStrategyDiscussionOn(p.strategy)
	}
	plan, err := b.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: add plan for %s: %w", c.PreferredName, err)
	}
	return plan, nil
}

// wording is the three parts of a plan, in one voice.
type wording struct {
	worries, goingWell, needsToChange string
}

// action is one line of a plan.
type action struct {
	what, forChild, who string
	by                  civil.Date
	status              domain.ActionStatus
}

// version is one published version of a plan.
type version struct {
	formal, forChild wording
	published        time.Time
	by               string // username of who published it
	actions          []action
}

// addVersion publishes version n of a plan with its actions, in order.
func (s *seeder) addVersion(ctx context.Context, p *ent.Plan, n int, v version) error {
	pv, err := s.tx.PlanVersion.Create().
		SetAuthorityID(p.AuthorityID).
		SetPlanID(p.ID).
		SetVersion(n).
		SetPublishedAt(v.published).
		SetPublishedByID(s.users[v.by].ID).
		SetWorries(v.formal.worries).
		SetGoingWell(v.formal.goingWell).
		SetNeedsToChange(v.formal.needsToChange).
		SetWorriesForChild(v.forChild.worries).
		SetGoingWellForChild(v.forChild.goingWell).
		SetNeedsToChangeForChild(v.forChild.needsToChange).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("seed: add plan version %d: %w", n, err)
	}
	rows := make([]*ent.PlanActionCreate, len(v.actions))
	for i, a := range v.actions {
		rows[i] = s.tx.PlanAction.Create().
			SetAuthorityID(p.AuthorityID).
			SetPlanVersionID(pv.ID).
			SetPosition(i).
			SetWhat(a.what).
			SetWhatForChild(a.forChild).
			SetWho(a.who).
			SetByWhen(a.by).
			SetStatus(a.status)
	}
	if err := s.tx.PlanAction.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("seed: add actions of plan version %d: %w", n, err)
	}
	return nil
}

// meeting is one review, conference or core group. The fields after venue
// are what the chair recorded, for a held meeting only.
type meeting struct {
	kind          domain.MeetingKind
	plan          *ent.Plan
	chair         string // username
	when          dated
	held          bool
	venue         string
	venueWithheld bool
	attendees     []string
	childAttended *bool
	code          domain.ParticipationCode
	outcome       string
}

// recordWorkingDays is how soon after a demo meeting its full record goes
// out: well within the default of timescales.DefaultFullRecordWorkingDays.
const recordWorkingDays = 10

// addMeeting creates a meeting. A held one with an outcome has it published
// that evening; its outline plan and full record go out within the default
// timescales, unless that day is still to come.
func (s *seeder) addMeeting(ctx context.Context, c *ent.Child, m meeting) (*ent.Meeting, error) {
	b := s.tx.Meeting.Create().
		SetAuthorityID(c.AuthorityID).
		SetChildID(c.ID).
		SetPlanID(m.plan.ID).
		SetChairID(s.users[m.chair].ID).
		SetKind(m.kind).
		SetScheduledFor(at(m.when.on, 10)).
		SetDueBy(m.when.due).
		SetVenue(m.venue).
		SetVenueWithheldFromFamily(m.venueWithheld)
	if m.held {
		b.SetStatus(domain.Held).
			SetHeldOn(m.when.on).
			SetAttendees(m.attendees).
			SetNillableChildAttended(m.childAttended)
		if m.code != "" {
			b.SetParticipationCode(m.code)
		}
		if m.outcome != "" {
			b.SetOutcomeSummary(m.outcome).SetOutcomePublishedAt(at(m.when.on, 17))
		}
		if d := s.workingDaysAfter(m.when.on, timescales.DefaultOutlinePlanWorkingDays); !d.After(s.today) {
			b.SetOutlineSentOn(d)
		}
		if d := s.workingDaysAfter(m.when.on, recordWorkingDays); !d.After(s.today) {
			b.SetRecordSentOn(d)
		}
	} else {
		b.SetStatus(domain.Scheduled)
	}
	saved, err := b.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: add %s for %s: %w", m.kind, c.PreferredName, err)
	}
	return saved, nil
}

// submission is a child's wishes and feelings.
type submission struct {
	form     string // template key
	meeting  *ent.Meeting
	answers  []forms.Answer
	share    domain.ShareWith
	helpedBy domain.HelpedBy
	status   domain.SubmissionStatus
	started  time.Time
	sent     time.Time // zero for a draft
	key      string    // idempotency key; "" for a draft
	// Read and answered by (username), for READ and RESPONDED.
	readBy    string
	readAt    time.Time
	reply     string
	repliedAt time.Time
}

// addSubmission checks the answers against the form, as the API would, and
// stores the submission with its read receipt.
func (s *seeder) addSubmission(ctx context.Context, c *ent.Child, sub submission) error {
	t := s.forms[sub.form]
	check := forms.Validate
	if sub.status == domain.Draft {
		check = forms.ValidateDraft
	}
	if err := check(formtemplates.FromRow(t), sub.answers); err != nil {
		return fmt.Errorf("seed: %s's answers do not fit form %s: %w", c.PreferredName, sub.form, err)
	}
	b := s.tx.WishesAndFeelings.Create().
		SetAuthorityID(c.AuthorityID).
		SetChildID(c.ID).
		SetFormTemplateID(t.ID).
		SetMeetingID(sub.meeting.ID).
		SetAnswers(sub.answers).
		SetShareWith(sub.share).
		SetHelpedBy(sub.helpedBy).
		SetStatus(sub.status).
		SetCreatedAt(sub.started).
		SetUpdatedAt(latest(sub.started, sub.sent, sub.readAt, sub.repliedAt))
	if !sub.sent.IsZero() {
		b.SetSubmittedAt(sub.sent).SetIdempotencyKey(sub.key)
	}
	if sub.readBy != "" {
		b.SetFirstReadAt(sub.readAt)
	}
	if sub.reply != "" {
		b.SetReply(sub.reply).SetRespondedAt(sub.repliedAt).SetRepliedByID(s.users[sub.readBy].ID)
	}
	saved, err := b.Save(ctx)
	if err != nil {
		return fmt.Errorf("seed: add %s's submission: %w", c.PreferredName, err)
	}
	if sub.readBy == "" {
		return nil
	}
	err = s.tx.ReadReceipt.Create().
		SetAuthorityID(c.AuthorityID).
		SetSubmissionID(saved.ID).
		SetReaderID(s.users[sub.readBy].ID).
		SetReaderName(s.users[sub.readBy].DisplayName).
		SetReaderRole(s.users[sub.readBy].Role).
		SetReadAt(sub.readAt).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("seed: add read receipt: %w", err)
	}
	return nil
}

// workingDaysAfter is the n-th working day after d.
func (s *seeder) workingDaysAfter(d civil.Date, n int) civil.Date {
	return timescales.DueAfterWorkingDays(s.cal, d, n)
}

// at is hour o'clock on day d in Europe/London, as a UTC instant.
func at(d civil.Date, hour int) time.Time {
	y, m, day := d.YMD()
	return time.Date(y, m, day, hour, 0, 0, 0, civil.London).UTC()
}

// latest is the latest of some instants.
func latest(ts ...time.Time) time.Time {
	var out time.Time
	for _, t := range ts {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// answers pairs question keys with values: answers("overall", "4", …).
func answers(pairs ...string) []forms.Answer {
	out := make([]forms.Answer, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, forms.Answer{QuestionKey: pairs[i], Value: pairs[i+1]})
	}
	return out
}

// yes and no are for a meeting's child_attended.
var (
	yes = ptr(true)
	no  = ptr(false)
)

func ptr[T any](v T) *T { return &v }
