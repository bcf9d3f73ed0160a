package gen

import (
	"time"

	"kite/internal/civil"
)

// Random draws, and the day arithmetic that goes with them.

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

func pick[T any](g *generator, xs []T) T { return xs[g.r.IntN(len(xs))] }

// weighted picks an index with the given weights.
func (g *generator) weighted(ws ...float64) int {
	total := 0.0
	for _, w := range ws {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// day is a day from lo to hi, both included (lo when hi is earlier).
func (g *generator) day(lo, hi civil.Date) civil.Date {
	if !hi.After(lo) {
		return lo
	}
	return lo.AddDays(g.r.IntN(lo.DaysUntil(hi) + 1))
}

// when is a civil.Date or a time.Time: what laterOf and earlierOf compare.
type when[T any] interface {
	Before(T) bool
	After(T) bool
}

// laterOf is the later of two days (or instants).
func laterOf[T when[T]](a, b T) T {
	if a.After(b) {
		return a
	}
	return b
}

// earlierOf is the earlier of two days (or instants).
func earlierOf[T when[T]](a, b T) T {
	if a.Before(b) {
		return a
	}
	return b
}

// atHM is h:m on day d in Europe/London, as a UTC instant.
func atHM(d civil.Date, h, m int) time.Time {
	y, mo, day := d.YMD()
	return time.Date(y, mo, day, h, m, 0, 0, civil.London).UTC()
}
