package childwords

import (
	"time"

	"kite/internal/domain"
)

// Reader is someone who would see what a child sends.
type Reader struct {
	Person
	// Words is whether they can read what the child wrote (not only that
	// the child wants to talk to someone).
	Words bool
}

// WhoSees is the answer to a child asking, before they send, who would
// see it.
type WhoSees struct {
	// Readers are who can read it with this choice.
	Readers []Reader
	// Urgent are who would be told straight away if the child says they
	// need to talk to someone today.
	Urgent []Reader
	// Message says all of it in plain words; IfUrgent what changes when the
	// child says they need to talk today.
	Message, IfUrgent string
}

// Choice is what one share choice lets people see: normal when the child
// does not say they need to talk today, urgent when they do.
type Choice struct {
	Normal, Urgent Reach
}

// WouldSee is who would see what a child sends with one choice. told are
// the people an urgent message would tell.
func WouldSee(c Circle, choice Choice, told []Person, outOfHoursPhone string) WhoSees {
	w := WhoSees{}
	for _, p := range c.Chairs {
		w.Readers = append(w.Readers, Reader{Person: p, Words: true})
	}
	if c.SocialWorker != nil && choice.Normal.SocialWorker == Words {
		w.Readers = append(w.Readers, Reader{Person: *c.SocialWorker, Words: true})
	}
	if choice.Normal.Family && c.Parents > 0 {
		w.Readers = append(w.Readers, Reader{Person: Person{Role: domain.RoleParent}, Words: true})
	}
	for _, p := range told {
		w.Urgent = append(w.Urgent, Reader{Person: p, Words: readsWhenUrgent(p, choice.Urgent)})
	}
	w.Message = sentences(chairsLine(c, nil, time.Time{}), socialWorkerLine(c, choice.Normal), familyLines(c, choice.Normal),
		"If the people who work with you change, the new ones will be able to read it in the same way.",
		"A manager can read it only if they need to, to keep you safe, and Kite keeps a record when they do.")
	w.IfUrgent = ifUrgent(c, choice, told, outOfHoursPhone)
	return w
}

// readsWhenUrgent is whether someone told of an urgent message can read
// its words: the chairs always; the social worker as the choice allows;
// the duty team never (they are told, through their address, only that a
// child needs someone).
func readsWhenUrgent(p Person, r Reach) bool {
	switch p.Role {
	case domain.RoleIRO, domain.RoleCPChair:
		return true
	case domain.RoleSocialWorker:
		return r.SocialWorker == Words
	}
	return false
}

// ifUrgent says who is told of an urgent message, and what the social
// worker sees that they would not otherwise.
func ifUrgent(c Circle, choice Choice, told []Person, outOfHoursPhone string) string {
	if len(told) == 0 {
		call := "Childline on " + ChildLine
		if outOfHoursPhone != "" {
			call = "our out-of-hours team on " + outOfHoursPhone + " or " + call
		}
		return "If you say you need to talk to someone today, there is nobody we can tell straight away, so please call " + call + "."
	}
	lines := []string{"If you say you need to talk to someone today, we tell " + list(told) + " straight away."}
	if c.SocialWorker != nil && choice.Normal.SocialWorker == Nothing && choice.Urgent.SocialWorker == FlagOnly {
		lines = append(lines, asSubject([]Person{*c.SocialWorker})+
			" will know that you want to talk to someone, but will not see what you wrote.")
	}
	return sentences(lines...)
}
