package graph_test

import (
	"testing"

	"kite/ent/meeting"
	"kite/internal/apitest"
	"kite/internal/domain"
)

// TestLetterToTheChild is the chair's letter after a meeting: a draft only
// its writer sees, changed, then sent; the child is told and reads it, her
// social worker and a manager read it, her mother never does; nobody else
// writes or sends one, and a sent letter never changes.
func TestLetterToTheChild(t *testing.T) {
	s := apitest.New(t)
	chair, sw, ava, mum, manager := s.Login("chair.demo"), s.Login("sw.demo"), s.Login("child2.demo"), s.Login("parent.demo"), s.Login("manager.demo")
	avaID := childNamed(t, s, "Ava").ID
	held := s.Client().Meeting.Query().Where(meeting.ChildID(avaID), meeting.StatusEQ(domain.Held)).FirstX(apitest.System())
	next := s.Client().Meeting.Query().Where(meeting.ChildID(avaID), meeting.StatusEQ(domain.Scheduled)).FirstX(apitest.System())
	save := `mutation($id: ID!, $t: String!) { saveLetterToChild(input: {meetingId: $id, text: $t}) { letter { id text authorRole publishedAt } } }`
	publish := `mutation($id: ID!) { publishLetterToChild(meetingId: $id) { letter { id text publishedAt } } }`
	read := `query($id: ID!) { node(id: $id) { ... on Meeting { letterToChild { id text authorName authorRole publishedAt } } } }`
	letterOf := func(tok string) any {
		r := s.Query(tok, read, map[string]any{"id": held.ID})
		if len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		}
		return apitest.Path(r.Data, "node", "letterToChild")
	}

	// Only the child's chair writes, and only after a meeting that was held.
	for name, tok := range map[string]string{"social worker": sw, "child": ava, "mother": mum, "manager": manager} {
		if r := s.Query(tok, save, map[string]any{"id": held.ID, "t": "Dear Ava"}); r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" {
			t.Errorf("the %s writes a letter: %s", name, r.Raw)
		}
	}
	if r := s.Query(chair, save, map[string]any{"id": next.ID, "t": "Dear Ava"}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a letter before the meeting: %s", r.Raw)
	}
	if r := s.Query(chair, save, map[string]any{"id": held.ID, "t": "   "}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("an empty letter: %s", r.Raw)
	}

	// A draft, then new words: only the chair sees it.
	words := "Dear Ava, thank you for coming to your meeting. Everyone agreed that you will see your gran every week."
	if r := s.Query(chair, save, map[string]any{"id": held.ID, "t": "Dear Ava,"}); apitest.Path(r.Data, "saveLetterToChild", "letter", "publishedAt") != nil || len(r.Errors) > 0 {
		t.Fatalf("the chair saves a draft: %s", r.Raw)
	}
	r := s.Query(chair, save, map[string]any{"id": held.ID, "t": words})
	letterID := apitest.Path(r.Data, "saveLetterToChild", "letter", "id")
	if apitest.Path(r.Data, "saveLetterToChild", "letter", "text") != words || letterID == nil {
		t.Fatalf("the chair changes the draft: %s", r.Raw)
	}
	for name, tok := range map[string]string{"child": ava, "social worker": sw, "mother": mum, "manager": manager} {
		if got := letterOf(tok); got != nil {
			t.Errorf("the %s reads the draft: %v", name, got)
		}
	}
	if r := s.Query(sw, publish, map[string]any{"id": held.ID}); r.Code() != "FORBIDDEN" {
		t.Errorf("the social worker sends the chair's letter: %s", r.Raw)
	}
	if n := told(t, s, "child2.demo", domain.NoticeLetterReceived); n != 0 {
		t.Errorf("the child was told of a draft")
	}

	// Sent: the child is told, once, and reads it; so do her social worker
	// and a manager; her mother does not.
	for range 2 {
		if r := s.Query(chair, publish, map[string]any{"id": held.ID}); apitest.Path(r.Data, "publishLetterToChild", "letter", "publishedAt") == nil {
			t.Fatalf("the chair sends the letter: %s", r.Raw)
		}
	}
	if n := told(t, s, "child2.demo", domain.NoticeLetterReceived); n != 1 {
		t.Errorf("the child was told %d times, want once", n)
	}
	list := notifications(t, s, ava, true)
	if len(list) == 0 || list[0]["kind"] != "LETTER_RECEIVED" || apitest.Path(list[0], "about", "id") != letterID {
		t.Errorf("the child's notification of the letter: %v", list)
	}
	for name, tok := range map[string]string{"child": ava, "social worker": sw, "manager": manager, "chair": chair} {
		if got := letterOf(tok); apitest.Path(got, "text") != words || apitest.Path(got, "authorRole") != "CP_CHAIR" {
			t.Errorf("the %s reads the sent letter: %v", name, got)
		}
	}
	if got := letterOf(mum); got != nil {
		t.Errorf("the mother reads the letter to her child: %v", got)
	}
	if r := s.Query(chair, save, map[string]any{"id": held.ID, "t": "Something else"}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a sent letter is changed: %s", r.Raw)
	}
}
