package access

import (
	"context"
	"fmt"
	"slices"

	kent "kite/ent"
	"kite/ent/familylink"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Who reads a child's sent views, by the child's choice. VisibleSubmissions,
// submissionsWithWords and maskSubmission decide with these lists, and
// SubmissionReaders tells the child from them, so what a child is told
// cannot drift from what the rules do.
var (
	// socialWorkerShares are the choices that let the child's social worker
	// read the words.
	socialWorkerShares = []domain.ShareWith{domain.ChairAndSocialWorker, domain.EveryoneAtMeeting}
	// familyShares are the choices that let the child's linked parents read
	// it (unless the chair withholds it from them).
	familyShares = []domain.ShareWith{domain.EveryoneAtMeeting}
)

// Sight is how much of a sent submission someone sees.
type Sight int

// What someone sees of a submission.
const (
	// SeesNothing: not that it exists.
	SeesNothing Sight = iota
	// SeesFlagOnly: that the child needs to talk to someone today, not what
	// they wrote.
	SeesFlagOnly
	// SeesWords: all of it.
	SeesWords
)

// Readers is what each of the people around a child sees of a submission
// sent with one choice: docs/access.md's "wishes and feelings: sent" row
// turned round. A manager sees a submission only by break-glass, so no
// manager is among them.
type Readers struct {
	// Chairs: the child's allocated IRO and CP Chair.
	Chairs Sight
	// SocialWorker: the child's allocated social worker.
	SocialWorker Sight
	// Family: the parents with an active family link and parental
	// responsibility, unless the chair withholds the submission from them.
	Family Sight
}

// SubmissionReaders is what the child's chairs, social worker and family see
// of a submission the child shares as share, urgent or not.
func SubmissionReaders(share domain.ShareWith, urgent bool) Readers {
	r := Readers{Chairs: SeesWords}
	switch {
	case slices.Contains(socialWorkerShares, share):
		r.SocialWorker = SeesWords
	case urgent:
		r.SocialWorker = SeesFlagOnly
	}
	if slices.Contains(familyShares, share) {
		r.Family = SeesWords
	}
	return r
}

// MayAskWhoWillSee reports whether v may ask who would see what a child
// sends: the child themself. The answer counts the child's linked parents,
// which nobody else may learn this way (a parent never learns of another).
func MayAskWhoWillSee(v *viewer.Viewer, childID ident.ID) bool {
	return v != nil && v.Role == domain.RoleChild && v.ChildID != "" && v.ChildID == childID
}

// FamilyReaders counts the parents who could read what the signed-in child
// shares with their family: active family links with parental
// responsibility whose parent's account is active. A child may not read
// their family links, so they are counted below the rules, for the child
// themself only, and only the number leaves.
func FamilyReaders(ctx context.Context, client *kent.Client, childID ident.ID) (int, error) {
	if !MayAskWhoWillSee(viewerOf(ctx), childID) {
		return 0, fmt.Errorf("family readers: only the child themself may ask")
	}
	n, err := client.FamilyLink.Query().
		Where(familylink.ChildID(childID), familylink.Active(true), familylink.ParentalResponsibility(true),
			familylink.HasParentWith(user.Active(true))).
		Count(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return 0, fmt.Errorf("family readers: %w", err)
	}
	return n, nil
}
