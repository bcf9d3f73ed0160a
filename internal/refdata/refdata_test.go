package refdata

import (
	"context"
	"testing"

	"kite/ent/formtemplate"
	"kite/ent/glossaryentry"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies; without them every query fails
	"kite/internal/forms"
	"kite/internal/glossary"
	"kite/internal/testdb"
)

// system is the context of system code, which sees every row.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

func TestReferenceDataTwice(t *testing.T) {
	client := testdb.Open(t).Client
	ctx := context.Background()
	for run := 1; run <= 2; run++ {
		if err := Write(ctx, client); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		entries := client.GlossaryEntry.Query().Where(glossaryentry.AuthorityIDIsNil()).CountX(system())
		if want := len(glossary.Default()); entries != want {
			t.Errorf("run %d: %d glossary entries, want %d", run, entries, want)
		}
		templates := client.FormTemplate.Query().Where(formtemplate.AuthorityIDIsNil()).AllX(system())
		if want := len(forms.Defaults()); len(templates) != want {
			t.Errorf("run %d: %d form templates, want %d", run, len(templates), want)
		}
		for _, ft := range templates {
			want, ok := forms.Find(forms.Defaults(), ft.Key, ft.Version)
			if !ok || len(ft.Questions) != len(want.Questions) || string(ft.Audience) != string(want.Audience) ||
				ft.MinAge != want.MinAge || ft.MaxAge != want.MaxAge || ft.Title != want.Title {
				t.Errorf("run %d: stored template %s v%d differs from the default", run, ft.Key, ft.Version)
			}
		}
	}
}

// TestExistingDatabaseGetsNewEntries: a database written before an entry
// was added to the glossary gets it at the next start; the entries it has
// are left as they are.
func TestExistingDatabaseGetsNewEntries(t *testing.T) {
	client := testdb.Open(t).Client
	ctx := context.Background()
	if err := Write(ctx, client); err != nil {
		t.Fatal(err)
	}
	client.GlossaryEntry.Delete().Where(glossaryentry.Term("Independent Visitor")).ExecX(system())
	client.GlossaryEntry.Update().Where(glossaryentry.Term("Advocate")).SetExplanation("Our own words.").ExecX(system())
	if err := Write(ctx, client); err != nil {
		t.Fatal(err)
	}
	if n := client.GlossaryEntry.Query().Where(glossaryentry.Term("Independent Visitor")).CountX(system()); n != 1 {
		t.Errorf("%d Independent Visitor entries after the next start, want 1", n)
	}
	if e := client.GlossaryEntry.Query().Where(glossaryentry.Term("Advocate")).OnlyX(system()); e.Explanation != "Our own words." {
		t.Errorf("an existing entry was changed: %q", e.Explanation)
	}
}
