package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/timescales"
)

// The demo's records, one builder a kind: each writes one row (and what
// belongs to it) inside Write's transaction.

// person is a child or unborn baby, their restricted identity, and the
// staff who work with them.
type person struct {
	preferred, pronouns, legalName string
	born, expected                 civil.Date // born, or for an unborn baby expected
	status                         domain.ChildStatus
	lookedAfter                    civil.Date // zero unless in care
	account                        string     // the child's own username; "" for none
	team                           []member
}

// member is a member of staff allocated to a child from a day on, with no
// end.
type member struct {
	kind     domain.AllocationKind
	username string
	from     civil.Date
}

// addChild creates a child, their ChildIdentity and their team.
func (s *seeder) addChild(ctx context.Context, la *ent.LocalAuthority, p person) (*ent.Child, error) {
	c := s.tx.Child.Create().SetAuthorityID(la.ID).
		SetPreferredName(p.preferred).SetPronouns(p.pronouns).SetStatus(p.status)
	if !p.lookedAfter.IsZero() {
		c.SetBecameLookedAfterOn(p.lookedAfter)
	}
	if p.account != "" {
		c.SetUserID(s.users[p.account].ID)
	}
	child, err := c.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: add child %s: %w", p.preferred, err)
	}
	id := s.tx.ChildIdentity.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetLegalName(p.legalName)
	if !p.born.IsZero() {
		id.SetDateOfBirth(p.born)
	}
	if !p.expected.IsZero() {
		id.SetExpectedDateOfBirth(p.expected)
	}
	if err := id.Exec(ctx); err != nil {
		return nil, fmt.Errorf("demo: add identity of %s: %w", p.preferred, err)
	}
	for _, m := range p.team {
		err := s.tx.Allocation.Create().SetAuthorityID(la.ID).SetChildID(child.ID).
			SetStaffID(s.users[m.username].ID).SetKind(m.kind).SetStartsOn(m.from).Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("demo: allocate %s to %s: %w", m.username, p.preferred, err)
		}
	}
	return child, nil
}

// planStart is what a plan records when it starts; category and strategy
// are for child protection plans only.
type planStart struct {
	kind     domain.PlanKind
	starts   civil.Date
	category domain.AbuseCategory
	strategy civil.Date
}

// addPlan creates a current plan (no end date) and publishes its versions,
// in order.
func (s *seeder) addPlan(ctx context.Context, c *ent.Child, p planStart, versions ...version) (*ent.Plan, error) {
	b := s.tx.Plan.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetKind(p.kind).SetStartsOn(p.starts)
	if p.category != "" {
		b.SetCategory(p.category)
	}
	if !p.strategy.IsZero() {
		b.SetStrategyDiscussionOn(p.strategy)
	}
	plan, err := b.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: add plan for %s: %w", c.PreferredName, err)
	}
	for i, v := range versions {
		if err := s.addVersion(ctx, plan, i+1, v); err != nil {
			return nil, err
		}
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
	parent              string // username of the parent who does it, if one does
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
	pv, err := s.tx.PlanVersion.Create().SetAuthorityID(p.AuthorityID).SetPlanID(p.ID).SetVersion(n).
		SetPublishedAt(v.published).SetPublishedByID(s.users[v.by].ID).
		SetWorries(v.formal.worries).SetGoingWell(v.formal.goingWell).SetNeedsToChange(v.formal.needsToChange).
		SetWorriesForChild(v.forChild.worries).SetGoingWellForChild(v.forChild.goingWell).
		SetNeedsToChangeForChild(v.forChild.needsToChange).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("demo: add plan version %d: %w", n, err)
	}
	rows := make([]*ent.PlanActionCreate, len(v.actions))
	for i, a := range v.actions {
		rows[i] = s.tx.PlanAction.Create().SetAuthorityID(p.AuthorityID).SetPlanVersionID(pv.ID).SetPosition(i).
			SetWhat(a.what).SetWhatForChild(a.forChild).SetWho(a.who).SetByWhen(a.by).SetStatus(a.status)
		if a.parent != "" {
			rows[i].SetForParentID(s.users[a.parent].ID)
		}
	}
	if err := s.tx.PlanAction.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("demo: add actions of plan version %d: %w", n, err)
	}
	return nil
}

// meeting is one review, conference or core group. The fields after venue
// are what the chair recorded, for a held meeting only.
type meeting struct {
	kind  domain.MeetingKind
	plan  *ent.Plan
	chair string // username
	when  dated
	held  bool
	venue string
	// withheldBecause is why the venue is kept from the family; empty
	// when it is not.
	withheldBecause string
	attendees       []string
	childAttended   *bool
	code            domain.ParticipationCode
	outcome         string
}

// recordWorkingDays is how soon after a demo meeting its full record goes
// out: well within the default of timescales.DefaultFullRecordWorkingDays.
const recordWorkingDays = 10

// addMeeting creates a meeting. A held one with an outcome has it published
// that evening; its outline plan and full record go out within the default
// timescales, unless that day is still to come.
func (s *seeder) addMeeting(ctx context.Context, c *ent.Child, m meeting) (*ent.Meeting, error) {
	b := s.tx.Meeting.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetPlanID(m.plan.ID).
		SetChairID(s.users[m.chair].ID).SetKind(m.kind).
		SetScheduledFor(at(m.when.on, 10)).SetDueBy(m.when.due).
		SetVenue(m.venue).SetVenueWithheldFromFamily(m.withheldBecause != "")
	if m.withheldBecause != "" {
		b.SetVenueWithheldReason(m.withheldBecause)
	}
	if m.held {
		b.SetStatus(domain.Held).SetHeldOn(m.when.on).
			SetAttendees(m.attendees).SetNillableChildAttended(m.childAttended)
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
		return nil, fmt.Errorf("demo: add %s for %s: %w", m.kind, c.PreferredName, err)
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
		return fmt.Errorf("demo: %s's answers do not fit form %s: %w", c.PreferredName, sub.form, err)
	}
	b := s.tx.WishesAndFeelings.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).
		SetFormTemplateID(t.ID).SetMeetingID(sub.meeting.ID).SetAnswers(sub.answers).
		SetShareWith(sub.share).SetHelpedBy(sub.helpedBy).SetStatus(sub.status).
		SetCreatedAt(sub.started).SetUpdatedAt(latest(sub.started, sub.sent, sub.readAt, sub.repliedAt))
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
		return fmt.Errorf("demo: add %s's submission: %w", c.PreferredName, err)
	}
	if sub.reply != "" {
		by := s.users[sub.readBy]
		err = s.tx.Reply.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetSubmissionID(saved.ID).
			SetAuthorID(by.ID).SetAuthorName(by.DisplayName).SetAuthorRole(by.Role).SetText(sub.reply).
			SetCreatedAt(sub.repliedAt).Exec(ctx)
		if err != nil {
			return fmt.Errorf("demo: add %s's reply: %w", c.PreferredName, err)
		}
	}
	if sub.readBy == "" {
		return nil
	}
	reader := s.users[sub.readBy]
	err = s.tx.ReadReceipt.Create().SetAuthorityID(c.AuthorityID).SetSubmissionID(saved.ID).
		SetReaderID(reader.ID).SetReaderName(reader.DisplayName).SetReaderRole(reader.Role).SetReadAt(sub.readAt).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: add read receipt: %w", err)
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

// latest is the latest of some instants (the zero time if all are zero).
func latest(ts ...time.Time) time.Time { return slices.MaxFunc(ts, time.Time.Compare) }

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
	yes = new(true)
	no  = new(false)
)
