package childwords

import "kite/internal/domain"

// PlanReader is who is reading a plan.
type PlanReader int

// Who reads a plan.
const (
	// StaffReader: the formal wording.
	StaffReader PlanReader = iota
	// ChildReader: the child's wording when written, else the formal one
	// when they may read it, else who will talk it through with them.
	ChildReader
	// FamilyReader: the family's wording when written, else the formal one.
	FamilyReader
)

// Wording is one part of a plan as the reader may see it: nil where there
// is none, or where the reader may not see it (internal/access masks the
// formal and family wording for a child under 12).
type Wording struct {
	Formal, ForChild, ForFamily *string
}

// PlanPart is one part of a plan, with its heading, in the words meant for
// the reader.
type PlanPart struct {
	Heading string
	Text    string
	// TalkThrough is true when there are no words for the reader and Text
	// says who will talk it through with them instead.
	TalkThrough bool
}

// planHeadings are the three parts of every plan, in order.
var planHeadings = [3]string{"What we are worried about", "What is going well", "What needs to change"}

// PlanParts is a plan's three parts (worries, going well, needs to change)
// for a reader. talker is who will talk a part through with a child who has
// no words of their own for it: their chair for this kind of plan, or else
// their social worker; nil when they have neither.
func PlanParts(reader PlanReader, parts [3]Wording, kind domain.PlanKind, talker *Person) []PlanPart {
	out := make([]PlanPart, len(parts))
	for i, w := range parts {
		out[i] = PlanPart{Heading: planHeadings[i]}
		if text := wordsFor(reader, w); text != nil {
			out[i].Text = *text
			continue
		}
		out[i].Text, out[i].TalkThrough = talkThrough(kind, talker), true
	}
	return out
}

// wordsFor picks the words for a reader, or nil when there are none they
// may read.
func wordsFor(reader PlanReader, w Wording) *string {
	var first *string
	switch reader {
	case ChildReader:
		first = w.ForChild
	case FamilyReader:
		first = w.ForFamily
	}
	if first != nil && *first != "" {
		return first
	}
	if w.Formal != nil && *w.Formal != "" {
		return w.Formal
	}
	return nil
}

// talkThrough says who will talk a part through with the child.
func talkThrough(kind domain.PlanKind, talker *Person) string {
	if talker == nil {
		chair := "an IRO"
		if kind == domain.ChildProtectionPlan {
			chair = "a conference chair"
		}
		return "You do not have " + chair + " or a social worker at the moment. " +
			"Ask an adult you trust to go through this part of your plan with you."
	}
	return capital(talker.Called()) + ", will talk this through with you."
}
