package access

import (
	"context"
	stdsql "database/sql"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/meeting"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// meetingNeeds are the columns a read of meetings always has: its id, and
// what the mask and the read audit test (MaskMeetings, AuditMeetingReads).
var meetingNeeds = []string{meeting.FieldID, meeting.FieldChildID, meeting.FieldVenueWithheldFromFamily}

// meetingRows reads meetings outside ent as an ent read of them does: the
// meetings' policy filter, the mask and the read audit (MaskMeetings,
// AuditMeetingReads).
var meetingRows = childRows[kent.Meeting]{
	name: "meetings", table: meeting.Table,
	childIn: func(ids []ident.ID) func(*entsql.Selector) { return meeting.ChildIDIn(ids...) },
	visible: func(v *viewer.Viewer) func(*entsql.Selector) { return visibleMeetings(v) },
	scan: func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*kent.Meeting, error) {
		return c.Meeting.ScanAll(rows, columns)
	},
	after: func(ctx context.Context, v *viewer.Viewer, rows []*kent.Meeting) {
		for _, m := range rows {
			maskMeeting(v, m)
		}
		noteStaffReads(ctx, v, meetingReads, audit.NoteReads, rows, meetingRead)
	},
}

// ReadMeetings reads the meetings of the children ids that the viewer may
// see — columns of each (with the id and what the mask and the audit need),
// or whole rows when columns is nil — in no set order: what an ent read of
// meetings gives, under the meetings' policy (visibleMeetings), masked by
// maskMeeting and noted for the audit as its interceptors do. It is a read
// outside ent (outside.go): its statement is kept per shape, its rows read
// by ent's own row scan. TestReadMeetingsIsTheEntRead holds it to the ent
// read.
func ReadMeetings(ctx context.Context, client *kent.Client, ids []ident.ID, columns []string) ([]*kent.Meeting, error) {
	return meetingRows.read(ctx, client, ids, columnsWith(meeting.Columns, meetingNeeds, columns))
}
