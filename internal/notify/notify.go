// Package notify tells people things. Tell (tell.go) is the one way in: it
// writes what the person is shown in Kite (a Notice, in their notification
// list: inbox.go) and, for staff news, an email to the outbox. The outbox
// (here) is written in the same transaction as what caused it, then
// delivered by a worker through a pluggable sender (SMTP in production; a
// log sender in development), retried with backoff until delivered. Neither
// ever carries a child's words: the words are fixed per kind, and an email
// says only enough to "open Kite".
package notify

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Kinds of notification. Tell's emails use the notice kind's name
// (domain.NoticeKind) as theirs.
const (
	// UrgentSubmission: a child said they need to talk to someone today.
	UrgentSubmission = "urgent_submission"
	// AlertRaised: a chair raised an alert addressed to the recipient.
	AlertRaised = "alert_raised"
	// AlertResponded: the person an alert the recipient raised is addressed
	// to has responded.
	AlertResponded = "alert_responded"
	// AlertEscalated: the chair who raised an alert escalated it to a stage
	// addressed to the recipient (a manager of the authority).
	AlertEscalated = "alert_escalated"
	// AdvocacyRequested: a child has asked for an advocate; sent to the
	// authority's advocacy service, which is not a Kite user, with the
	// request's reference only.
	AdvocacyRequested = "advocacy_requested"
)

// Notification is one message to one address.
type Notification struct {
	AuthorityID ident.ID
	Kind        string
	UserID      ident.ID // the member of staff, if it goes to one
	Address     string
	// Payload holds ids only (what to open), never anyone's words.
	Payload map[string]string
}

// Enqueue writes n to the outbox with client, which should be the client of
// the transaction that made the change, so that both commit or neither does.
// It runs in system context: the outbox is written on behalf of whoever
// acted, and no viewer reads or writes it through the API.
func Enqueue(ctx context.Context, client *ent.Client, n Notification) error {
	c := client.Notification.Create().
		SetAuthorityID(n.AuthorityID).
		SetKind(n.Kind).
		SetRecipientAddress(n.Address).
		SetPayload(n.Payload)
	if n.UserID != "" {
		c.SetRecipientUserID(n.UserID)
	}
	if err := c.Exec(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
		return fmt.Errorf("notify: enqueue %s: %w", n.Kind, err)
	}
	return nil
}

// Message is what a sender sends.
type Message struct {
	// ID is the notification's id: the email's Message-ID, the same on
	// every attempt, so a message sent again (a worker that died after
	// sending and before recording it) is recognisably the same one.
	ID      string
	To      string
	Subject string
	Body    string
}

// wording is the fixed words of each kind of message: its subject, what
// happened, what to do about it, and the payload id given as the reference.
var wording = map[string]struct{ subject, what, ask, ref string }{
	UrgentSubmission: {
		subject: "Kite: a child needs to talk to someone today",
		what:    "A child you work with has told us, through Kite, that they need to talk to someone today.",
		ask:     "Please open Kite now to see who it is, and get in touch with them today.",
		ref:     "submissionId",
	},
	AlertRaised: {
		subject: "Kite: an alert about a child's case needs your response",
		what:    "A chair has raised an alert about the case of a child you work with, and it is addressed to you.",
		ask:     "Please open Kite to read it and respond.",
		ref:     "alertId",
	},
	AlertResponded: {
		subject: "Kite: a response to your alert",
		what:    "There is a response to an alert you raised about a child's case.",
		ask:     "Please open Kite to read it.",
		ref:     "alertId",
	},
	AlertEscalated: {
		subject: "Kite: an alert about a child's case has been escalated to you",
		what: "A chair has escalated an alert about a child's case to the next stage of the dispute-resolution process, " +
			"and it is addressed to you.",
		ask: "Please open Kite to read it and respond by the date it shows.",
		ref: "alertId",
	},
	AdvocacyRequested: {
		subject: "Kite: a request for an advocate",
		what: "Someone has asked, through Kite, for an advocate for a child or young person known to the children's service. " +
			"For the child's safety, this email does not say who they are.",
		ask: "Please contact the children's service through your usual secure route, giving this reference, " +
			"to find out who the child is and how to get in touch with them.",
		ref: "requestId",
	},
	string(domain.NoticeSubmissionsDigest): {
		subject: "Kite: new submissions from children",
		what:    "Children you work with have sent new views in Kite that are not urgent, and you have not read them yet.",
		ask:     "Please open Kite to read them.",
	},
	string(domain.NoticeReplyOverdue): {
		subject: "Kite: a child is waiting for your reply",
		what:    "Something a child sent you in Kite has waited longer than your authority allows for a reply.",
		ask:     "Please open Kite to read it and reply.",
		ref:     "aboutId",
	},
}

// Render turns a stored notification into the message sent. The words are
// fixed here, so nothing a child wrote can reach an email.
func Render(n *ent.Notification) Message {
	w, ok := wording[n.Kind]
	if !ok {
		return Message{ID: string(n.ID), To: n.RecipientAddress, Subject: "Kite: something needs your attention",
			Body: "Please open Kite.\n"}
	}
	body := w.what + "\n\n" + w.ask + "\n"
	if w.ref != "" {
		body += "\nReference: " + n.Payload[w.ref] + "\n"
	}
	return Message{
		ID:      string(n.ID),
		To:      n.RecipientAddress,
		Subject: w.subject,
		Body:    body,
	}
}
