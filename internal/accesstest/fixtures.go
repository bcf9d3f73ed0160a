package accesstest

import (
	"context"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/formtemplate"
	"kite/ent/meeting"
	"kite/ent/planaction"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/pictures/picturetest"
)

// Fixtures adds, to the demo data, the records docs/access.md's hard cases need:
// a second parent with and one without parental responsibility, an ended
// allocation, an urgent chair-only submission, a withheld one, pictures on
// each of these and on a draft, parent views, alerts with responses,
// break-glass grants (one current, one expired), an invitation, and
// notifications for a child, a parent, a chair, a manager and a member of
// staff of the other authority. Fixture accounts share child.demo's password.
func Fixtures(t testing.TB, client *ent.Client) {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	f := &fixtures{t: t, c: client, ctx: ctx, today: civil.Today()}
	f.add()
}

type fixtures struct {
	t     testing.TB
	c     *ent.Client
	ctx   context.Context
	today civil.Date
}

func (f *fixtures) user(name string) *ent.User {
	return f.c.User.Query().Where(user.Username(name)).OnlyX(f.ctx)
}

func (f *fixtures) child(name string) *ent.Child {
	return f.c.Child.Query().Where(child.PreferredName(name)).OnlyX(f.ctx)
}

func (f *fixtures) newUser(username string, role domain.Role, like *ent.User) *ent.User {
	return f.c.User.Create().SetAuthorityID(like.AuthorityID).SetRole(role).SetUsername(username).
		SetDisplayName("Fixture " + username).SetPasswordHash(like.PasswordHash).
		SetWorkEmail(username + "@example.org").SaveX(f.ctx)
}

func (f *fixtures) add() {
	jamie, ava, mia := f.child("Jamie"), f.child("Ava"), f.child("Mia")
	parent, manager, chair := f.user("parent.demo"), f.user("manager.demo"), f.user("chair.demo")
	childUser := f.user("child.demo")

	// A grandmother with parental responsibility for Ava, and a father without.
	gran := f.newUser("fixture.gran", domain.RoleParent, childUser)
	dad := f.newUser("fixture.dad", domain.RoleParent, childUser)
	f.link(gran, ava, "grandmother", true, false)
	f.link(dad, ava, "father", false, false)
	// Mia: parent.demo may not see her care plan, gran may.
	f.link(parent, mia, "aunt", true, false)
	f.link(gran, mia, "grandmother", true, true)

	// An IRO whose allocation to Jamie ended last month.
	oldIRO := f.newUser("fixture.oldiro", domain.RoleIRO, childUser)
	f.c.Allocation.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetStaffID(oldIRO.ID).
		SetKind(domain.AllocIRO).SetStartsOn(f.today.AddMonths(-12)).SetEndsOn(f.today.AddMonths(-1)).ExecX(f.ctx)

	older, younger := f.form(forms.ChildOlderKey), f.form(forms.ChildYoungerKey)
	answers := []forms.Answer{{QuestionKey: "worries", Value: "I need to talk to someone."}}
	// Jamie needs to talk today, and told only his IRO what about (and
	// drew it).
	f.attach(f.submission(jamie, older, domain.ChairOnly, true, false, answers))
	// Ava: one shared with everyone but withheld by the chair; one shared
	// with everyone and urgent; both with a picture.
	youngAnswers := []forms.Answer{{QuestionKey: "worries", Value: "Something at home."}}
	f.attach(f.submission(ava, younger, domain.EveryoneAtMeeting, false, true, youngAnswers))
	f.attach(f.submission(ava, younger, domain.EveryoneAtMeeting, true, false, youngAnswers))
	// Ava's draft with a picture: hers alone.
	draft := f.c.WishesAndFeelings.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).
		SetFormTemplateID(younger.ID).SetAnswers(youngAnswers).SaveX(f.ctx)
	f.attach(draft)

	parentForm := f.form(forms.ParentKey)
	for _, pv := range []struct {
		by     *ent.User
		status domain.SubmissionStatus
	}{{parent, domain.Submitted}, {gran, domain.Draft}} {
		b := f.c.ParentViews.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetParentID(pv.by.ID).
			SetFormTemplateID(parentForm.ID).SetAnswers([]forms.Answer{{QuestionKey: "going_well", Value: "Better mornings."}}).
			SetStatus(pv.status)
		if pv.status != domain.Draft {
			b.SetSubmittedAt(time.Now())
		}
		saved := b.SaveX(f.ctx)
		// The chair read the mother's views and replied: only she and Ava's
		// staff see the reply.
		if pv.status != domain.Draft {
			f.c.ReadReceipt.Create().SetAuthorityID(ava.AuthorityID).SetParentViewsID(saved.ID).SetReaderID(chair.ID).
				SetReaderName(chair.DisplayName).SetReaderRole(chair.Role).ExecX(f.ctx)
			f.c.Reply.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetParentViewsID(saved.ID).
				SetAuthorID(chair.ID).SetAuthorName(chair.DisplayName).SetAuthorRole(chair.Role).
				SetText("Thank you for your views.").ExecX(f.ctx)
		}
	}
	f.parentsAndMeetings(ava, gran, parentForm)
	f.letters(jamie, ava, chair)

	toManagers := f.c.Alert.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetRaisedByID(chair.ID).
		SetLevel(domain.InformalAlert).SetReason(domain.DriftOrDelay).SetAddressedTo(domain.RoleManager).
		SetResponseDueBy(f.today.AddDays(14)).SaveX(f.ctx)
	f.respond(toManagers, manager, "A manager is looking at it.")
	// An alert to Ava's social worker, with their response.
	sw := f.user("sw.demo")
	toSW := f.c.Alert.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetRaisedByID(chair.ID).
		SetLevel(domain.InformalAlert).SetReason(domain.DriftOrDelay).SetAddressedTo(domain.RoleSocialWorker).
		SetResponseDueBy(f.today.AddDays(14)).SaveX(f.ctx)
	f.respond(toSW, sw, "The visits are booked.")

	f.c.BreakGlassGrant.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetManagerID(manager.ID).
		SetReason("A safeguarding review of Ava's case.").SetExpiresAt(time.Now().Add(time.Hour)).ExecX(f.ctx)
	f.c.BreakGlassGrant.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetManagerID(manager.ID).
		SetReason("An old review of Jamie's case.").SetExpiresAt(time.Now().Add(-time.Hour)).ExecX(f.ctx)

	f.c.Invitation.Create().SetAuthorityID(jamie.AuthorityID).SetRole(domain.RoleParent).SetDisplayName("Invited Parent").
		SetRelationship("aunt").SetCodeHash("fixture-hash").SetExpiresAt(time.Now().Add(time.Hour)).
		SetCreatedByID(manager.ID).SetChildID(f.child("Leo").ID).ExecX(f.ctx)
	// A staff invitation, an admin's.
	admin := f.user("admin.demo")
	newIRO := f.c.User.Create().SetAuthorityID(admin.AuthorityID).SetRole(domain.RoleIRO).SetDisplayName("Invited IRO").SaveX(f.ctx)
	f.c.Invitation.Create().SetAuthorityID(admin.AuthorityID).SetRole(domain.RoleIRO).SetDisplayName("Invited IRO").
		SetCodeHash("fixture-hash-staff").SetExpiresAt(time.Now().Add(time.Hour)).
		SetCreatedByID(admin.ID).SetUserID(newIRO.ID).ExecX(f.ctx)

	for _, name := range []string{"child.demo", "parent.demo", "iro.demo", "manager.demo", "iro.other"} {
		u := f.user(name)
		f.c.Notice.Create().SetAuthorityID(u.AuthorityID).SetUserID(u.ID).SetKind(domain.NoticeReplyReceived).
			SetDedupeKey("fixture").ExecX(f.ctx)
	}
	// A manager of the other authority: sees and changes nothing of Demo
	// Borough's (help contacts, requests for an advocate).
	f.newUser("fixture.othermanager", domain.RoleManager, f.user("iro.other"))
	// The old IRO signs in through the provider; only an admin removes the link.
	f.c.IdentityLink.Create().SetAuthorityID(oldIRO.AuthorityID).SetUserID(oldIRO.ID).
		SetIssuer("https://login.example.org/" + string(oldIRO.AuthorityID)).SetSubject("fixture-old-iro").ExecX(f.ctx)
	// Each authority's identity provider for staff: an admin's alone.
	for _, la := range f.c.LocalAuthority.Query().AllX(f.ctx) {
		f.c.SignInProvider.Create().SetAuthorityID(la.ID).SetIssuer("https://login.example.org/" + string(la.ID)).
			SetClientID("kite").SetAllowedEmailDomains([]string{"example.org"}).ExecX(f.ctx)
	}
}

func (f *fixtures) respond(a *ent.Alert, by *ent.User, text string) {
	f.c.AlertResponse.Create().SetAuthorityID(a.AuthorityID).SetAlertID(a.ID).SetAuthorID(by.ID).
		SetAuthorName(by.DisplayName).SetAuthorRole(by.Role).SetText(text).ExecX(f.ctx)
}

func (f *fixtures) link(parent *ent.User, c *ent.Child, relationship string, pr, carePlan bool) {
	f.c.FamilyLink.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetParentID(parent.ID).
		SetRelationship(relationship).SetParentalResponsibility(pr).SetMayViewCarePlan(carePlan).ExecX(f.ctx)
}

func (f *fixtures) form(key string) *ent.FormTemplate {
	return f.c.FormTemplate.Query().Where(formtemplate.Key(key), formtemplate.AuthorityIDIsNil()).FirstX(f.ctx)
}

// submission adds a sent submission with a thread of two replies (the
// single reply field is the latest) by an IRO of the authority.
func (f *fixtures) submission(c *ent.Child, form *ent.FormTemplate, share domain.ShareWith, urgent, withheld bool, answers []forms.Answer) *ent.WishesAndFeelings {
	s := f.c.WishesAndFeelings.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetFormTemplateID(form.ID).
		SetAnswers(answers).SetShareWith(share).SetStatus(domain.Submitted).SetSubmittedAt(time.Now()).
		SetNeedsToTalkToday(urgent).SetWithheldFromFamily(withheld).SetReply("I will see you on Tuesday.").
		SaveX(f.ctx)
	by := f.user("iro.demo")
	for _, text := range []string{"Thank you for telling me.", "I will see you on Tuesday."} {
		f.c.Reply.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetSubmissionID(s.ID).
			SetAuthorID(by.ID).SetAuthorName(by.DisplayName).SetAuthorRole(by.Role).SetText(text).ExecX(f.ctx)
	}
	return s
}

// letters adds a letter sent to Ava by her chair and a draft to Jamie by
// his IRO, each after a meeting that was held.
func (f *fixtures) letters(jamie, ava *ent.Child, chair *ent.User) {
	iro := f.user("iro.demo")
	for _, l := range []struct {
		c    *ent.Child
		by   *ent.User
		sent bool
	}{{ava, chair, true}, {jamie, iro, false}} {
		m := f.c.Meeting.Query().Where(meeting.ChildID(l.c.ID), meeting.StatusEQ(domain.Held)).FirstX(f.ctx)
		b := f.c.Letter.Create().SetAuthorityID(l.c.AuthorityID).SetChildID(l.c.ID).SetMeetingID(m.ID).
			SetAuthorID(l.by.ID).SetAuthorName(l.by.DisplayName).SetAuthorRole(l.by.Role).SetText("Dear " + l.c.PreferredName)
		if l.sent {
			b.SetPublishedAt(time.Now())
		}
		b.ExecX(f.ctx)
	}
}

// attach adds a small drawing to a submission.
func (f *fixtures) attach(s *ent.WishesAndFeelings) {
	data := picturetest.PNG(picturetest.Halves(4, 4))
	f.c.Attachment.Create().SetAuthorityID(s.AuthorityID).SetChildID(s.ChildID).SetSubmissionID(s.ID).
		SetPosition(1).SetContentType("image/png").SetData(data).SetByteSize(len(data)).SetWidth(4).SetHeight(4).
		ExecX(f.ctx)
}

// parentsAndMeetings adds what the rules about parents' needs, venues and
// plan actions need: the grandmother's views for Ava's next review
// conference, asking for an interpreter (the mother's, from the demo, ask
// for a supporter); one of Ava's core groups held at a venue withheld from
// the family, with the reason; and the mother's note on marking one of her
// actions done.
func (f *fixtures) parentsAndMeetings(ava *ent.Child, gran *ent.User, parentForm *ent.FormTemplate) {
	next := f.c.Meeting.Query().Where(meeting.ChildID(ava.ID), meeting.KindEQ(domain.ReviewCPConference),
		meeting.StatusEQ(domain.Scheduled)).FirstX(f.ctx)
	f.c.ParentViews.Create().SetAuthorityID(ava.AuthorityID).SetChildID(ava.ID).SetParentID(gran.ID).
		SetFormTemplateID(parentForm.ID).SetMeetingID(next.ID).SetStatus(domain.Submitted).SetSubmittedAt(time.Now()).
		SetAnswers([]forms.Answer{{QuestionKey: "can_attend", Value: "yes"}, {QuestionKey: "interpreter", Value: "yes"},
			{QuestionKey: "interpreter_language", Value: "Polish"}}).
		ExecX(f.ctx)
	held := f.c.Meeting.Query().Where(meeting.ChildID(ava.ID), meeting.KindEQ(domain.CoreGroup),
		meeting.StatusEQ(domain.Held)).Order(meeting.ByHeldOn()).FirstX(f.ctx)
	f.c.Meeting.UpdateOne(held).SetVenueWithheldFromFamily(true).
		SetVenueWithheldReason("Held at a family centre whose address is not given to families.").ExecX(f.ctx)
	mine := f.c.PlanAction.Query().Where(planaction.ForParentIDNotNil()).Order(planaction.ByPosition()).FirstX(f.ctx)
	f.c.PlanAction.UpdateOne(mine).SetDoneMarkedAt(time.Now()).SetDoneNote("The dentist is booked for Tuesday.").ExecX(f.ctx)
}
