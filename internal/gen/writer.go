package gen

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kite/ent"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/progress"
	"kite/internal/refdata"
)

// Writing: every row, in batches of multi-row INSERTs.

// write stores everything, parents before children.
func (g *generator) write(ctx context.Context, c *ent.Client) error {
	a := g.authority
	err := a.Create(c.LocalAuthority).
		SetID(g.laID).
		SetChildPopulation(g.n * 90). // about 110 children in care or on a plan per 10,000
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("gen: add %s: %w", a.Name, err)
	}
	// Its advocacy service and complaints contact, from its record.
	if err := refdata.AddHelpContacts(ctx, c); err != nil {
		return err
	}
	w := creates{c: c, la: g.laID, hash: g.hash}
	for _, step := range []func() error{
		func() error { return insert(ctx, "accounts", g.users, w.user, c.User.CreateBulk) },
		func() error { return insert(ctx, "children", g.children, w.child, c.Child.CreateBulk) },
		func() error {
			return insert(ctx, "child identities", g.children, w.identity, c.ChildIdentity.CreateBulk)
		},
		func() error { return insert(ctx, "allocations", g.allocs, w.allocation, c.Allocation.CreateBulk) },
		func() error { return insert(ctx, "family links", g.links, w.link, c.FamilyLink.CreateBulk) },
		func() error { return insert(ctx, "plans", g.plans, w.plan, c.Plan.CreateBulk) },
		func() error { return insert(ctx, "plan versions", g.versions, w.version, c.PlanVersion.CreateBulk) },
		func() error { return insert(ctx, "plan actions", g.actions, w.action, c.PlanAction.CreateBulk) },
		func() error { return insert(ctx, "meetings", g.meetings, w.meeting, c.Meeting.CreateBulk) },
		func() error { return insert(ctx, "submissions", g.subs, w.submission, c.WishesAndFeelings.CreateBulk) },
		func() error { return insert(ctx, "read receipts", g.receipts, w.receipt, c.ReadReceipt.CreateBulk) },
		func() error { return insert(ctx, "replies", replied(g.subs), w.reply, c.Reply.CreateBulk) },
		func() error { return insert(ctx, "alerts", g.alerts, w.alert, c.Alert.CreateBulk) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// insert writes rows in batches of batchSize, each one multi-row INSERT:
// build makes one row's create, and bulk (the ent client's CreateBulk)
// puts a batch of them into one statement.
func insert[R, B any, E interface{ Exec(context.Context) error }](ctx context.Context, what string, rows []R, build func(*R) B, bulk func(...B) E) error {
	meter := progress.From(ctx)
	for start := 0; start < len(rows); start += batchSize {
		end := min(start+batchSize, len(rows))
		meter.Show("gen: writing %s %d/%d", what, end, len(rows))
		batch := make([]B, 0, end-start)
		for i := start; i < end; i++ {
			batch = append(batch, build(&rows[i]))
		}
		if err := bulk(batch...).Exec(ctx); err != nil {
			return fmt.Errorf("gen: add %s: %w", what, err)
		}
	}
	return nil
}

// creates makes the create of each kind of row, in the generated authority
// la; every account signs in with hash.
type creates struct {
	c    *ent.Client
	la   ident.ID
	hash string
}

func (w creates) user(u **genUser) *ent.UserCreate {
	v := *u
	b := w.c.User.Create().SetID(v.id).SetAuthorityID(w.la).SetRole(v.role).
		SetUsername(v.username).SetPasswordHash(w.hash).SetDisplayName(v.name).SetActive(true).
		SetCreatedAt(v.created).SetUpdatedAt(v.created)
	if v.email != "" {
		b.SetWorkEmail(v.email).SetWorkPhone(v.phone).SetHowToReach(v.reach).SetWorkingPattern(v.pattern)
	}
	if v.fte > 0 {
		b.SetFullTimeEquivalent(v.fte)
	}
	return b
}

func (w creates) child(cp **genChild) *ent.ChildCreate {
	v := *cp
	b := w.c.Child.Create().SetID(v.id).SetAuthorityID(w.la).SetPreferredName(v.preferred).
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
}

func (w creates) identity(cp **genChild) *ent.ChildIdentityCreate {
	v := *cp
	b := w.c.ChildIdentity.Create().SetID(v.identityID).SetAuthorityID(w.la).SetChildID(v.id).
		SetLegalName(v.legal).SetCreatedAt(v.created).SetUpdatedAt(v.created)
	if !v.born.IsZero() {
		b.SetDateOfBirth(v.born)
	} else {
		b.SetExpectedDateOfBirth(v.expected)
	}
	return b
}

func (w creates) allocation(v *genAlloc) *ent.AllocationCreate {
	t := atHM(v.starts, 9, 0)
	b := w.c.Allocation.Create().SetID(v.id).SetAuthorityID(w.la).SetKind(v.kind).
		SetChildID(v.child).SetStaffID(v.staff).SetStartsOn(v.starts).
		SetCreatedAt(t).SetUpdatedAt(t)
	if !v.end.IsZero() {
		b.SetEndsOn(v.end).SetUpdatedAt(atHM(v.end, 17, 0))
	}
	return b
}

func (w creates) link(v *genLink) *ent.FamilyLinkCreate {
	return w.c.FamilyLink.Create().SetID(v.id).SetAuthorityID(w.la).SetChildID(v.child).
		SetParentID(v.parent).SetRelationship(v.relationship).
		SetParentalResponsibility(true).SetMayViewCarePlan(v.mayViewCarePlan).
		SetActive(true).SetCreatedAt(v.created).SetUpdatedAt(v.created)
}

func (w creates) plan(v *genPlan) *ent.PlanCreate {
	b := w.c.Plan.Create().SetID(v.id).SetAuthorityID(w.la).SetChildID(v.child).SetKind(v.kind).
		SetStartsOn(v.starts).SetCreatedAt(v.created).SetUpdatedAt(v.modified)
	if !v.ends.IsZero() {
		b.SetEndsOn(v.ends).SetEndReason(v.endReason).SetEndReasonCode(endCode(v.endReason))
	}
	if v.category != "" {
		b.SetCategory(v.category).SetStrategyDiscussionOn(v.strategy)
	}
	return b
}

func (w creates) version(v *genVersion) *ent.PlanVersionCreate {
	return w.c.PlanVersion.Create().SetID(v.id).SetAuthorityID(w.la).SetPlanID(v.plan).SetVersion(v.n).
		SetPublishedAt(v.published).SetPublishedByID(v.by).
		SetWorries(v.formal.worries).SetGoingWell(v.formal.goingWell).SetNeedsToChange(v.formal.needsToChange).
		SetWorriesForChild(v.forChild.worries).SetGoingWellForChild(v.forChild.goingWell).
		SetNeedsToChangeForChild(v.forChild.needsToChange).
		SetCreatedAt(v.created).SetUpdatedAt(v.modified)
}

func (w creates) action(v *genAction) *ent.PlanActionCreate {
	return w.c.PlanAction.Create().SetID(v.id).SetAuthorityID(w.la).SetPlanVersionID(v.version).
		SetPosition(v.position).SetWhat(v.what).SetWhatForChild(v.forChild).SetWho(v.who).
		SetByWhen(v.by).SetStatus(v.status).SetCreatedAt(v.created).SetUpdatedAt(v.created)
}

func (w creates) meeting(v *genMeeting) *ent.MeetingCreate {
	b := w.c.Meeting.Create().SetID(v.id).SetAuthorityID(w.la).SetChildID(v.child).SetPlanID(v.plan).
		SetChairID(v.chair).SetKind(v.kind).SetStatus(v.status).SetScheduledFor(v.scheduled).
		SetVenue(v.venue).SetVenueWithheldFromFamily(v.withheld).SetDueBy(v.due).
		SetCreatedAt(v.created).SetUpdatedAt(v.modified)
	if v.changeReason != "" {
		b.SetChangeReason(v.changeReason)
	}
	if v.withheld {
		b.SetVenueWithheldReason(v.withheldWhy)
	}
	if v.sitting != "" {
		b.SetSittingID(v.sitting)
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
}

func (w creates) submission(v *genSubmission) *ent.WishesAndFeelingsCreate {
	b := w.c.WishesAndFeelings.Create().SetID(v.id).SetAuthorityID(w.la).SetChildID(v.child).
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
}

func (w creates) receipt(v *genReceipt) *ent.ReadReceiptCreate {
	return w.c.ReadReceipt.Create().SetID(v.id).SetAuthorityID(w.la).SetSubmissionID(v.submission).
		SetReaderID(v.reader).SetReaderName(v.name).SetReaderRole(v.role).SetReadAt(v.at)
}

// replied are the submissions with a reply: each reply is the first of its
// thread.
func replied(subs []genSubmission) []genSubmission {
	var out []genSubmission
	for _, s := range subs {
		if s.reply != "" {
			out = append(out, s)
		}
	}
	return out
}

func (w creates) reply(v *genSubmission) *ent.ReplyCreate {
	return w.c.Reply.Create().SetID(ident.New("rpl")).SetAuthorityID(w.la).SetChildID(v.child).SetSubmissionID(v.id).
		SetAuthorID(v.repliedBy).SetAuthorName(v.replyBy.name).SetAuthorRole(v.replyBy.role).
		SetText(v.reply).SetCreatedAt(v.rep)
}

// latest is the latest of some instants (the zero time if all are zero).
func latest(ts ...time.Time) time.Time { return slices.MaxFunc(ts, time.Time.Compare) }

// endCodes are the end reason codes of the generated end reasons (texts.go
// and episodes.go); a reason not listed is OTHER, its words the note.
var endCodes = map[string]domain.PlanEndReason{
	"Returned home to live with family.":                                      domain.EndReturnedHome,
	"A special guardianship order was made: the child lives with a relative.": domain.EndSpecialGuardianship,
	"An adoption order was made.":                                             domain.EndAdoption,
	"The child became looked after, so the child protection plan ended.":      domain.EndCameIntoCare,
	"The family moved to another local authority, which took over the plan.":  domain.EndMovedAuthority,
	cpClosedReasons[0]: domain.EndSteppedDownToCIN,
	cpClosedReasons[1]: domain.EndNoFurtherAction,
}

func endCode(words string) domain.PlanEndReason {
	if code, ok := endCodes[words]; ok {
		return code
	}
	return domain.EndOther
}
