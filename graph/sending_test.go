package graph_test

import (
	"bytes"
	"context"
	"image/jpeg"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kite/ent/auditevent"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/httpserver"
	"kite/internal/ident"
	"kite/internal/pictures"
	"kite/internal/pictures/picturetest"
	"kite/internal/viewer"
)

const (
	narrowMutation = `mutation($id: ID!, $to: ShareWith!) { narrowSubmissionSharing(input: {submissionId: $id, shareWith: $to}) {
		submission { id shareWith status revision } } }`
	addAttachmentMutation = `mutation($in: AddAttachmentInput!) { addAttachment(input: $in) {
		attachment { id contentType byteSize width height downloadPath } } }`
	removeAttachmentMutation = `mutation($id: ID!) { removeAttachment(id: $id) { submission { id attachments { id } } } }`
)

// TestNarrowingWhoSeesASubmission: Ava sends her views to everyone at the
// meeting, then lets fewer people see them: her parent stops seeing them at
// once (node, lists), then her social worker (node, lists, and an event
// still on its way to their subscription). Widening is refused; so is
// narrowing once someone has read it. The rule is internal/access's: the
// data layer refuses a widening even without the service.
func TestNarrowingWhoSeesASubmission(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	ava := childNamed(t, s, "Ava")
	child, parent, sw, chair := s.Login("child2.demo"), s.Login("parent.demo"), s.Login("sw.demo"), s.Login("chair.demo")
	r := submit(t, s, child, ava.ID, "narrow-1", false, map[string]any{"shareWith": "EVERYONE_AT_MEETING"})
	id, _ := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id").(string)
	if id == "" {
		t.Fatal(r.Raw)
	}
	sees := func(token string) bool {
		t.Helper()
		r := s.Query(token, `query($id: ID!, $c: ID!) { node(id: $id) { id } child(id: $c) { submissions(first: 100) { edges { node { id } } } } }`,
			map[string]any{"id": id, "c": ava.ID})
		inList := false
		for _, e := range apitest.Path(r.Data, "child", "submissions", "edges").([]any) {
			inList = inList || apitest.Path(e, "node", "id") == id
		}
		if (r.Data["node"] != nil) != inList {
			t.Fatalf("node and list disagree: %s", r.Raw)
		}
		return inList
	}
	received := func(token string) bool {
		t.Helper()
		r := s.Query(token, `{ receivedSubmissions { id } }`, nil)
		for _, x := range apitest.Path(r.Data, "receivedSubmissions").([]any) {
			if apitest.Path(x, "id") == id {
				return true
			}
		}
		return false
	}
	if !sees(parent) || !sees(sw) || !sees(chair) || !received(sw) {
		t.Fatal("everyone at the meeting should see it first")
	}
	narrow := func(token, to string) *apitest.Response {
		t.Helper()
		return s.Query(token, narrowMutation, map[string]any{"id": id, "to": to})
	}
	// Nobody but Ava narrows it.
	for _, tok := range []string{parent, sw, chair, s.Login("child.demo")} {
		if r := narrow(tok, "CHAIR_ONLY"); r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" {
			t.Errorf("someone else narrows Ava's submission: %s", r.Raw)
		}
	}

	r = narrow(child, "CHAIR_AND_SOCIAL_WORKER")
	if apitest.Path(r.Data, "narrowSubmissionSharing", "submission", "shareWith") != "CHAIR_AND_SOCIAL_WORKER" {
		t.Fatalf("narrow: %s", r.Raw)
	}
	if sees(parent) || !sees(sw) {
		t.Error("after narrowing to chair and social worker: the parent still sees it, or the social worker does not")
	}
	// Widening is sending again.
	if r := narrow(child, "EVERYONE_AT_MEETING"); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "shareWith" {
		t.Errorf("widen: %s", r.Raw)
	}
	// The same choice again (a second tap) changes nothing and is fine.
	if r := narrow(child, "CHAIR_AND_SOCIAL_WORKER"); len(r.Errors) > 0 {
		t.Errorf("the same choice again: %s", r.Raw)
	}
	// A widening straight through the data layer, as the child: refused.
	sub := s.Client().WishesAndFeelings.GetX(apitest.System(), ident.ID(id))
	avaViewer := &viewer.Viewer{UserID: *ava.UserID, AuthorityID: ava.AuthorityID, Role: domain.RoleChild, ChildID: ava.ID}
	n, err := s.Client().WishesAndFeelings.Update().Where(wishesandfeelings.ID(sub.ID)).
		SetShareWith(domain.EveryoneAtMeeting).AddRevision(1).Save(viewer.NewContext(context.Background(), avaViewer))
	if err == nil && n != 0 {
		t.Fatal("the data layer let the child widen who sees a sent submission")
	}

	// The social worker is listening for new submissions when Ava narrows to
	// the chair only; an event about it still on its way reaches the chair,
	// not them.
	swWS, err := dial(t, srv, sw)
	if err != nil {
		t.Fatal(err)
	}
	chairWS, err := dial(t, srv, chair)
	if err != nil {
		t.Fatal(err)
	}
	q := `subscription { submissionReceived { id shareWith } }`
	swWS.subscribe("1", q)
	chairWS.subscribe("1", q)
	time.Sleep(100 * time.Millisecond) // let the subscriptions start
	if r := narrow(child, "CHAIR_ONLY"); apitest.Path(r.Data, "narrowSubmissionSharing", "submission", "shareWith") != "CHAIR_ONLY" {
		t.Fatalf("narrow to the chair only: %s", r.Raw)
	}
	if sees(sw) || received(sw) || sees(parent) || !sees(chair) {
		t.Error("after narrowing to the chair only: someone but the chair sees it")
	}
	s.App.Events.Publish(events.Event{Kind: events.SubmissionReceived, AuthorityID: ava.AuthorityID, SubmissionID: sub.ID, ChildID: ava.ID})
	if got, ok := chairWS.next(5 * time.Second); !ok || apitest.Path(got, "submissionReceived", "shareWith") != "CHAIR_ONLY" {
		t.Fatalf("chair's subscription: %v", got)
	}
	if got, ok := swWS.next(500 * time.Millisecond); ok {
		t.Fatalf("the social worker's subscription still delivers it: %v", got)
	}

	// Once read, who sees it stays as it was.
	r = submit(t, s, child, ava.ID, "narrow-2", false, map[string]any{"shareWith": "CHAIR_AND_SOCIAL_WORKER"})
	second, _ := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id").(string)
	if r := s.Query(chair, `mutation($id: ID!) { markSubmissionRead(id: $id) { status } }`, map[string]any{"id": second}); len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	r = s.Query(child, narrowMutation, map[string]any{"id": second, "to": "CHAIR_ONLY"})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "submissionId" || !strings.Contains(r.Errors[0].Message, "already read") {
		t.Errorf("narrowing after it was read: %s", r.Raw)
	}
	if got := s.Client().WishesAndFeelings.GetX(apitest.System(), ident.ID(second)).ShareWith; got != domain.ChairAndSocialWorker {
		t.Errorf("after a refused narrowing, shared with %s", got)
	}
	// A draft's share choice is made when it is sent.
	r = s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": ava.ID, "answers": []map[string]any{}}})
	draft := apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "id")
	if r := s.Query(child, narrowMutation, map[string]any{"id": draft, "to": "CHAIR_ONLY"}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("narrowing a draft: %s", r.Raw)
	}
}

// TestPicturesJourney: Jamie adds a drawing and a phone photo to a draft,
// sends it with one more; the photo comes back without where it was taken;
// a text file named like a picture is refused; nothing is added once sent;
// each picture is downloaded only by whoever may read the submission, as a
// file to save, and staff reads are audited like the submission's.
func TestPicturesJourney(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	child := s.Login("child.demo")
	r := s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": jamie.ID,
		"answers": []map[string]any{{"questionKey": "going_well", "value": "I drew my room."}}}})
	draft, _ := apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "id").(string)
	if draft == "" {
		t.Fatal(r.Raw)
	}
	add := func(name string, data []byte) *apitest.Response {
		t.Helper()
		return s.Upload(child, addAttachmentMutation, map[string]any{"in": map[string]any{"submissionId": draft, "file": nil}},
			apitest.File{Path: "variables.in.file", Name: name, Data: data})
	}
	drawing := picturetest.PNGWithText(picturetest.Halves(40, 30), "Drawn at 12 Acacia Avenue")
	photo := picturetest.PhoneJPEG(picturetest.Halves(64, 48), 6) // taken sideways, with GPS
	if !picturetest.HasGPS(photo) {
		t.Fatal("the test photo has no GPS, so this test proves nothing")
	}
	r = add("my-room.png", drawing)
	if apitest.Path(r.Data, "addAttachment", "attachment", "contentType") != "image/png" {
		t.Fatalf("add a drawing: %s", r.Raw)
	}
	r = add("IMG_0001.JPG", photo)
	photoPath, _ := apitest.Path(r.Data, "addAttachment", "attachment", "downloadPath").(string)
	if photoPath == "" || apitest.Path(r.Data, "addAttachment", "attachment", "width") != float64(48) {
		t.Fatalf("add a photo (turned the right way up: 48 wide): %s", r.Raw)
	}
	// A text file named and typed as a picture is refused by its content.
	r = add("drawing.png", []byte("not a picture at all, whatever its name says"))
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "file" || !strings.Contains(r.Errors[0].Message, "PNG or JPEG") {
		t.Errorf("a renamed text file: %s", r.Raw)
	}
	// Too big.
	if r := add("huge.jpg", append(append([]byte{}, photo...), make([]byte, pictures.MaxBytes)...)); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a picture over 5 MB: %s", r.Raw)
	}

	// Downloaded by Jamie: a JPEG, as a file to save, with no EXIF at all.
	rec := s.Download(child, photoPath)
	if rec.Code != http.StatusOK {
		t.Fatalf("download: %d %s", rec.Code, rec.Body)
	}
	h := rec.Header()
	if h.Get("Content-Type") != "image/jpeg" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
		h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Cache-Control") != "no-store" {
		t.Errorf("download headers: %v", h)
	}
	body := rec.Body.Bytes()
	if picturetest.HasGPS(body) || bytes.Contains(body, []byte("Exif")) {
		t.Error("the photo came back with its GPS position")
	}
	if img, err := jpeg.Decode(bytes.NewReader(body)); err != nil || img.Bounds().Dx() != 48 || img.Bounds().Dy() != 64 {
		t.Errorf("the photo is not a JPEG the right way up: %v", err)
	}
	// A draft's pictures are Jamie's alone.
	if rec := s.Download(s.Login("iro.demo"), photoPath); rec.Code != http.StatusNotFound {
		t.Errorf("the IRO downloads a draft's picture: %d", rec.Code)
	}

	// Sent with one more (three in all); a fourth is refused.
	one := picturetest.PNG(picturetest.Halves(8, 8))
	in := map[string]any{"childId": jamie.ID, "submissionId": draft, "shareWith": "CHAIR_ONLY", "idempotencyKey": "pictures-1",
		"answers": []map[string]any{{"questionKey": "going_well", "value": "I drew my room."}}, "attachments": []any{nil, nil}}
	r = s.Upload(child, submitMutation, map[string]any{"in": in}, apitest.File{Path: "variables.in.attachments.0", Name: "a.png", Data: one},
		apitest.File{Path: "variables.in.attachments.1", Name: "b.png", Data: one})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "attachments" {
		t.Errorf("a fourth picture: %s", r.Raw)
	}
	in["attachments"] = []any{nil}
	r = s.Upload(child, submitMutation, map[string]any{"in": in}, apitest.File{Path: "variables.in.attachments.0", Name: "a.png", Data: one})
	if apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "status") != "SUBMITTED" {
		t.Fatalf("send with a picture: %s", r.Raw)
	}
	q := `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { attachments { id downloadPath } } } }`
	if got := apitest.Path(s.Query(child, q, map[string]any{"id": draft}).Data, "node", "attachments"); len(got.([]any)) != 3 {
		t.Errorf("sent with %v pictures, want 3", got)
	}
	// Sent: nothing is added or taken away.
	if r := add("late.png", one); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a picture added after sending: %s", r.Raw)
	}
	first := apitest.Path(s.Query(child, q, map[string]any{"id": draft}).Data, "node", "attachments", 0, "id")
	if r := s.Query(child, removeAttachmentMutation, map[string]any{"id": first}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a picture taken off after sending: %s", r.Raw)
	}

	// Shared with the chair only: the IRO downloads it (audited as a read
	// of Jamie's submissions); the social worker, a parent and anyone
	// without a token do not, and a picture they may not see looks missing.
	iro := s.Login("iro.demo")
	if rec := s.Download(iro, photoPath); rec.Code != http.StatusOK {
		t.Errorf("the IRO cannot download the sent photo: %d", rec.Code)
	}
	read := s.Client().AuditEvent.Query().Where(auditevent.Action(audit.SubmissionsRead),
		auditevent.ActorID(userID(t, s, "iro.demo").ID), auditevent.ChildID(jamie.ID), auditevent.EntityType("attachment"))
	if n := read.CountX(apitest.System()); n != 1 {
		t.Errorf("the IRO's download: %d audit events, want 1", n)
	}
	missing := s.Download(iro, httpserver.AttachmentPath+string(ident.New("att")))
	for name, tok := range map[string]string{"social worker": s.Login("sw.demo"), "parent": s.Login("parent.demo"), "other child": s.Login("child2.demo")} {
		rec := s.Download(tok, photoPath)
		if rec.Code != http.StatusNotFound || rec.Body.String() != missing.Body.String() {
			t.Errorf("%s downloads the photo: %d %s", name, rec.Code, rec.Body)
		}
	}
	if rec := s.Download("", photoPath); rec.Code != http.StatusUnauthorized {
		t.Errorf("without a token: %d", rec.Code)
	}
	if rec := s.Download(iro, httpserver.AttachmentPath+"not-an-id"); rec.Code != http.StatusNotFound {
		t.Errorf("a malformed id: %d", rec.Code)
	}
}

// TestUploadBodyLimits: a request with pictures may be bigger than
// KITE_MAX_BODY, but only with a token; without one the usual limit stands.
func TestUploadBodyLimits(t *testing.T) {
	s := apitest.New(t)
	big := make([]byte, int(s.Config.MaxBody)+1024)
	copy(big, picturetest.PNG(picturetest.Halves(8, 8)))
	file := apitest.File{Path: "variables.in.file", Name: "big.png", Data: big}
	vars := map[string]any{"in": map[string]any{"submissionId": ident.New("waf"), "file": nil}}
	if r := s.Upload("", addAttachmentMutation, vars, file); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("without a token: %d %s", r.Status, r.Raw)
	}
	// With a token the body is read, and the picture is judged on its own.
	if r := s.Upload(s.Login("child.demo"), addAttachmentMutation, vars, file); r.Status == http.StatusRequestEntityTooLarge || r.Code() != "NOT_FOUND" {
		t.Errorf("with a token: %d %s", r.Status, r.Raw)
	}
	// JSON bodies keep KITE_MAX_BODY, token or not.
	if r := s.Query(s.Login("child.demo"), `{ me { id } }`, map[string]any{"pad": string(big)}); r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("a big JSON body with a token: %d", r.Status)
	}
}

// TestAMapThatDoesNotFitIsBadInput: a multipart request whose map of files
// points where the variables have no list is the client's mistake (gqlgen
// would panic on it): BAD_USER_INPUT, and the server carries on.
func TestAMapThatDoesNotFitIsBadInput(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("child.demo")
	png := picturetest.PNG(picturetest.Halves(4, 4))
	vars := map[string]any{"in": map[string]any{"submissionId": ident.New("waf"), "file": nil}}
	for _, path := range []string{"variables.in.0", "variables.in.file.0.x", "variables.list.5"} {
		r := s.Upload(tok, addAttachmentMutation, map[string]any{"in": vars["in"], "list": []any{}},
			apitest.File{Path: path, Name: "a.png", Data: png})
		if r.Status == http.StatusOK || r.Status >= 500 {
			t.Errorf("map path %s: %d %s", path, r.Status, r.Raw)
		}
	}
	if r := s.Query(tok, `{ me { id } }`, nil); len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
}
