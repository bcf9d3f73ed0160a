// Package dashboard works out what people read about a child: their current
// plans, who their chair and social worker are and how to reach them, their
// upcoming meetings and the next statutory meeting due (worked out by
// internal/duedates). Everything is read under the viewer's access rules:
// through ent with the viewer's context, or through internal/access's reads
// outside ent (the child, their plans, meetings and contacts, a first page of
// their submissions), which apply the same rules; this
// package only derives. Every read goes through the batch loaders
// (loaders.go), so there is one read path whether or not a read operation
// shares them.
package dashboard

import (
	"context"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/workhours"
)

// Plans returns the child's plans the viewer may see, newest first.
func Plans(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Plan, error) {
	return loadersOf(ctx, client).plans.get(ctx, childID)
}

// CurrentPlans returns the plans in force today, the child protection plan
// first.
func CurrentPlans(ctx context.Context, client *ent.Client, childID ident.ID, today civil.Date) ([]*ent.Plan, error) {
	all, err := Plans(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	return current(all, today), nil
}

// current keeps the plans in force on today, the child protection plan
// first and otherwise in the order given.
func current(plans []*ent.Plan, today civil.Date) []*ent.Plan {
	var out []*ent.Plan
	for _, p := range plans {
		if duedates.IsCurrent(p, today) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b *ent.Plan) int { return kindOrder(a.Kind) - kindOrder(b.Kind) })
	return out
}

func kindOrder(k domain.PlanKind) int {
	if k == domain.ChildProtectionPlan {
		return 0
	}
	return 1
}

// CurrentVersion is the newest published version of a plan, or nil.
func CurrentVersion(ctx context.Context, client *ent.Client, planID ident.ID) (*ent.PlanVersion, error) {
	return loadersOf(ctx, client).versions.get(ctx, planID)
}

// Contact is how to reach a member of staff.
type Contact struct {
	Name, Email, Phone, HowToReach, WorkingPattern string
	Role                                           domain.Role
	Kind                                           domain.AllocationKind
	// Hours are when they work, as data; empty when not known.
	Hours workhours.Week
}

// Contacts returns the child's current chairs (IRO, CP Chair) and social
// worker, as far as the viewer may see them.
func Contacts(ctx context.Context, client *ent.Client, childID ident.ID) (chairs []Contact, socialWorker *Contact, err error) {
	allocs, err := loadersOf(ctx, client).allocations.get(ctx, childID)
	if err != nil {
		return nil, nil, err
	}
	chairs, socialWorker = contactsOf(allocs)
	return chairs, socialWorker, nil
}

// Chairs returns the child's current chairs (the CP Chair first), as far as
// the viewer may see them. Where the operation asks for no social worker of
// this child (chairsOnly), they come from a read of the chairs alone — half
// of a caseload's allocations; otherwise from Contacts' read, so that one
// statement serves both.
func Chairs(ctx context.Context, client *ent.Client, childID ident.ID, chairsOnly bool) ([]Contact, error) {
	if !chairsOnly {
		chairs, _, err := Contacts(ctx, client, childID)
		return chairs, err
	}
	allocs, err := loadersOf(ctx, client).chairs.get(ctx, childID)
	if err != nil {
		return nil, err
	}
	chairs, _ := contactsOf(allocs)
	return chairs, nil
}

// contactsOf picks from current allocations, newest first, the newest chair
// of each kind (the CP Chair first) and the newest social worker. An
// allocation without its staff (the viewer may not see them) is left out.
func contactsOf(allocs []*ent.Allocation) (chairs []Contact, socialWorker *Contact) {
	for _, a := range allocs {
		u := a.Edges.Staff
		if u == nil {
			continue // the viewer may not see this member of staff
		}
		c := Contact{Name: u.DisplayName, Role: u.Role, Email: u.WorkEmail, Phone: u.WorkPhone,
			HowToReach: u.HowToReach, WorkingPattern: u.WorkingPattern, Kind: a.Kind, Hours: u.WorkingHours}
		switch {
		case a.Kind == domain.AllocSocialWorker && socialWorker == nil:
			socialWorker = &c
		case a.Kind != domain.AllocSocialWorker && !hasKind(chairs, a.Kind):
			chairs = append(chairs, c)
		}
	}
	// The CP Chair first: they chair the plan people read first.
	slices.SortStableFunc(chairs, func(a, b Contact) int { return chairOrder(a.Kind) - chairOrder(b.Kind) })
	return chairs, socialWorker
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

// meetingsOf reads the children's meetings, latest due first: the columns
// given, with those the timescales and the last review's code need (all a
// read of Meetings may use here), or whole rows when none are given. They
// are sorted here, not in SQL: a child has a few meetings, which the
// database would sort in a temporary table.
func meetingsOf(ctx context.Context, client *ent.Client, ids []ident.ID, columns []string) ([]*ent.Meeting, error) {
	var cols []string // whole rows
	if len(columns) > 0 {
		cols = slices.Concat(timelineFields, []string{meeting.FieldParticipationCode}, columns)
	}
	rows, err := access.ReadMeetings(ctx, client, ids, cols)
	slices.SortStableFunc(rows, func(a, b *ent.Meeting) int {
		if c := strings.Compare(string(b.DueBy), string(a.DueBy)); c != 0 {
			return c
		}
		return strings.Compare(string(a.ID), string(b.ID))
	})
	return rows, err
}

// Meetings returns the child's meetings the viewer may see, newest first.
func Meetings(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Meeting, error) {
	return loadersOf(ctx, client).meetings.get(ctx, childID)
}

// WholeMeetingFields are the API's Child fields answered from the child's
// whole meetings (Meetings): upcomingMeetings (Upcoming), meetings
// (Meetings) and lastReviewParticipationCode (LastReviewCode). An operation
// that asks for one of them reads those rows anyway, so its nextMeetingDue
// is worked out from them too (NextDue with whole set), one statement
// fewer. graph/selections.go reads this list: a function here that starts
// or stops reading Meetings for a Child field changes it.
var WholeMeetingFields = []string{"upcomingMeetings", "meetings", "lastReviewParticipationCode"}

// timelineFields are the meeting columns the statutory timescales read
// (duedates.CaseOf).
var timelineFields = []string{meeting.FieldChildID, meeting.FieldKind, meeting.FieldStatus,
	meeting.FieldScheduledFor, meeting.FieldHeldOn, meeting.FieldDueBy, meeting.FieldBroughtForward}

// WholePlanFields are the API's Child fields answered from the child's
// whole plans (Plans): currentPlan and currentPlans (CurrentPlans) and
// plans. An operation that asks for one of them reads those rows anyway, so
// its nextMeetingDue is worked out from them too (NextDue with Whole.Plans
// set), one statement fewer. graph/selections.go reads this list, as it
// does WholeMeetingFields.
var WholePlanFields = []string{"currentPlan", "currentPlans", "plans"}

// planTimelineFields are the plan columns the statutory timescales read
// (duedates.Next: which plans are current, and from when).
var planTimelineFields = []string{plan.FieldKind, plan.FieldStartsOn, plan.FieldEndsOn, plan.FieldStrategyDiscussionOn}

// planTimelines reads the children's plans with only those columns (and
// the ids), newest first: six of a plan's thirteen columns, for each plan
// of a caseload.
func planTimelines(ctx context.Context, client *ent.Client, ids []ident.ID) ([]*ent.Plan, error) {
	return access.ReadPlans(ctx, client, ids, planTimelineFields)
}

// timelines reads the children's meetings with only those columns.
func timelines(ctx context.Context, client *ent.Client, ids []ident.ID) ([]*ent.Meeting, error) {
	return access.ReadMeetings(ctx, client, ids, timelineFields)
}

// Upcoming returns the scheduled meetings from the start of today
// (Europe/London) on, soonest first.
func Upcoming(ctx context.Context, client *ent.Client, childID ident.ID, today civil.Date) ([]*ent.Meeting, error) {
	all, err := Meetings(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	return upcoming(all, today), nil
}

// upcoming keeps the scheduled meetings from the start of today on, soonest
// first (by id when two start together).
func upcoming(all []*ent.Meeting, today civil.Date) []*ent.Meeting {
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
	return out
}

// LastReviewCode is the participation code of the child's last held
// child-in-care review, or nil.
func LastReviewCode(ctx context.Context, client *ent.Client, childID ident.ID) (*domain.ParticipationCode, error) {
	all, err := Meetings(ctx, client, childID)
	if err != nil {
		return nil, err
	}
	return lastReviewCode(all), nil
}

// lastReviewCode is the participation code of the latest held review (full
// or light-touch) among the meetings, or nil.
func lastReviewCode(all []*ent.Meeting) *domain.ParticipationCode {
	var last *ent.Meeting
	for _, m := range all {
		if (m.Kind == domain.CICReview || m.Kind == domain.LightTouchReview) && m.Status == domain.Held && m.HeldOn != nil &&
			(last == nil || m.HeldOn.After(*last.HeldOn)) {
			last = m
		}
	}
	if last == nil {
		return nil
	}
	return last.ParticipationCode
}

// Counts are the child's unread and urgent submissions (numbers only).
func Counts(ctx context.Context, client *ent.Client, childID ident.ID) (access.Counts, error) {
	return loadersOf(ctx, client).counts.get(ctx, childID)
}

// Age is the child's age today, or nil when not known (an unborn baby).
func Age(ctx context.Context, client *ent.Client, childID ident.ID) (*int, error) {
	return loadersOf(ctx, client).ages.get(ctx, childID)
}

// Identity is the child's restricted identity row (legal name, date of
// birth), or nil when the viewer may not see it.
func Identity(ctx context.Context, client *ent.Client, childID ident.ID) (*ent.ChildIdentity, error) {
	return loadersOf(ctx, client).identities.get(ctx, childID)
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
	return loadersOf(ctx, client).meetingSubmissions.get(ctx, meetingID)
}

// MeetingParentViews are the parents' views sent for a meeting that the
// viewer may see.
func MeetingParentViews(ctx context.Context, client *ent.Client, meetingID ident.ID) ([]*ent.ParentViews, error) {
	return loadersOf(ctx, client).meetingViews.get(ctx, meetingID)
}

// Child reads one child the viewer may see (not found when they may not),
// with their age in the same statement (access.ReadChild, with
// access.WithAge): a dashboard then reads no identity row for it.
func Child(ctx context.Context, client *ent.Client, id ident.ID, today civil.Date) (*ent.Child, error) {
	c, err := access.ReadChild(ctx, client, id, today)
	if err != nil {
		return nil, err
	}
	if age, ok := access.AgeOf(c); ok {
		loadersOf(ctx, client).ages.put(id, age)
	}
	return c, nil
}
