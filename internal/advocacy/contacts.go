// Package advocacy is where a child turns for help outside their own team:
// the authority's help contacts (the advocacy service, complaints, the
// Independent Visitor scheme, Childline), and a child's requests for an
// advocate — asked for, sent to the advocacy service through the outbox,
// told to the child's chair and the authority's managers, and moved on by a
// manager, with the child told of each step.
//
// Every read and change runs through ent with the viewer's context, so the
// rules of internal/access decide who may do what; this package checks the
// input and keeps each change and its news in one transaction.
package advocacy

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/helpcontact"
	"kite/internal/apierr"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what help contacts and requests for an advocate need.
type Service struct {
	Client *ent.Client
	// Wake is told after a request commits, so the outbox sends the
	// advocacy service's email at once rather than at the next tick.
	Wake func()
	clock.Clock
}

// Contacts are the help contacts of an authority, one of each kind in the
// order a child is shown them: the authority's own, or else the national one
// (Childline). A kind with neither is left out. Read under the viewer's
// rules: the national rows and the viewer's own authority's.
func (s *Service) Contacts(ctx context.Context, authorityID ident.ID) ([]*ent.HelpContact, error) {
	rows, err := s.Client.HelpContact.Query().
		Where(helpcontact.Or(helpcontact.AuthorityIDIsNil(), helpcontact.AuthorityID(authorityID))).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("advocacy: help contacts: %w", err)
	}
	return pick(rows), nil
}

// pick keeps, for each kind in order, the authority's own row, else the
// national one.
func pick(rows []*ent.HelpContact) []*ent.HelpContact {
	var out []*ent.HelpContact
	for _, k := range domain.HelpContactKind("").Values() {
		var national, own *ent.HelpContact
		for _, r := range rows {
			if string(r.Kind) != k {
				continue
			}
			if r.AuthorityID == nil {
				national = r
			} else {
				own = r
			}
		}
		if own != nil {
			out = append(out, own)
		} else if national != nil {
			out = append(out, national)
		}
	}
	return out
}

// ContactOf is an authority's contact of one kind (its own, else the
// national one), or nil.
func (s *Service) ContactOf(ctx context.Context, authorityID ident.ID, kind domain.HelpContactKind) (*ent.HelpContact, error) {
	all, err := s.Contacts(ctx, authorityID)
	if err != nil {
		return nil, err
	}
	for _, c := range all {
		if c.Kind == kind {
			return c, nil
		}
	}
	return nil, nil
}

// Contact is a help contact as a manager sets it.
type Contact struct {
	Kind                                      domain.HelpContactKind
	Name, Phone, TextPhone, Web, Email, Hours string
}

// SetContact sets one of the viewer's authority's help contacts (a
// manager's, by the rules): adds it, or changes the one of that kind. The
// advocacy service and the complaints contact are kept in step on the
// authority's own record too (LocalAuthority.advocacyName and the rest).
func (s *Service) SetContact(ctx context.Context, in Contact) (*ent.HelpContact, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	in, err = checkContact(in)
	if err != nil {
		return nil, err
	}
	var saved *ent.HelpContact
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		c := tx.Client()
		own, err := c.HelpContact.Query().
			Where(helpcontact.AuthorityID(v.AuthorityID), helpcontact.KindEQ(in.Kind)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			saved, err = c.HelpContact.Create().SetAuthorityID(v.AuthorityID).SetKind(in.Kind).
				SetName(in.Name).SetPhone(in.Phone).SetTextPhone(in.TextPhone).SetWeb(in.Web).
				SetEmail(in.Email).SetHours(in.Hours).Save(ctx)
			if err != nil {
				return dataerr.ToAPI(err, "advocacy: add help contact")
			}
		case err != nil:
			return fmt.Errorf("advocacy: help contact: %w", err)
		default:
			saved, err = own.Update().SetName(in.Name).SetPhone(in.Phone).SetTextPhone(in.TextPhone).
				SetWeb(in.Web).SetEmail(in.Email).SetHours(in.Hours).Save(ctx)
			if err != nil {
				return dataerr.ToAPIAfterRead(err, "advocacy: change help contact")
			}
		}
		return keepInStep(ctx, c, v.AuthorityID, in)
	})
	if err != nil {
		return nil, err
	}
	return saved.Unwrap(), nil
}

// keepInStep writes the advocacy service's and the complaints contact's
// details onto the authority's record, which has always had them.
func keepInStep(ctx context.Context, c *ent.Client, la ident.ID, in Contact) error {
	u := c.LocalAuthority.UpdateOneID(la)
	switch in.Kind {
	case domain.HelpAdvocacy:
		u.SetAdvocacyName(in.Name).SetAdvocacyPhone(in.Phone).SetAdvocacyEmail(in.Email)
	case domain.HelpComplaints:
		u.SetComplaintsPhone(in.Phone).SetComplaintsEmail(in.Email)
	default:
		return nil
	}
	return dataerr.ToAPIAfterRead(u.Exec(ctx), "advocacy: authority's contacts")
}

// Limits of a help contact's fields (as the schema's).
const (
	maxName  = 200
	maxPhone = 50
	maxWeb   = 300
	maxEmail = 254
	maxHours = 200
)

// checkContact trims a help contact and checks it: a name, at least one
// way to reach them, and each way well formed. Childline's details are the
// same everywhere, and Kite keeps them.
func checkContact(in Contact) (Contact, error) {
	in.Name, in.Phone, in.TextPhone = strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone), strings.TrimSpace(in.TextPhone)
	in.Web, in.Email, in.Hours = strings.TrimSpace(in.Web), strings.TrimSpace(in.Email), strings.TrimSpace(in.Hours)
	switch {
	case in.Kind == domain.HelpChildline:
		return in, apierr.BadInput("kind", "Childline's details are the same everywhere, and Kite keeps them up to date.")
	case in.Name == "":
		return in, apierr.BadInput("name", "Please give the service's name.")
	case utf8.RuneCountInString(in.Name) > maxName:
		return in, apierr.BadInput("name", fmt.Sprintf("Please keep the name to %d characters.", maxName))
	case in.Phone == "" && in.TextPhone == "" && in.Web == "" && in.Email == "":
		return in, apierr.BadInput("phone", "Please give at least one way to reach them: a phone number, a number to text, a web address or an email address.")
	case in.Phone != "" && !phoneNumber(in.Phone):
		return in, apierr.BadInput("phone", "Please write the phone number with digits (spaces, +, brackets and dashes are fine).")
	case in.TextPhone != "" && !phoneNumber(in.TextPhone):
		return in, apierr.BadInput("textPhone", "Please write the number to text with digits (spaces, +, brackets and dashes are fine).")
	case in.Web != "" && !webAddress(in.Web):
		return in, apierr.BadInput("web", "Please give the web address in full, starting with https://.")
	case in.Email != "" && !emailAddress(in.Email):
		return in, apierr.BadInput("email", "Please give one email address, like name@example.org.")
	case utf8.RuneCountInString(in.Hours) > maxHours:
		return in, apierr.BadInput("hours", fmt.Sprintf("Please keep the hours to %d characters.", maxHours))
	}
	return in, nil
}

// phoneNumber: 3 to 20 digits, with spaces, a leading +, brackets and dashes.
func phoneNumber(s string) bool {
	if len(s) > maxPhone {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '(' || r == ')' || r == '-' || (r == '+' && i == 0):
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 20
}

// webAddress: an https address with a host, and nothing that could run.
func webAddress(s string) bool {
	if len(s) > maxWeb || strings.ContainsAny(s, " \t\r\n<>\"") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}

// emailAddress: one bare address.
func emailAddress(s string) bool {
	if len(s) > maxEmail {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}
