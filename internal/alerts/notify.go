package alerts

import (
	"context"
	"log/slog"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/access"
	"kite/internal/domain"
	"kite/internal/notify"
)

// Telling people about alerts. The recipients' accounts and addresses are
// looked up in system context (they are not the actor's to read), and what
// is sent carries ids only: never the alert's or a response's words.

// tellAddressees tells whoever an alert is addressed to, when it is raised
// (kind notify.AlertRaised) or escalated to a new stage
// (notify.AlertEscalated): the managers of the authority, or the child's
// staff allocated in the role it names.
func tellAddressees(ctx context.Context, c *ent.Client, a *ent.Alert, kind string) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	var people []*ent.User
	if a.AddressedTo == domain.RoleManager {
		var err error
		people, err = c.User.Query().Where(user.AuthorityID(a.AuthorityID), user.RoleEQ(domain.RoleManager)).All(sys)
		if err != nil {
			return err
		}
	} else {
		allocs, err := c.Allocation.Query().Where(allocation.ChildID(a.ChildID), access.CurrentAllocations()).
			WithStaff().All(sys)
		if err != nil {
			return err
		}
		for _, al := range allocs {
			if access.RoleFor(al.Kind) == a.AddressedTo && al.Edges.Staff != nil {
				people = append(people, al.Edges.Staff)
			}
		}
	}
	payload := map[string]string{"alertId": string(a.ID), "childId": string(a.ChildID)}
	if kind == notify.AlertEscalated {
		payload["stage"] = string(a.Stage)
	}
	told := 0
	for _, u := range people {
		if !u.Active || u.WorkEmail == "" || u.Role != a.AddressedTo {
			continue
		}
		if err := notify.Enqueue(ctx, c, notify.Notification{AuthorityID: a.AuthorityID, Kind: kind,
			UserID: u.ID, Address: u.WorkEmail, Payload: payload}); err != nil {
			return err
		}
		told++
	}
	if told == 0 {
		// The alert is kept and listed for managers and the child's staff;
		// say in the log that nobody was emailed.
		slog.WarnContext(ctx, "alert raised or escalated with nobody to tell", "alert", a.ID, "addressed_to", a.AddressedTo, "stage", a.Stage)
	}
	return nil
}

// tellRaiser tells the chair who raised an alert that it has a response.
func tellRaiser(ctx context.Context, c *ent.Client, a *ent.Alert, r *ent.AlertResponse) error {
	raiser, err := c.User.Get(privacy.DecisionContext(ctx, privacy.Allow), a.RaisedByID)
	if err != nil {
		return err
	}
	if !raiser.Active || raiser.WorkEmail == "" {
		slog.WarnContext(ctx, "alert response with nobody to tell", "alert", a.ID)
		return nil
	}
	return notify.Enqueue(ctx, c, notify.Notification{AuthorityID: a.AuthorityID, Kind: notify.AlertResponded,
		UserID: raiser.ID, Address: raiser.WorkEmail,
		Payload: map[string]string{"alertId": string(a.ID), "responseId": string(r.ID)}})
}
