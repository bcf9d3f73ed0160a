package graph

import (
	"kite/graph/model"
	"kite/internal/parents"
)

// someParent names a parent or carer whose account the viewer may not see.
const someParent = "A parent or carer"

// attendeeNeeds turns the parents' needs for a meeting into their GraphQL
// type: the language is an interpreter's details, the details an access
// need's.
func attendeeNeeds(needs []parents.AttendeeNeed) []*model.AttendeeNeed {
	out := make([]*model.AttendeeNeed, len(needs))
	for i, n := range needs {
		a := &model.AttendeeNeed{Kind: model.AttendeeNeedKind(n.Kind), Name: someParent, Person: n.Parent,
			ParentViews: n.Views, SentAt: *n.Views.SubmittedAt}
		if n.Parent != nil {
			a.Name = n.Parent.DisplayName
		}
		if d := n.Details; d != "" {
			switch n.Kind {
			case parents.NeedInterpreter:
				a.Language = &d
			case parents.NeedAccess:
				a.Details = &d
			}
		}
		out[i] = a
	}
	return out
}
