package parents

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/planversion"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/textinput"
	"kite/internal/viewer"
)

// A plan's action may name the parent or carer who does it. They mark it
// done, with a note if they like; the child's social worker then confirms it
// (the action becomes DONE) or sends it back with a note saying why. Who may
// do each is the access rules' (internal/access/parents.go); this checks
// that the action is in a state for it.

// maxNote is the longest note, in characters.
const maxNote = 1000

// MarkActionDone records that the parent an action names has done it.
func (s *Service) MarkActionDone(ctx context.Context, id ident.ID, note string) (*ent.PlanAction, error) {
	a, err := s.currentAction(ctx, id)
	if err != nil {
		return nil, err
	}
	note, err = noteText("note", note, false)
	if err != nil {
		return nil, err
	}
	switch {
	case a.ForParentID == nil:
		return nil, apierr.BadInput("actionId", "This action does not name a parent or carer, so only staff change it.")
	case a.Status == domain.ActionDone || a.Status == domain.ActionDropped:
		return nil, apierr.BadInput("actionId", "This action is already done or no longer needed.")
	}
	u := s.Client.PlanAction.UpdateOneID(a.ID).SetDoneMarkedAt(s.Now()).ClearSentBackAt().ClearSentBackNote()
	if note != "" {
		u.SetDoneNote(note)
	} else {
		u.ClearDoneNote()
	}
	a, err = u.Save(ctx)
	return a, dataerr.ToAPIAfterRead(err, "mark action done")
}

// CheckActionDone records the social worker's answer to a parent's "done":
// confirmed (the action is DONE), or sent back with a note saying why.
func (s *Service) CheckActionDone(ctx context.Context, id ident.ID, confirmed bool, note string) (*ent.PlanAction, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	a, err := s.currentAction(ctx, id)
	if err != nil {
		return nil, err
	}
	if note, err = noteText("note", note, !confirmed); err != nil {
		return nil, err
	}
	switch {
	case confirmed && note != "":
		return nil, apierr.BadInput("note", "A note goes with sending an action back; confirming needs none.")
	case a.DoneMarkedAt == nil || a.DoneConfirmedAt != nil || a.SentBackAt != nil ||
		a.Status == domain.ActionDone || a.Status == domain.ActionDropped:
		return nil, apierr.BadInput("actionId", "No parent's \"done\" is waiting to be checked on this action.")
	}
	u := s.Client.PlanAction.UpdateOneID(a.ID)
	if confirmed {
		u.SetStatus(domain.ActionDone).SetDoneConfirmedAt(s.Now()).SetDoneConfirmedByID(v.UserID)
	} else {
		u.SetSentBackAt(s.Now()).SetSentBackNote(note)
	}
	a, err = u.Save(ctx)
	return a, dataerr.ToAPIAfterRead(err, "check action done")
}

// currentAction loads an action the viewer may see, of the plan's current
// (latest) version: an earlier version's actions are a record of the past.
func (s *Service) currentAction(ctx context.Context, id ident.ID) (*ent.PlanAction, error) {
	a, err := s.Client.PlanAction.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "plan action")
	}
	version, err := a.QueryPlanVersion().Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "plan action: version")
	}
	latest, err := s.Client.PlanVersion.Query().Where(planversion.PlanID(version.PlanID)).
		Order(ent.Desc(planversion.FieldVersion)).First(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan action: latest version: %w", err)
	}
	if latest.ID != version.ID {
		return nil, apierr.BadInput("actionId", "This action is from an earlier version of the plan. Please use the plan as it is now.")
	}
	return a, nil
}

// noteText checks a note: at most maxNote characters, without hidden
// formatting; required or not.
func noteText(field, v string, required bool) (string, error) {
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	switch {
	case required && v == "":
		return "", apierr.BadInput(field, "Please say why, in a few words.")
	case utf8.RuneCountInString(v) > maxNote:
		return "", apierr.BadInput(field, fmt.Sprintf("Please keep this under %d characters.", maxNote))
	}
	return v, textinput.Check(field, v)
}
