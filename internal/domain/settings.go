package domain

// AuthoritySettings are the settings of an authority that the reads of a
// child's records work from: the core group interval the statutory
// timescales read (internal/duedates). A signed-in viewer carries their
// authority's (viewer.Viewer.Authority), read with them on each request.
type AuthoritySettings struct {
	// CoreGroupIntervalWeeks: core groups meet every so many weeks; 0 for
	// once a calendar month.
	CoreGroupIntervalWeeks int
}
