package demo

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/child"
	"kite/internal/domain"
	"kite/internal/refdata"
)

// help is one of an authority's help contacts, as the demo makes it up.
type help struct {
	kind                                domain.HelpContactKind
	name, phone, text, web, mail, hours string
}

// demoHelp are Demo Borough's help contacts: its advocacy service (whose
// address the demo's requests for an advocate are sent to), complaints, and
// its Independent Visitor scheme. Other Shire's come from its record
// (refdata.AddHelpContacts). Numbers in Ofcom's ranges for drama.
var demoHelp = []help{
	{domain.HelpAdvocacy, "Demo Borough Children's Advocacy Service", "01632 960150", "07700 900150",
		"https://advocacy.demo-borough.example.org", "advocacy@demo-borough.example.org", "Monday to Friday, 9am to 5pm"},
	{domain.HelpComplaints, "Demo Borough complaints team", "01632 960160", "",
		"https://www.demo-borough.example.org/complaints", "complaints@demo-borough.example.org", "Monday to Friday, 9am to 5pm"},
	{domain.HelpIndependentVisitor, "Demo Borough Independent Visitor scheme", "01632 960170", "", "",
		"independent.visitors@demo-borough.example.org", "Monday to Thursday, 10am to 4pm"},
}

// advocacy adds the authorities' help contacts, and two requests for an
// advocate in Demo Borough: Jamie asked three weeks ago and the advocacy
// service took it on; Ava's social worker asked for her two days ago, and
// nobody has answered yet.
func (s *seeder) advocacy(ctx context.Context, demo *ent.LocalAuthority) error {
	for _, h := range demoHelp {
		err := s.tx.HelpContact.Create().SetAuthorityID(demo.ID).SetKind(h.kind).SetName(h.name).
			SetPhone(h.phone).SetTextPhone(h.text).SetWeb(h.web).SetEmail(h.mail).SetHours(h.hours).Exec(ctx)
		if err != nil {
			return fmt.Errorf("demo: help contact %s: %w", h.kind, err)
		}
	}
	if err := refdata.AddHelpContacts(ctx, s.tx.Client()); err != nil {
		return err
	}
	jamie, err := s.tx.Child.Query().Where(child.AuthorityID(demo.ID), child.PreferredName("Jamie")).Only(ctx)
	if err != nil {
		return fmt.Errorf("demo: Jamie: %w", err)
	}
	ava, err := s.tx.Child.Query().Where(child.AuthorityID(demo.ID), child.PreferredName("Ava")).Only(ctx)
	if err != nil {
		return fmt.Errorf("demo: Ava: %w", err)
	}
	asked := s.today.AddDays(-21)
	err = s.tx.AdvocacyRequest.Create().SetAuthorityID(demo.ID).SetChildID(jamie.ID).
		SetAskedByID(s.users["child.demo"].ID).SetAskedByRole(domain.RoleChild).
		SetNote("I want someone to help me say I want to see my brother more.").
		SetIdempotencyKey("demo-jamie-advocate").SetRequestedAt(at(asked, 16)).
		SetStatus(domain.AdvocacyAccepted).SetAcceptedAt(at(s.workingDaysAfter(asked, 3), 11)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: Jamie's request for an advocate: %w", err)
	}
	err = s.tx.AdvocacyRequest.Create().SetAuthorityID(demo.ID).SetChildID(ava.ID).
		SetAskedByID(s.users["sw.demo"].ID).SetAskedByRole(domain.RoleSocialWorker).
		SetIdempotencyKey("demo-ava-advocate").SetRequestedAt(at(s.today.AddDays(-2), 10)).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: Ava's request for an advocate: %w", err)
	}
	return nil
}
