// Package dashboard works out what people read about a child: their current
// plans, who their chair and social worker are and how to reach them, their
// upcoming meetings and the next statutory meeting due. Everything is read
// through ent with the viewer's context, so the access rules apply to every
// row; this package only derives.
package dashboard

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/childidentity"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/planversion"
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
	"kite/internal/viewer"
)

// calendar is England and Wales's working days, made once.
var calendar = timescales.EnglandAndWales()

// Calendar is the working-day calendar Kite counts with.
func Calendar() *timescales.Calendar { return calendar }

// plansQuery reads the children's plans, newest first.
func plansQuery(client *ent.Client, ids []ident.ID) *ent.PlanQuery {
	return client.Plan.Query().Where(plan.ChildIDIn(ids...)).Order(plan.ByStartsOn(sql.OrderDesc()), plan.ByID())
}

// Plans returns the child's plans the viewer may see, newest first.
func Plans(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Plan, error) {
	if l := from(ctx); l != nil {
		return l.plans.get(ctx, childID)
	}
	plans, err := plansQuery(client, []ident.ID{childID}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	return plans, nil
}

// IsCurrent reports whether a plan is in force on day.
func IsCurrent(p *ent.Plan, day civil.Date) bool {
	return !p.StartsOn.After(day) && (p.EndsOn == nil || !p.EndsOn.Before(day))
}

// CurrentPlans returns the plans in force today, the child protection plan
// first.
func CurrentPlans(ctx context.Context, client *ent.Client, childID ident.ID, today civil.Date) ([]*ent.Plan, error) {
	all, err := Plans(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	var current []*ent.Plan
	for _, p := range all {
		if IsCurrent(p, today) {
			current = append(current, p)
		}
	}
	slices.SortStableFunc(current, func(a, b *ent.Plan) int { return kindOrder(a.Kind) - kindOrder(b.Kind) })
	return current, nil
}

func kindOrder(k domain.PlanKind) int {
	if k == domain.ChildProtectionPlan {
		return 0
	}
	return 1
}

// CurrentVersion is the newest published version of a plan, or nil.
func CurrentVersion(ctx context.Context, client *ent.Client, planID ident.ID) (*ent.PlanVersion, error) {
	if l := from(ctx); l != nil {
		return l.versions.get(ctx, planID)
	}
	v, err := client.PlanVersion.Query().
		Where(planversion.PlanID(planID)).
		Order(planversion.ByVersion(sql.OrderDesc())).
		First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("current plan version: %w", err)
	}
	return v, nil
}

// Contact is how to reach a member of staff.
type Contact struct {
	Name, Email, Phone, HowToReach, WorkingPattern string
	Role                                           viewer.Role
	Kind                                           domain.AllocationKind
}

// Contacts returns the child's current chairs (IRO, CP Chair) and social
// worker, as far as the viewer may see them.
func Contacts(ctx context.Context, client *ent.Client, childID ident.ID) (chairs []Contact, socialWorker *Contact, err error) {
	allocs, err := currentAllocations(ctx, client, childID)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range allocs {
		u := a.Edges.Staff
		if u == nil {
			continue // the viewer may not see this member of staff
		}
		c := Contact{Name: u.DisplayName, Role: u.Role, Email: u.WorkEmail, Phone: u.WorkPhone,
			HowToReach: u.HowToReach, WorkingPattern: u.WorkingPattern, Kind: a.Kind}
		switch {
		case a.Kind == domain.AllocSocialWorker && socialWorker == nil:
			socialWorker = &c
		case a.Kind != domain.AllocSocialWorker && !hasKind(chairs, a.Kind):
			chairs = append(chairs, c)
		}
	}
	// The CP Chair first: they chair the plan people read first.
	slices.SortStableFunc(chairs, func(a, b Contact) int { return chairOrder(a.Kind) - chairOrder(b.Kind) })
	return chairs, socialWorker, nil
}

func hasKind(cs []Contact, k domain.AllocationKind) bool {
	return slices.ContainsFunc(cs, func(c Contact) bool { return c.Kind == k })
}

func chairOrder(k domain.AllocationKind) int {
	if k == domain.AllocCPChair {
		return 0
	}
	return 1
}

// currentAllocations are the child's allocations in force, with the staff.
func currentAllocations(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Allocation, error) {
	if l := from(ctx); l != nil {
		return l.allocations.get(ctx, childID)
	}
	allocs, err := contactsQuery(client, []ident.ID{childID}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	return allocs, nil
}

// contactsQuery reads the children's current allocations, newest first,
// with the staff's names and work contacts: only what Contacts uses (not,
// say, every account's password hash).
func contactsQuery(client *ent.Client, ids []ident.ID) *ent.AllocationSelect {
	return client.Allocation.Query().
		Where(allocation.ChildIDIn(ids...), access.CurrentAllocations()).
		WithStaff(func(q *ent.UserQuery) {
			q.Select(user.FieldDisplayName, user.FieldRole, user.FieldWorkEmail, user.FieldWorkPhone,
				user.FieldHowToReach, user.FieldWorkingPattern)
		}).
		Order(allocation.ByStartsOn(sql.OrderDesc()), allocation.ByID()).
		Select(allocation.FieldChildID, allocation.FieldStaffID, allocation.FieldKind, allocation.FieldStartsOn)
}

// meetingsQuery reads the children's whole meetings, latest due first.
func meetingsQuery(client *ent.Client, ids []ident.ID) *ent.MeetingQuery {
	return client.Meeting.Query().Where(meeting.ChildIDIn(ids...)).Order(meeting.ByDueBy(sql.OrderDesc()), meeting.ByID())
}

// Meetings returns the child's meetings the viewer may see, newest first.
func Meetings(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Meeting, error) {
	if l := from(ctx); l != nil {
		return l.meetings.get(ctx, childID)
	}
	ms, err := meetingsQuery(client, []ident.ID{childID}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return ms, nil
}

// timelineFields are the meeting columns the statutory timescales read
// (CaseOf).
var timelineFields = []string{meeting.FieldChildID, meeting.FieldKind, meeting.FieldStatus,
	meeting.FieldScheduledFor, meeting.FieldHeldOn, meeting.FieldDueBy, meeting.FieldBroughtForward}

// timelineQuery reads the children's meetings with only those columns.
func timelineQuery(client *ent.Client, ids []ident.ID) *ent.MeetingSelect {
	return client.Meeting.Query().Where(meeting.ChildIDIn(ids...)).Select(timelineFields...)
}

// timeline returns the child's meetings the viewer may see, for working out
// due dates: whole ones when whole is set (see NextDue).
func timeline(ctx context.Context, client *ent.Client, childID ident.ID, whole bool) ([]*ent.Meeting, error) {
	if whole {
		return Meetings(ctx, client, childID)
	}
	if l := from(ctx); l != nil {
		return l.timelines.get(ctx, childID)
	}
	ms, err := timelineQuery(client, []ident.ID{childID}).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return ms, nil
}

// Upcoming returns the scheduled meetings from the start of today
// (Europe/London) on, soonest first.
func Upcoming(ctx context.Context, client *ent.Client, childID ident.ID, today civil.Date) ([]*ent.Meeting, error) {
	all, err := Meetings(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	from := today.StartInLondon()
	var out []*ent.Meeting
	for _, m := range all {
		if m.Status == domain.Scheduled && m.ScheduledFor != nil && !m.ScheduledFor.Before(from) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b *ent.Meeting) int {
		if c := a.ScheduledFor.Compare(*b.ScheduledFor); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	return out, nil
}

// LastReviewCode is the participation code of the child's last held
// child-in-care review, or nil.
func LastReviewCode(ctx context.Context, client *ent.Client, childID ident.ID) (*domain.ParticipationCode, error) {
	all, err := Meetings(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	var last *ent.Meeting
	for _, m := range all {
		if (m.Kind == domain.CICReview || m.Kind == domain.LightTouchReview) && m.Status == domain.Held && m.HeldOn != nil &&
			(last == nil || m.HeldOn.After(*last.HeldOn)) {
			last = m
		}
	}
	if last == nil {
		return nil, nil
	}
	return last.ParticipationCode, nil
}

// Counts are the child's unread and urgent submissions (numbers only).
func Counts(ctx context.Context, client *ent.Client, childID ident.ID) (access.Counts, error) {
	if l := from(ctx); l != nil {
		return l.counts.get(ctx, childID)
	}
	all, err := access.SubmissionCounts(ctx, client, []ident.ID{childID})
	return all[childID], err
}

// Age is the child's age today, or nil when not known (an unborn baby).
func Age(ctx context.Context, client *ent.Client, childID ident.ID) (*int, error) {
	if l := from(ctx); l != nil {
		return l.ages.get(ctx, childID)
	}
	ages, err := access.Ages(ctx, client, []ident.ID{childID}, civil.Today())
	if err != nil {
		return nil, err
	}
	if a, ok := ages[childID]; ok {
		return &a, nil
	}
	return nil, nil
}

// Identity is the child's restricted identity row (legal name, date of
// birth), or nil when the viewer may not see it.
func Identity(ctx context.Context, client *ent.Client, childID ident.ID) (*ent.ChildIdentity, error) {
	if l := from(ctx); l != nil {
		return l.identities.get(ctx, childID)
	}
	id, err := client.ChildIdentity.Query().Where(childidentity.ChildID(childID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	return id, nil
}

// meetingSubmissionsQuery reads the submissions sent for the meetings.
func meetingSubmissionsQuery(client *ent.Client, meetings []ident.ID) *ent.WishesAndFeelingsQuery {
	return client.WishesAndFeelings.Query().Where(wishesandfeelings.MeetingIDIn(meetings...))
}

// meetingViewsQuery reads the parents' views sent for the meetings.
func meetingViewsQuery(client *ent.Client, meetings []ident.ID) *ent.ParentViewsQuery {
	return client.ParentViews.Query().Where(parentviews.MeetingIDIn(meetings...))
}

// MeetingSubmissions are the submissions sent for a meeting that the viewer
// may see.
func MeetingSubmissions(ctx context.Context, client *ent.Client, meetingID ident.ID) ([]*ent.WishesAndFeelings, error) {
	if l := from(ctx); l != nil {
		return l.meetingSubmissions.get(ctx, meetingID)
	}
	rows, err := meetingSubmissionsQuery(client, []ident.ID{meetingID}).All(ctx)
	return rows, wrap(err, "meeting submissions")
}

// MeetingParentViews are the parents' views sent for a meeting that the
// viewer may see.
func MeetingParentViews(ctx context.Context, client *ent.Client, meetingID ident.ID) ([]*ent.ParentViews, error) {
	if l := from(ctx); l != nil {
		return l.meetingViews.get(ctx, meetingID)
	}
	rows, err := meetingViewsQuery(client, []ident.ID{meetingID}).All(ctx)
	return rows, wrap(err, "meeting parent views")
}
