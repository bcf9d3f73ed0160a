package importer_test

import (
	"testing"

	"kite/internal/importer"
)

// TestHiddenFormattingInACellIsRefused: a name with a right-to-left
// override is a refused row with a reason, like a line break, and nothing
// from the file is applied.
func TestHiddenFormattingInACellIsRefused(t *testing.T) {
	c, a, _ := setup(t)
	before := counts(t, c, a)
	rep := importCSV(t, c, a, map[string]string{
		importer.Children: "external_id,preferred_name,legal_name,date_of_birth,expected_date_of_birth,status,became_looked_after_on\n" +
			"C40,Sam,Sam \u202Ehtims,2015-01-01,,NEITHER,\n",
	})
	wantRejected(t, rep, problem{importer.Children, 1, "legal_name",
		"contains an invisible formatting character (U+202E) that can change how the text reads"})
	wantCounts(t, c, a, before)
}
