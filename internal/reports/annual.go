package reports

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"kite/ent"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/figures"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Annual is what the annual report (`kite report`) is made of: the period's
// figures, the figures of the same length of time just before it, and the
// figures of each calendar month of the period — all counted by Compute from
// one read of the records, as authorityFigures counts them.
type Annual struct {
	// Authority is the authority's name, for the report's title.
	Authority string
	// SuppressSmallCounts is the authority's setting: counts from 1 to 4
	// are shown as "fewer than 5".
	SuppressSmallCounts bool
	// Current are the figures of the period asked for.
	Current figures.Figures
	// Previous are the figures of the period just before (PreviousPeriod).
	Previous figures.Figures
	// Months are the figures of each calendar month of the period (the
	// first and last clipped to the period), in order.
	Months []figures.Figures
}

// ErrNoAuthority is returned when the viewer's authority cannot be read.
var ErrNoAuthority = errors.New("reports: the authority is not there")

// AnnualFigures counts the annual report's figures for from..to
// (inclusive). Managers only: the report covers the whole authority.
func AnnualFigures(ctx context.Context, client *ent.Client, from, to civil.Date) (*Annual, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleManager {
		return nil, apierr.Forbidden()
	}
	if err := checkPeriod(from, to); err != nil {
		return nil, err
	}
	prevFrom, _ := PreviousPeriod(from, to)
	in, la, err := records(ctx, client, prevFrom, to)
	if err != nil {
		return nil, err
	}
	if la == nil {
		return nil, ErrNoAuthority
	}
	in.Today = civil.Today() // as authorityFigures: what is not yet due is not late
	return AnnualOf(in, la.Name, la.SuppressSmallCounts, from, to), nil
}

// AnnualOf counts the annual report's figures from records: the period's,
// the period before's (PreviousPeriod) and each month's, all through
// Compute. in must hold the records of both periods.
func AnnualOf(in *figures.Input, authority string, suppress bool, from, to civil.Date) *Annual {
	prevFrom, prevTo := PreviousPeriod(from, to)
	months := Months(from, to)
	a := &Annual{Authority: authority, SuppressSmallCounts: suppress, Months: make([]figures.Figures, len(months))}
	// Compute is pure and reads in only: the periods are counted side by
	// side, on as many cores as there are.
	var wg sync.WaitGroup
	wg.Go(func() { a.Current = Compute(in, from, to) })
	wg.Go(func() { a.Previous = Compute(in, prevFrom, prevTo) })
	for i, m := range months {
		wg.Go(func() { a.Months[i] = Compute(in, m[0], m[1]) })
	}
	wg.Wait()
	return a
}

// PreviousPeriod is the period of the same length that ends the day before
// from: for a period of whole calendar months (from the 1st to a month's
// last day) the same number of months before, so that 2019-04-01..2020-03-31
// is compared with 2018-04-01..2019-03-31; otherwise the same number of days.
func PreviousPeriod(from, to civil.Date) (civil.Date, civil.Date) {
	fy, fm, fd := from.YMD()
	ty, tm, _ := to.YMD()
	if _, _, next := to.AddDays(1).YMD(); fd == 1 && next == 1 {
		months := (ty-fy)*12 + int(tm-fm) + 1
		return from.AddMonths(-months), from.AddDays(-1)
	}
	days := from.DaysUntil(to) + 1
	return from.AddDays(-days), from.AddDays(-1)
}

// Months splits from..to into calendar months, the first and last clipped
// to the period: each is [first day, last day].
func Months(from, to civil.Date) [][2]civil.Date {
	var out [][2]civil.Date
	for start := from; !start.After(to); {
		y, m, _ := start.YMD()
		end := civil.Of(y, m+1, 1).AddDays(-1)
		if end.After(to) {
			end = to
		}
		out = append(out, [2]civil.Date{start, end})
		start = end.AddDays(1)
	}
	return out
}

// MonthLabel names the month a period of Months starts in, such as "Apr 2019".
func MonthLabel(d civil.Date) string {
	y, m, _ := d.YMD()
	return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006")
}

// AsManagerOf returns the context `kite report` counts in: the system,
// run by an operator, acting as a manager of the authority called name, so
// that it reads exactly what authorityFigures reads for that authority's
// managers, through the same rules. The viewer has no account: nothing
// done in it is anybody's.
func AsManagerOf(ctx context.Context, client *ent.Client, name string) (context.Context, ident.ID, error) {
	// System context for this one look-up: the operator names the authority.
	la, err := client.LocalAuthority.Query().Where(localauthority.Name(name)).Only(privacy.DecisionContext(ctx, privacy.Allow))
	if ent.IsNotFound(err) {
		return nil, "", fmt.Errorf("no local authority is called %q", name)
	}
	if err != nil {
		return nil, "", fmt.Errorf("reports: authority: %w", err)
	}
	return viewer.NewContext(ctx, &viewer.Viewer{AuthorityID: la.ID, Role: domain.RoleManager}), la.ID, nil
}
