package names

import "testing"

func TestGraphQLField(t *testing.T) {
	for in, want := range map[string]string{"venue": "venue", "change_reason": "changeReason",
		"parent_views": "parentViews", "venue_withheld_from_family": "venueWithheldFromFamily"} {
		if got := GraphQLField(in); got != want {
			t.Errorf("GraphQLField(%q) = %q, want %q", in, got, want)
		}
	}
}
