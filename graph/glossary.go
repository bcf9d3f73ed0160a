package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/glossaryentry"
)

// glossary lists the entries the viewer may read (the national ones, and
// their own authority's when signed in), with an authority's own entry
// replacing the national one of the same term.
func (r *Resolver) glossary(ctx context.Context) ([]*ent.GlossaryEntry, error) {
	entries, err := r.Client.GlossaryEntry.Query().
		Order(glossaryentry.ByTerm()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("glossary: %w", err)
	}
	byTerm := make(map[string]*ent.GlossaryEntry, len(entries))
	for _, e := range entries {
		key := strings.ToLower(e.Term)
		if prev, ok := byTerm[key]; !ok || prev.AuthorityID == nil {
			byTerm[key] = e
		}
	}
	out := make([]*ent.GlossaryEntry, 0, len(byTerm))
	for _, e := range byTerm {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *ent.GlossaryEntry) int {
		return strings.Compare(strings.ToLower(a.Term), strings.ToLower(b.Term))
	})
	return out, nil
}
