package advocacy

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/advocacyrequest"
	"kite/ent/allocation"
	"kite/ent/childidentity"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Ask is a request for an advocate, as the person asking sends it.
type Ask struct {
	ChildID ident.ID
	// Note is what they want the advocacy service to know; may be empty.
	Note string
	// IdempotencyKey identifies one asking: asking again with it returns
	// the first request and stores nothing new.
	IdempotencyKey string
}

// Asked is a stored request, with what the person who asked is told.
type Asked struct {
	Request *ent.AdvocacyRequest
	// Service is the advocacy service now (the authority's own contact), or nil.
	Service *ent.HelpContact
	// Emailed: the request went to the advocacy service's email address
	// (through the outbox); otherwise a manager passes it on.
	Emailed bool
}

// Limits of a request.
const (
	maxNote = 2000
	maxKey  = 128
	// formKeyPrefix begins the key of a request made by a form's "yes".
	formKeyPrefix = "form:"
	// maxOpen caps a list of open requests.
	maxOpen = 100
)

// Request asks for an advocate for a child: by the child for themself, or by
// their chair or social worker on their behalf (the rules decide). The
// request is stored, sent to the authority's advocacy service through the
// outbox, and told to the child's chairs and the authority's managers (and
// to the child, when someone asked for them), all in one transaction.
func (s *Service) Request(ctx context.Context, in Ask) (*Asked, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	note := strings.TrimSpace(in.Note)
	switch key := in.IdempotencyKey; {
	case strings.TrimSpace(key) == "" || len(key) > maxKey:
		return nil, apierr.BadInput("idempotencyKey", fmt.Sprintf("Please send a key of 1 to %d characters.", maxKey))
	case strings.HasPrefix(key, formKeyPrefix):
		return nil, apierr.BadInput("idempotencyKey", "Keys starting with \"form:\" are Kite's own. Please use another.")
	case utf8.RuneCountInString(note) > maxNote:
		return nil, apierr.BadInput("note", fmt.Sprintf("Please keep this to %d characters.", maxNote))
	}
	c, err := s.Client.Child.Get(ctx, in.ChildID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "advocacy: child")
	}
	if !access.MayAskForAdvocate(v) || (v.Role == domain.RoleChild && v.ChildID != c.ID) {
		return nil, apierr.Forbidden()
	}
	if unborn, err := s.unborn(ctx, c.ID); err != nil || unborn {
		if err == nil {
			err = apierr.BadInput("childId", "A baby who is not born yet cannot have an advocate.")
		}
		return nil, err
	}
	if prev, err := s.byKey(ctx, c.ID, in.IdempotencyKey); err != nil || prev != nil {
		return s.asked(ctx, prev, err)
	}
	var saved *ent.AdvocacyRequest
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		saved, err = s.create(ctx, tx.Client(), v, c, note, in.IdempotencyKey, nil)
		return err
	})
	if ent.IsConstraintError(err) {
		// The same key sent twice at once: the other request stored it.
		if prev, kerr := s.byKey(ctx, c.ID, in.IdempotencyKey); kerr != nil || prev != nil {
			return s.asked(ctx, prev, kerr)
		}
	}
	if err != nil {
		return nil, dataerr.ToAPI(err, "advocacy: ask")
	}
	s.wake()
	return s.asked(ctx, saved.Unwrap(), nil)
}

// unborn reports whether the child is a baby not yet born (no date of
// birth), as far as the viewer may see: a child never reads their own
// identity, and a child with an account has been born.
func (s *Service) unborn(ctx context.Context, childID ident.ID) (bool, error) {
	id, err := s.Client.ChildIdentity.Query().Where(childidentity.ChildID(childID)).Only(ctx)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("advocacy: child's identity: %w", err)
	}
	return id.DateOfBirth == nil, nil
}

// FromForm is a child's "yes" to their form's advocacy question (key
// "advocate"), in the transaction that sends the form: it makes one request
// for the submission (key form:<submission id>), unless the child already
// has one open. The viewer is the child sending. It reports whether it made
// one; the caller wakes the outbox (Wake) after the commit.
func (s *Service) FromForm(ctx context.Context, tx *ent.Tx, c *ent.Child, sub *ent.WishesAndFeelings) (bool, error) {
	if !SaysYes(sub) {
		return false, nil
	}
	v, err := viewer.Require(ctx)
	if err != nil {
		return false, err
	}
	open, err := tx.AdvocacyRequest.Query().
		Where(advocacyrequest.ChildID(c.ID), advocacyrequest.StatusNEQ(domain.AdvocacyClosed)).Exist(ctx)
	if err != nil || open {
		return false, err
	}
	id := sub.ID
	_, err = s.create(ctx, tx.Client(), v, c, "", formKeyPrefix+string(sub.ID), &id)
	return err == nil, err
}

// SaysYes reports whether a sent submission answered its advocacy question
// "yes" (every child form asks it, with the key "advocate").
func SaysYes(sub *ent.WishesAndFeelings) bool {
	for _, a := range sub.Answers {
		if a.QuestionKey == "advocate" && a.Value == "yes" {
			return true
		}
	}
	return false
}

// ForSubmission is the request a sent form's "yes" stands for: the one it
// made, or else, when it answered "yes", the child's newest open request
// (which it did not repeat); nil otherwise.
func (s *Service) ForSubmission(ctx context.Context, sub *ent.WishesAndFeelings) (*ent.AdvocacyRequest, error) {
	r, err := s.Client.AdvocacyRequest.Query().Where(advocacyrequest.SubmissionID(sub.ID)).First(ctx)
	if err = ent.MaskNotFound(err); err != nil || r != nil || !SaysYes(sub) {
		return r, err
	}
	r, err = s.Client.AdvocacyRequest.Query().
		Where(advocacyrequest.ChildID(sub.ChildID), advocacyrequest.StatusNEQ(domain.AdvocacyClosed)).
		Order(ent.Desc(advocacyrequest.FieldRequestedAt)).First(ctx)
	return r, ent.MaskNotFound(err)
}

// create stores a request and tells everyone who must be told, with the
// client of the caller's transaction.
func (s *Service) create(ctx context.Context, c *ent.Client, v *viewer.Viewer, child *ent.Child, note, key string, submission *ident.ID) (*ent.AdvocacyRequest, error) {
	r, err := c.AdvocacyRequest.Create().
		SetAuthorityID(child.AuthorityID).SetChildID(child.ID).SetAskedByID(v.UserID).SetAskedByRole(v.Role).
		SetNote(note).SetIdempotencyKey(key).SetNillableSubmissionID(submission).SetRequestedAt(s.Now().UTC()).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.sendToService(ctx, c, r); err != nil {
		return nil, err
	}
	if err := s.tellStaff(ctx, c, r); err != nil {
		return nil, err
	}
	if v.Role != domain.RoleChild {
		return r, notify.TellChild(ctx, c, child.ID, notify.Tiding{AuthorityID: r.AuthorityID,
			Kind: domain.NoticeAdvocateAskedForYou, AboutID: r.ID, DedupeKey: "advocacy:" + string(r.ID)})
	}
	return r, nil
}

// sendToService writes the email to the advocacy service's address to the
// outbox: only the request's reference, never the child's name or words
// (notify.Render). Without an address the request stays in Kite, where the
// managers see it, and the log says so.
func (s *Service) sendToService(ctx context.Context, c *ent.Client, r *ent.AdvocacyRequest) error {
	svc, err := s.serviceOf(ctx, c, r.AuthorityID)
	if err != nil {
		return err
	}
	if svc == nil || svc.Email == "" {
		slog.ErrorContext(ctx, "request for an advocate with no advocacy service address: the managers must pass it on",
			"authority", r.AuthorityID, "request", r.ID)
		return nil
	}
	return notify.Enqueue(ctx, c, notify.Notification{AuthorityID: r.AuthorityID, Kind: notify.AdvocacyRequested,
		Address: svc.Email, Payload: map[string]string{"requestId": string(r.ID)}})
}

// serviceOf is the authority's advocacy service, read as system code: the
// child asking may read it too, but the address is looked up for sending.
func (s *Service) serviceOf(ctx context.Context, c *ent.Client, la ident.ID) (*ent.HelpContact, error) {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	rows, err := c.HelpContact.Query().All(sys)
	if err != nil {
		return nil, fmt.Errorf("advocacy: advocacy service: %w", err)
	}
	var mine []*ent.HelpContact
	for _, r := range rows {
		if r.AuthorityID == nil || *r.AuthorityID == la {
			mine = append(mine, r)
		}
	}
	for _, h := range pick(mine) {
		if h.Kind == domain.HelpAdvocacy {
			return h, nil
		}
	}
	return nil, nil
}

// tellStaff tells the child's current chairs (IRO, CP Chair) and the
// authority's managers, in Kite, that the child asked for an advocate; not
// the person who asked. Read as system code: the child asking may not read
// the managers' accounts.
func (s *Service) tellStaff(ctx context.Context, c *ent.Client, r *ent.AdvocacyRequest) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	chairs, err := c.Allocation.Query().
		Where(allocation.ChildID(r.ChildID), allocation.KindIn(domain.AllocIRO, domain.AllocCPChair), access.CurrentAllocations()).
		Select(allocation.FieldStaffID).Strings(sys)
	if err != nil {
		return fmt.Errorf("advocacy: chairs: %w", err)
	}
	managers, err := c.User.Query().
		Where(user.AuthorityID(r.AuthorityID), user.RoleEQ(domain.RoleManager), user.Active(true)).
		IDs(sys)
	if err != nil {
		return fmt.Errorf("advocacy: managers: %w", err)
	}
	told := map[ident.ID]bool{r.AskedByID: true}
	for _, id := range append(idsOf(chairs), managers...) {
		if told[id] {
			continue
		}
		told[id] = true
		if err := notify.Tell(ctx, c, notify.Tiding{AuthorityID: r.AuthorityID, UserID: id,
			Kind: domain.NoticeAdvocacyRequested, AboutID: r.ID, DedupeKey: "advocacy:" + string(r.ID)}); err != nil {
			return err
		}
	}
	return nil
}

func idsOf(ss []string) []ident.ID {
	out := make([]ident.ID, len(ss))
	for i, s := range ss {
		out[i] = ident.ID(s)
	}
	return out
}

// byKey finds the child's request made with this key, if any.
func (s *Service) byKey(ctx context.Context, childID ident.ID, key string) (*ent.AdvocacyRequest, error) {
	r, err := s.Client.AdvocacyRequest.Query().
		Where(advocacyrequest.ChildID(childID), advocacyrequest.IdempotencyKey(key)).Only(ctx)
	if err = ent.MaskNotFound(err); err != nil {
		return nil, fmt.Errorf("advocacy: find by key: %w", err)
	}
	return r, nil
}

// asked is a stored request with its advocacy service, and whether it went
// there by email.
func (s *Service) asked(ctx context.Context, r *ent.AdvocacyRequest, err error) (*Asked, error) {
	if err != nil {
		return nil, err
	}
	svc, err := s.serviceOf(ctx, s.Client, r.AuthorityID)
	if err != nil {
		return nil, err
	}
	return &Asked{Request: r, Service: svc, Emailed: svc != nil && svc.Email != ""}, nil
}

// Move records that a request moved on (a manager's, by the rules): to a
// later status, with the time of that step; steps skipped keep no time. The
// child is told.
func (s *Service) Move(ctx context.Context, id ident.ID, to domain.AdvocacyStatus) (*ent.AdvocacyRequest, error) {
	if _, err := viewer.Require(ctx); err != nil {
		return nil, err
	}
	r, err := s.Client.AdvocacyRequest.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "advocacy: request")
	}
	if to.Step() <= r.Status.Step() {
		return nil, apierr.BadInput("status", fmt.Sprintf("A request only moves forward, and this one is already %q.", r.Status.Label()))
	}
	now := s.Now().UTC()
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		u := tx.AdvocacyRequest.Update().
			Where(advocacyrequest.ID(r.ID), advocacyrequest.StatusEQ(r.Status)).SetStatus(to)
		switch to {
		case domain.AdvocacyAccepted:
			u.SetAcceptedAt(now)
		case domain.AdvocacyContacted:
			u.SetContactedAt(now)
		case domain.AdvocacyClosed:
			u.SetClosedAt(now)
		}
		n, err := u.Save(ctx)
		if err != nil {
			return dataerr.ToAPIAfterRead(err, "advocacy: move on")
		}
		if n == 0 {
			return apierr.BadInput("status", "This request changed meanwhile. Please reload it to see where it stands.")
		}
		return notify.TellChild(ctx, tx.Client(), r.ChildID, notify.Tiding{AuthorityID: r.AuthorityID,
			Kind: domain.NoticeAdvocacyStatusChanged, AboutID: r.ID, DedupeKey: fmt.Sprintf("advocacy:%s:%s", r.ID, to)})
	})
	if err != nil {
		return nil, err
	}
	return s.Client.AdvocacyRequest.Get(ctx, r.ID)
}

// Open are the requests not yet closed that the viewer may see, oldest
// first: for a manager, the authority's; for staff, their children's; for a
// child, their own.
func (s *Service) Open(ctx context.Context, limit int) ([]*ent.AdvocacyRequest, error) {
	if limit <= 0 || limit > maxOpen {
		limit = maxOpen
	}
	rows, err := s.Client.AdvocacyRequest.Query().
		Where(advocacyrequest.StatusNEQ(domain.AdvocacyClosed)).
		Order(ent.Asc(advocacyrequest.FieldRequestedAt), ent.Asc(advocacyrequest.FieldID)).
		Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("advocacy: open requests: %w", err)
	}
	return rows, nil
}

// OfChild are a child's requests the viewer may see, newest first.
func (s *Service) OfChild(ctx context.Context, childID ident.ID) ([]*ent.AdvocacyRequest, error) {
	rows, err := s.Client.AdvocacyRequest.Query().
		Where(advocacyrequest.ChildID(childID)).
		Order(ent.Desc(advocacyrequest.FieldRequestedAt), ent.Desc(advocacyrequest.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("advocacy: child's requests: %w", err)
	}
	return rows, nil
}

// AgeDays is how many days a request has been going: from the day it was
// asked for to today, or to the day it was closed (Europe/London).
func AgeDays(r *ent.AdvocacyRequest, today civil.Date) int {
	end := today
	if r.ClosedAt != nil {
		end = civil.InLondon(*r.ClosedAt)
	}
	return max(0, civil.InLondon(r.RequestedAt).DaysUntil(end))
}

func (s *Service) wake() {
	if s.Wake != nil {
		s.Wake()
	}
}
