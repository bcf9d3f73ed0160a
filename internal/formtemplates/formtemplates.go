// Package formtemplates reads the stored form templates: it turns rows into
// forms.Template values and picks the form that suits a child or parent,
// preferring an authority's own version of a form over the national one.
package formtemplates

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/formtemplate"
	"kite/internal/forms"
)

// FromRow turns a stored template into the forms package's type, so answers
// can be checked against the exact version they answer.
func FromRow(t *ent.FormTemplate) forms.Template {
	return forms.Template{
		Key:       t.Key,
		Audience:  forms.Audience(t.Audience),
		MinAge:    t.MinAge,
		MaxAge:    t.MaxAge,
		Version:   t.Version,
		Title:     t.Title,
		Intro:     t.Intro,
		Questions: t.Questions,
	}
}

// Suited returns the latest version of the form that suits a reader of this
// age (forms.UnknownAge when not known) and audience, among the templates
// the viewer may read. Where the viewer's authority has its own version of a
// form, it replaces the national one. Nil when there is none.
func Suited(ctx context.Context, client *ent.Client, age int, audience forms.Audience) (*ent.FormTemplate, error) {
	rows, err := client.FormTemplate.Query().
		Where(formtemplate.AudienceEQ(formtemplate.Audience(audience))).
		Order(formtemplate.ByKey(), formtemplate.ByVersion()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("form templates: %w", err)
	}
	rows = preferOwn(rows)
	templates := make([]forms.Template, len(rows))
	for i, r := range rows {
		templates[i] = FromRow(r)
	}
	chosen, ok := forms.ForAge(templates, age, audience)
	if !ok {
		return nil, nil
	}
	for _, r := range rows {
		if r.Key == chosen.Key && r.Version == chosen.Version {
			return r, nil
		}
	}
	return nil, nil
}

// preferOwn drops the national rows of any form key the authority has its
// own rows for.
func preferOwn(rows []*ent.FormTemplate) []*ent.FormTemplate {
	own := map[string]bool{}
	for _, r := range rows {
		if r.AuthorityID != nil {
			own[r.Key] = true
		}
	}
	out := rows[:0:0]
	for _, r := range rows {
		if r.AuthorityID != nil || !own[r.Key] {
			out = append(out, r)
		}
	}
	return out
}

// LatestNational returns the latest national version of a form (the
// default ones internal/refdata stores), for the demo and the generator,
// whose children's submissions answer it. The caller's context decides what
// it may read.
func LatestNational(ctx context.Context, client *ent.Client, key string) (*ent.FormTemplate, error) {
	t, err := client.FormTemplate.Query().
		Where(formtemplate.AuthorityIDIsNil(), formtemplate.Key(key)).
		Order(ent.Desc(formtemplate.FieldVersion)).
		First(ctx)
	if err != nil {
		return nil, fmt.Errorf("find form %s: %w", key, err)
	}
	return t, nil
}
