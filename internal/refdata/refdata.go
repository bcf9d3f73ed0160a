// Package refdata writes the reference data every Kite database needs:
// the national glossary (internal/glossary), the default form templates
// (internal/forms) and the national help contacts (Childline); and it gives
// each authority help contacts from the advocacy and complaints details its
// record has always had, where it has none of its own yet. Both are built into the binary; Write stores what a
// database does not have yet, at every start of `kite serve` and in
// `kite migrate`. (Bank holidays need no rows: they are a table in
// internal/timescales.)
//
// Writing reference data is system code: it runs before anyone signs in
// and writes records that no viewer may write, so Write bypasses the access
// rules of internal/access with privacy.DecisionContext, and says so.
package refdata

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/formtemplate"
	"kite/ent/glossaryentry"
	"kite/ent/helpcontact"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/glossary"
	"kite/internal/txn"
)

// Write adds the global glossary entries (glossary.Default) and the
// default form templates (forms.Defaults) that the database does not have
// yet. It is safe to run at every start: an entry whose term is already
// there, or a template whose key and version are already there, is left as
// it is (a template version is never changed once stored, so answers keep
// the questions they answered).
func Write(ctx context.Context, client *ent.Client) error {
	// System code: reference data is written at start-up, before any viewer
	// exists, and the access rules let no viewer write it.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	return txn.Run(ctx, client, func(tx *ent.Tx) error {
		return WriteIn(ctx, tx)
	})
}

// WriteIn does the work of Write inside the caller's transaction, so that
// the demo and the generator, whose records answer the default forms, add
// it with their own records or not at all. The caller's context must allow
// system writes (privacy.DecisionContext).
func WriteIn(ctx context.Context, tx *ent.Tx) error {
	c := tx.Client()
	if err := addGlossary(ctx, c); err != nil {
		return err
	}
	if err := addForms(ctx, c); err != nil {
		return err
	}
	if err := addNationalHelp(ctx, c); err != nil {
		return err
	}
	return AddHelpContacts(ctx, c)
}

// Childline is the national help contact every child is shown: Childline's
// real, free number, because a child may really need it.
var Childline = struct{ Name, Phone, Web, Hours string }{
	Name: "Childline", Phone: "0800 1111", Web: "https://www.childline.org.uk",
	Hours: "Any time, day or night. Calls are free.",
}

// addNationalHelp adds Childline, once.
func addNationalHelp(ctx context.Context, c *ent.Client) error {
	have, err := c.HelpContact.Query().
		Where(helpcontact.AuthorityIDIsNil(), helpcontact.KindEQ(domain.HelpChildline)).Exist(ctx)
	if err != nil || have {
		return err
	}
	err = c.HelpContact.Create().SetKind(domain.HelpChildline).SetName(Childline.Name).
		SetPhone(Childline.Phone).SetWeb(Childline.Web).SetHours(Childline.Hours).Exec(ctx)
	if err != nil {
		return fmt.Errorf("refdata: add Childline: %w", err)
	}
	return nil
}

// AddHelpContacts gives each authority an advocacy service and a complaints
// contact from the details on its own record (LocalAuthority.advocacyName,
// advocacyPhone, …), where it has none of that kind yet and its record has
// them. An authority's own contacts, once there, are left as they are. The
// demo and the generator call it after adding their authorities; the
// caller's context must allow system writes.
func AddHelpContacts(ctx context.Context, c *ent.Client) error {
	las, err := c.LocalAuthority.Query().All(ctx)
	if err != nil {
		return fmt.Errorf("refdata: read authorities: %w", err)
	}
	rows, err := c.HelpContact.Query().Where(helpcontact.AuthorityIDNotNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("refdata: read help contacts: %w", err)
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[string(*r.AuthorityID)+"/"+string(r.Kind)] = true
	}
	var add []*ent.HelpContactCreate
	for _, la := range las {
		if !have[string(la.ID)+"/"+string(domain.HelpAdvocacy)] && la.AdvocacyName != "" &&
			(la.AdvocacyPhone != "" || la.AdvocacyEmail != "") {
			add = append(add, c.HelpContact.Create().SetAuthorityID(la.ID).SetKind(domain.HelpAdvocacy).
				SetName(la.AdvocacyName).SetPhone(la.AdvocacyPhone).SetEmail(la.AdvocacyEmail))
		}
		if !have[string(la.ID)+"/"+string(domain.HelpComplaints)] && (la.ComplaintsPhone != "" || la.ComplaintsEmail != "") {
			add = append(add, c.HelpContact.Create().SetAuthorityID(la.ID).SetKind(domain.HelpComplaints).
				SetName(la.Name+" complaints").SetPhone(la.ComplaintsPhone).SetEmail(la.ComplaintsEmail))
		}
	}
	if len(add) == 0 {
		return nil
	}
	if err := c.HelpContact.CreateBulk(add...).Exec(ctx); err != nil {
		return fmt.Errorf("refdata: add help contacts: %w", err)
	}
	return nil
}

// addGlossary adds the default entries whose term is not yet in the global
// glossary. The database's unique index cannot stop duplicates here, because
// the global rows' authority is NULL, so the check is made in code.
func addGlossary(ctx context.Context, c *ent.Client) error {
	terms, err := c.GlossaryEntry.Query().
		Where(glossaryentry.AuthorityIDIsNil()).
		Select(glossaryentry.FieldTerm).
		Strings(ctx)
	if err != nil {
		return fmt.Errorf("refdata: read glossary: %w", err)
	}
	have := make(map[string]bool, len(terms))
	for _, t := range terms {
		have[t] = true
	}
	var rows []*ent.GlossaryEntryCreate
	for _, e := range glossary.Default() {
		if have[e.Term] {
			continue
		}
		have[e.Term] = true
		rows = append(rows, c.GlossaryEntry.Create().SetTerm(e.Term).SetExplanation(e.Explanation))
	}
	if len(rows) == 0 {
		return nil
	}
	if err := c.GlossaryEntry.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("refdata: add glossary: %w", err)
	}
	return nil
}

// addForms adds each default template whose key and version are not yet
// among the global templates. As for the glossary, the check is made in code
// because a unique index does not compare NULL authorities.
func addForms(ctx context.Context, c *ent.Client) error {
	stored, err := c.FormTemplate.Query().Where(formtemplate.AuthorityIDIsNil()).All(ctx)
	if err != nil {
		return fmt.Errorf("refdata: read form templates: %w", err)
	}
	have := make(map[string]bool, len(stored))
	for _, t := range stored {
		have[formID(t.Key, t.Version)] = true
	}
	var rows []*ent.FormTemplateCreate
	for _, t := range forms.Defaults() {
		if have[formID(t.Key, t.Version)] {
			continue
		}
		// A broken default would reach every child, so refuse to store it.
		if err := forms.CheckTemplate(t); err != nil {
			return fmt.Errorf("refdata: %w", err)
		}
		have[formID(t.Key, t.Version)] = true
		rows = append(rows, c.FormTemplate.Create().
			SetKey(t.Key).
			SetAudience(formtemplate.Audience(t.Audience)).
			SetMinAge(t.MinAge).
			SetMaxAge(t.MaxAge).
			SetVersion(t.Version).
			SetTitle(t.Title).
			SetIntro(t.Intro).
			SetQuestions(t.Questions))
	}
	if len(rows) == 0 {
		return nil
	}
	if err := c.FormTemplate.CreateBulk(rows...).Exec(ctx); err != nil {
		return fmt.Errorf("refdata: add form templates: %w", err)
	}
	return nil
}

// formID names one version of one form.
func formID(key string, version int) string { return fmt.Sprintf("%s@%d", key, version) }
