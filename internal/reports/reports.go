// Package reports gathers, under the viewer's access rules, the records the
// annual figures are computed from, and computes them (internal/figures). A
// manager's figures cover the whole authority; an IRO's, CP Chair's or social
// worker's their own caseload, because that is what the rules let them read;
// anyone else's are all zero (access.MayReadFigures).
package reports

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/predicate"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/figures"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// maxPeriodYears bounds a period, so one request cannot ask for a century.
const maxPeriodYears = 5

// Figures computes the figures for from..to (inclusive), as they stand
// today in Europe/London (what is not yet due today is not late):
// authorityFigures.
func Figures(ctx context.Context, client *ent.Client, from, to civil.Date) (*figures.Figures, error) {
	return FiguresOn(ctx, client, from, to, civil.Today())
}

// FiguresOn computes the figures for from..to (inclusive) as they stand on
// today: a record or review not yet due that day is not late.
func FiguresOn(ctx context.Context, client *ent.Client, from, to, today civil.Date) (*figures.Figures, error) {
	if err := checkPeriod(from, to); err != nil {
		return nil, err
	}
	in, _, err := records(ctx, client, from, to)
	if err != nil {
		return nil, err
	}
	in.Today = today
	f := Compute(in, from, to)
	return &f, nil
}

// Compute is the one place records become figures: authorityFigures and
// `kite report` both count through it, so the API and the report never
// disagree.
func Compute(in *figures.Input, from, to civil.Date) figures.Figures {
	return figures.Compute(duedates.Calendar(), *in, from, to)
}

// checkPeriod refuses a period that runs backwards or is over five years.
func checkPeriod(from, to civil.Date) error {
	if to.Before(from) || from.AddYears(maxPeriodYears).Before(to) {
		return apierr.BadInput("to", "The period must run forwards and be at most five years long.")
	}
	return nil
}

// records gathers what the viewer may count for figures over from..to (the
// audit event names that span), and the viewer's authority when they may
// read it; all empty for a viewer with no figures.
func records(ctx context.Context, client *ent.Client, from, to civil.Date) (*figures.Input, *ent.LocalAuthority, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	if !access.MayReadFigures(v) {
		return &figures.Input{}, nil, nil // all zero for anyone with no figures
	}
	// Numbers only: one audit event for the period stands for every
	// record read to count them.
	ctx = audit.Aggregate(ctx, audit.Event{Action: audit.FiguresRead, EntityType: "figures",
		EntityID: from.String() + "/" + to.String()})
	return gather(ctx, client)
}

// gather reads every record the figures need that the viewer may see.
func gather(ctx context.Context, client *ent.Client) (*figures.Input, *ent.LocalAuthority, error) {
	in := &figures.Input{}
	la, err := client.LocalAuthority.Query().Only(ctx)
	if ent.IsNotFound(err) {
		return in, nil, nil // nothing visible
	}
	if err != nil {
		return nil, nil, fmt.Errorf("figures: authority: %w", err)
	}
	in.Settings = settings(la)
	children, err := client.Child.Query().WithIdentity().All(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("figures: children: %w", err)
	}
	for _, c := range children {
		fc := figures.Child{ID: string(c.ID)}
		if id := c.Edges.Identity; id != nil {
			fc.DateOfBirth, fc.ExpectedDateOfBirth = deref(id.DateOfBirth), deref(id.ExpectedDateOfBirth)
		}
		in.Children = append(in.Children, fc)
	}
	if err := gatherPlansAndMeetings(ctx, client, in); err != nil {
		return nil, nil, err
	}
	if err := gatherStaffAndAlerts(ctx, client, in); err != nil {
		return nil, nil, err
	}
	return in, la, nil
}

func gatherPlansAndMeetings(ctx context.Context, client *ent.Client, in *figures.Input) error {
	plans, err := client.Plan.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("figures: plans: %w", err)
	}
	for _, p := range plans {
		fp := figures.Plan{ID: string(p.ID), ChildID: string(p.ChildID), Kind: p.Kind, StartsOn: p.StartsOn,
			EndsOn: deref(p.EndsOn), StrategyDiscussionOn: deref(p.StrategyDiscussionOn)}
		if p.Category != nil {
			fp.Category = *p.Category
		}
		if p.EndReasonCode != nil {
			fp.EndReason = *p.EndReasonCode
		}
		in.Plans = append(in.Plans, fp)
	}
	// Only the columns the figures count: a large authority has over 100,000
	// meetings, and their texts (outcomes, attendees, reasons) were most of
	// the report's time.
	meetings, err := client.Meeting.Query().
		Select(meeting.FieldChildID, meeting.FieldKind, meeting.FieldStatus, meeting.FieldHeldOn, meeting.FieldDueBy,
			meeting.FieldOutlineSentOn, meeting.FieldRecordSentOn, meeting.FieldParticipationCode, meeting.FieldSittingID,
			meeting.FieldChildAttended).
		All(ctx)
	if err != nil {
		return fmt.Errorf("figures: meetings: %w", err)
	}
	withViews, err := client.Meeting.Query().Where(meeting.StatusEQ(domain.Held), viewsSent()).IDs(ctx)
	if err != nil {
		return fmt.Errorf("figures: meetings with views: %w", err)
	}
	sentFor := make(map[ident.ID]bool, len(withViews))
	for _, id := range withViews {
		sentFor[id] = true
	}
	for _, m := range meetings {
		fm := figures.Meeting{ChildID: string(m.ChildID), Kind: m.Kind, Status: m.Status, HeldOn: deref(m.HeldOn),
			DueBy: m.DueBy, OutlineSentOn: deref(m.OutlineSentOn), RecordSentOn: deref(m.RecordSentOn),
			ChildAttended: deref(m.ChildAttended), ViewsSent: sentFor[m.ID]}
		if m.ParticipationCode != nil {
			fm.ParticipationCode = *m.ParticipationCode
		}
		if m.SittingID != nil {
			fm.SittingID = string(*m.SittingID)
		}
		in.Meetings = append(in.Meetings, fm)
	}
	return nil
}

// viewsSent narrows meetings to those the child sent views for: a
// wishes-and-feelings form of the meeting's own child, sent (not a draft),
// linked to the meeting. It is an EXISTS over the submissions table inside
// the meeting query, so it reads no submission (no words, nothing a
// manager may not see) and counts only meetings the viewer's rules give
// them: the figures get a yes or no per meeting, and print numbers only.
func viewsSent() predicate.Meeting {
	return func(s *sql.Selector) {
		w := sql.Table(wishesandfeelings.Table)
		s.Where(sql.Exists(sql.Select(w.C(wishesandfeelings.FieldID)).From(w).Where(sql.And(
			sql.ColumnsEQ(w.C(wishesandfeelings.FieldMeetingID), s.C(meeting.FieldID)),
			sql.ColumnsEQ(w.C(wishesandfeelings.FieldChildID), s.C(meeting.FieldChildID)),
			sql.NEQ(w.C(wishesandfeelings.FieldStatus), string(domain.Draft))))))
	}
}

func gatherStaffAndAlerts(ctx context.Context, client *ent.Client, in *figures.Input) error {
	allocs, err := client.Allocation.Query().WithStaff().All(ctx)
	if err != nil {
		return fmt.Errorf("figures: allocations: %w", err)
	}
	staff := map[string]bool{}
	for _, a := range allocs {
		fa := figures.Allocation{StaffID: string(a.StaffID), ChildID: string(a.ChildID), Kind: a.Kind,
			StartsOn: a.StartsOn, EndsOn: deref(a.EndsOn)}
		if u := a.Edges.Staff; u != nil {
			fa.StaffName = u.DisplayName
			// Their working pattern, once each: an unrecorded full-time
			// equivalent is left out and counts as full time.
			if u.FullTimeEquivalent != nil && !staff[string(u.ID)] {
				in.Staff = append(in.Staff, figures.Staff{ID: string(u.ID), FullTimeEquivalent: *u.FullTimeEquivalent})
			}
			staff[string(u.ID)] = true
		}
		in.Allocations = append(in.Allocations, fa)
	}
	alerts, err := client.Alert.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("figures: alerts: %w", err)
	}
	for _, a := range alerts {
		in.Alerts = append(in.Alerts, figureAlert(a))
	}
	requests, err := client.AdvocacyRequest.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("figures: requests for an advocate: %w", err)
	}
	for _, r := range requests {
		in.AdvocacyRequests = append(in.AdvocacyRequests, figures.AdvocacyRequest{ChildID: string(r.ChildID),
			RequestedOn: civil.InLondon(r.RequestedAt), AcceptedOn: dayOf(r.AcceptedAt),
			ContactedOn: dayOf(r.ContactedAt), ClosedOn: dayOf(r.ClosedAt)})
	}
	return nil
}

// figureAlert is what the figures need of an alert: its level when raised
// (the first stage's), and each stage it reached with the day.
func figureAlert(a *ent.Alert) figures.Alert {
	fa := figures.Alert{Level: a.Level, Reason: a.Reason, RaisedOn: civil.InLondon(a.RaisedAt)}
	if a.RaisedByRole != nil {
		fa.RaisedBy = *a.RaisedByRole
	}
	for _, st := range domain.StageSteps(a.StageHistory, a.Stage, a.RaisedAt, a.ResponseDueBy) {
		fa.Stages = append(fa.Stages, figures.AlertStep{Stage: st.Stage, On: civil.InLondon(st.ReachedAt)})
	}
	fa.Level = fa.Stages[0].Stage.Level()
	return fa
}

// dayOf is the day (Europe/London) of a time that may be absent.
func dayOf(t *time.Time) civil.Date {
	if t == nil {
		return ""
	}
	return civil.InLondon(*t)
}

// settings are the authority's own choices the figures depend on.
func settings(la *ent.LocalAuthority) figures.Settings {
	s := figures.Settings{PN4CountsAsParticipation: la.Pn4CountsAsParticipation,
		OutlineWorkingDays: la.OutlinePlanWorkingDays, FullRecordWorkingDays: la.FullRecordWorkingDays}
	if la.ChildPopulation != nil {
		s.ChildPopulation = *la.ChildPopulation
	}
	return s
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
