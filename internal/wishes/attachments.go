package wishes

import (
	"context"
	"errors"
	"fmt"

	"kite/ent"
	"kite/ent/attachment"
	"kite/ent/wishesandfeelings"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/pictures"
	"kite/internal/viewer"
)

// A child's pictures (a drawing, a photo) go with their views: added to a
// draft, or sent with the submission, never added once it is sent. Each is
// cleaned first (internal/pictures: checked by its content, copied without
// metadata), and at most pictures.MaxPerSubmission go with one submission.

var msgTooManyPictures = fmt.Sprintf("You can add up to %d pictures. Take one away to add another.", pictures.MaxPerSubmission)

// cleanPictures checks and cleans pictures as they came, as BAD_USER_INPUT
// naming the one at fault (field[i]).
func cleanPictures(field string, raw [][]byte) ([]*pictures.Picture, error) {
	if len(raw) > pictures.MaxPerSubmission {
		return nil, apierr.BadInput(field, msgTooManyPictures)
	}
	out := make([]*pictures.Picture, len(raw))
	for i, data := range raw {
		p, err := pictures.Clean(data)
		var pe *pictures.Error
		if errors.As(err, &pe) {
			if len(raw) > 1 {
				return nil, apierr.BadInput(fmt.Sprintf("%s[%d]", field, i), pe.Message)
			}
			return nil, apierr.BadInput(field, pe.Message)
		}
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// attach adds cleaned pictures to a draft, at the places the draft has
// free. The unique place per submission keeps the limit even when two
// devices add at once: one of them fails rather than adding a fourth.
func attach(ctx context.Context, client *ent.Client, sub *ent.WishesAndFeelings, pics []*pictures.Picture) ([]*ent.Attachment, error) {
	if len(pics) == 0 {
		return nil, nil
	}
	taken, err := client.Attachment.Query().Where(attachment.SubmissionID(sub.ID)).
		Select(attachment.FieldPosition).Ints(ctx)
	if err != nil {
		return nil, fmt.Errorf("wishes: pictures: %w", err)
	}
	used := map[int]bool{}
	for _, p := range taken {
		used[p] = true
	}
	var out []*ent.Attachment
	for _, p := range pics {
		pos := 1
		for used[pos] {
			pos++
		}
		if pos > pictures.MaxPerSubmission {
			return nil, apierr.BadInput("attachments", msgTooManyPictures)
		}
		used[pos] = true
		a, err := client.Attachment.Create().SetAuthorityID(sub.AuthorityID).SetChildID(sub.ChildID).
			SetSubmissionID(sub.ID).SetPosition(pos).SetContentType(p.ContentType).SetData(p.Data).
			SetByteSize(len(p.Data)).SetWidth(p.Width).SetHeight(p.Height).
			Save(ctx)
		if ent.IsConstraintError(err) {
			return nil, apierr.BadInput("attachments", "Another picture was added at the same moment. Please try again.")
		}
		if err != nil {
			return nil, dataerr.ToAPI(err, "wishes: add picture")
		}
		out = append(out, a)
	}
	return out, nil
}

// AddAttachment adds a picture to one of the child's own drafts.
func (s *Service) AddAttachment(ctx context.Context, submissionID ident.ID, data []byte) (*ent.Attachment, error) {
	sub, v, err := s.visible(ctx, submissionID)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleChild || sub.ChildID != v.ChildID {
		return nil, apierr.Forbidden()
	}
	if sub.Status != domain.Draft {
		return nil, errSent
	}
	pics, err := cleanPictures("file", [][]byte{data})
	if err != nil {
		return nil, err
	}
	added, err := attach(ctx, s.Client, sub, pics)
	if err != nil {
		return nil, err
	}
	return added[0], nil
}

// RemoveAttachment takes a picture off one of the child's own drafts, and
// returns the draft.
func (s *Service) RemoveAttachment(ctx context.Context, id ident.ID) (*ent.WishesAndFeelings, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	a, err := s.Client.Attachment.Query().Where(attachment.ID(id)).
		Select(attachment.FieldID, attachment.FieldSubmissionID, attachment.FieldChildID).Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: picture")
	}
	sub, err := s.Client.WishesAndFeelings.Query().Where(wishesandfeelings.ID(a.SubmissionID)).Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: picture's submission")
	}
	if v.Role != domain.RoleChild || sub.ChildID != v.ChildID {
		return nil, apierr.Forbidden()
	}
	if sub.Status != domain.Draft {
		return nil, errSent
	}
	if err := s.Client.Attachment.DeleteOneID(a.ID).Exec(ctx); err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "wishes: remove picture")
	}
	return sub, nil
}

// Download is a picture as it is served: its type, a file name that says
// nothing about the child, and its bytes.
type Download struct {
	ContentType string
	FileName    string
	Data        []byte
}

// Attachment reads a picture for download by whoever may read it (the
// same rule as the submission's words), NOT_FOUND for anyone else exactly
// as for one that does not exist. A staff read is audited as the
// submission's is, in an audit batch of its own (the download is a request
// outside GraphQL).
func (s *Service) Attachment(ctx context.Context, id string) (*Download, error) {
	if _, err := viewer.Require(ctx); err != nil {
		return nil, err
	}
	if !ident.ID(id).Valid() {
		return nil, apierr.NotFound()
	}
	ctx = audit.WithReads(ctx)
	defer audit.Flush(ctx, s.Client)
	a, err := s.Client.Attachment.Query().Where(attachment.ID(ident.ID(id))).Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: download picture")
	}
	d := &Download{ContentType: a.ContentType, FileName: "picture-" + string(a.ID), Data: a.Data}
	switch a.ContentType {
	case pictures.PNG:
		d.FileName += ".png"
	case pictures.JPEG:
		d.FileName += ".jpg"
	default:
		d.ContentType = "application/octet-stream" // never guessed at by a browser
	}
	return d, nil
}
