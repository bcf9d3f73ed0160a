package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/wishesandfeelings"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// AuditChildReads notes every child record a member of staff reads, for the
// audit log (one event per child per request: internal/audit).
func AuditChildReads() ent.Interceptor {
	return afterQuery(nil, func(ctx context.Context, v *viewer.Viewer, rows []*kent.Child) {
		if !v.IsStaff() || len(rows) == 0 {
			return
		}
		ids := make([]ident.ID, len(rows))
		for i, c := range rows {
			ids[i] = c.ID
		}
		audit.NoteChildRead(ctx, ids...)
	})
}

// AuditSubmissionReads notes whose submissions a member of staff reads.
func AuditSubmissionReads() ent.Interceptor {
	needs := []string{wishesandfeelings.FieldChildID}
	return afterQuery(needs, func(ctx context.Context, v *viewer.Viewer, rows []*kent.WishesAndFeelings) {
		if !v.IsStaff() || len(rows) == 0 {
			return
		}
		ids := make([]ident.ID, len(rows))
		for i, s := range rows {
			ids[i] = s.ChildID
		}
		audit.NoteSubmissionsRead(ctx, ids...)
	})
}
