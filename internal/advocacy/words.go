package advocacy

import (
	"fmt"
	"strings"

	"kite/ent"
	"kite/internal/domain"
)

// What each kind of help is, for a child of about nine: plain and true, and
// promising nothing the service itself does not.
var about = map[domain.HelpContactKind]string{
	domain.HelpAdvocacy: "An advocate is on your side. They help you say what you want, and help make sure people listen. " +
		"They are not part of your social work team.",
	domain.HelpComplaints: "If you are unhappy about how you have been treated, or about a decision, you can make a complaint. " +
		"An advocate can help you do it.",
	domain.HelpIndependentVisitor: "An Independent Visitor is a grown-up volunteer who visits a child in care and spends time with them, " +
		"just because they want to. You can ask your social worker or IRO about having one.",
	domain.HelpChildline: "You can talk to Childline about anything, big or small. It is free, " +
		"and you do not have to say who you are.",
}

// About is what a kind of help is, in plain words for a child.
func About(kind domain.HelpContactKind) string { return about[kind] }

// Message is what the person who asked is told: where the request went,
// and the advocacy service's number to call too, when there is one. It
// says only what Kite did: nobody is promised a call, or a day.
func Message(a *Asked, forChild bool) string {
	name := "the advocacy service"
	if a.Service != nil {
		name = a.Service.Name
	}
	var b strings.Builder
	if a.Emailed {
		fmt.Fprintf(&b, "We have sent the request to %s. ", name)
	} else {
		fmt.Fprintf(&b, "We have kept the request, and a manager will pass it on to %s. ", name)
	}
	if forChild {
		b.WriteString("You can see how it is going in Kite, and we will tell you here when it changes.")
	} else {
		b.WriteString("If the child uses Kite, they can see how it is going there, and are told when it changes.")
	}
	if phone := servicePhone(a.Service); phone != "" {
		if forChild {
			fmt.Fprintf(&b, " You can also call them yourself on %s", phone)
		} else {
			fmt.Fprintf(&b, " Their number is %s", phone)
		}
		if a.Service.Hours != "" {
			fmt.Fprintf(&b, " (%s)", strings.TrimSuffix(a.Service.Hours, "."))
		}
		b.WriteString(".")
	}
	return b.String()
}

func servicePhone(h *ent.HelpContact) string {
	if h == nil {
		return ""
	}
	return h.Phone
}
