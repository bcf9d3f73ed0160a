package parents

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/user"
	"kite/internal/access"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// NeedKind is something a parent or carer needs to take part in a meeting.
type NeedKind string

// The kinds of need the parent form asks about.
const (
	NeedInterpreter NeedKind = "INTERPRETER"
	NeedSupporter   NeedKind = "SUPPORTER"
	NeedAccess      NeedKind = "ACCESS"
)

// Need is one thing a parent said they need to take part in a meeting.
type Need struct {
	Kind NeedKind
	// Details is what they wrote about it: the language, for an
	// interpreter; what would help, for access. Empty when they did not say.
	Details string
}

// Question keys of the parent form that say what a parent needs. Version 2
// asks each on its own; version 1 had them as options of attend_help.
const (
	keyInterpreter   = "interpreter"
	keyLanguage      = "interpreter_language"
	keySupporter     = "supporter"
	keyAccess        = "access"
	keyAccessDetails = "access_details"
	keyAttendHelp    = "attend_help"
)

// NeedsIn reads what a parent needs from their answers to the parent form,
// in the order interpreter, supporter, access; each at most once. A need
// is read from the form's "yes" answer, or, in version 1 answers, from its
// option of "what would help you take part". Details written without a
// "yes" (a language, with the interpreter question left unanswered) count
// too, unless they answered "no": the chair had better know.
func NeedsIn(answers []forms.Answer) []Need {
	value := map[string]string{}
	for _, a := range answers {
		value[a.QuestionKey] = strings.TrimSpace(a.Value)
	}
	picked := strings.Split(value[keyAttendHelp], ",")
	has := func(yesKey, option, detailsKey string) (Need, bool) {
		details := value[detailsKey]
		said := value[yesKey]
		return Need{Details: details}, said == "yes" || slices.Contains(picked, option) || (details != "" && said != "no")
	}
	var out []Need
	for _, n := range []struct {
		kind                       NeedKind
		yesKey, option, detailsKey string
	}{
		{NeedInterpreter, keyInterpreter, "interpreter", keyLanguage},
		{NeedSupporter, keySupporter, "support_person", ""},
		{NeedAccess, keyAccess, "access", keyAccessDetails},
	} {
		if need, ok := has(n.yesKey, n.option, n.detailsKey); ok {
			need.Kind = n.kind
			out = append(out, need)
		}
	}
	return out
}

// AttendeeNeed is one parent's need for a meeting, with the views they said
// it in.
type AttendeeNeed struct {
	Need
	Views *ent.ParentViews
	// Parent is their account; nil when the viewer may not see it.
	Parent *ent.User
}

// AttendeeNeeds is what the parents said they need to take part in a
// meeting, read from views (the views sent for it that the viewer may
// read): each parent's latest sent views count. Only staff who may see
// attendee needs (access.MaySeeAttendeeNeeds) get any; anyone else gets none.
func AttendeeNeeds(ctx context.Context, client *ent.Client, views []*ent.ParentViews) ([]AttendeeNeed, error) {
	if !access.MaySeeAttendeeNeeds(viewer.FromContext(ctx)) {
		return nil, nil
	}
	latest := latestSent(views)
	if len(latest) == 0 {
		return nil, nil
	}
	ids := make([]ident.ID, len(latest))
	for i, pv := range latest {
		ids[i] = pv.ParentID
	}
	people, err := client.User.Query().Where(user.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("attendee needs: parents: %w", err)
	}
	var out []AttendeeNeed
	for _, pv := range latest {
		i := slices.IndexFunc(people, func(u *ent.User) bool { return u.ID == pv.ParentID })
		var parent *ent.User
		if i >= 0 {
			parent = people[i]
		}
		for _, n := range NeedsIn(pv.Answers) {
			out = append(out, AttendeeNeed{Need: n, Views: pv, Parent: parent})
		}
	}
	return out, nil
}

// latestSent keeps each parent's latest sent views, in the order they sent
// them.
func latestSent(views []*ent.ParentViews) []*ent.ParentViews {
	byParent := map[ident.ID]*ent.ParentViews{}
	for _, pv := range views {
		if pv.Status == domain.Draft || pv.SubmittedAt == nil {
			continue
		}
		if prev := byParent[pv.ParentID]; prev == nil || pv.SubmittedAt.After(*prev.SubmittedAt) {
			byParent[pv.ParentID] = pv
		}
	}
	out := make([]*ent.ParentViews, 0, len(byParent))
	for _, pv := range byParent {
		out = append(out, pv)
	}
	slices.SortFunc(out, func(a, b *ent.ParentViews) int { return a.SubmittedAt.Compare(*b.SubmittedAt) })
	return out
}

// CountNeeds is how many needs the parents said they have in views: each
// parent's latest sent views count, as for AttendeeNeeds. It is for the
// chair's reminder (internal/reminders), which reads as system code and
// tells the chair only that there are needs, never what they are.
func CountNeeds(views []*ent.ParentViews) int {
	n := 0
	for _, pv := range latestSent(views) {
		n += len(NeedsIn(pv.Answers))
	}
	return n
}
