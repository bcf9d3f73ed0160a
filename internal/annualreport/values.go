package annualreport

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"kite/internal/figures"
)

// Small-count suppression (the authority's setting, on by default): a count
// from 1 to 4 of children, plans, meetings or alerts could point to a child
// in a published report, so it is shown as "fewer than 5", and so is
// anything it could be worked out from — a percentage of it, a rate made
// from it, the change from the period before. In a breakdown where just one
// row is suppressed, the next smallest row is hidden too ("not shown"), so
// that the suppressed row cannot be worked out from the total. 0 is shown:
// it points to nobody.

// FewerThan5 is what a suppressed count reads.
const FewerThan5 = "fewer than 5"

// NotShown is what a count hidden to protect a suppressed one reads.
const NotShown = "not shown"

// small reports whether a count would be suppressed.
func small(n int) bool { return n >= 1 && n <= 4 }

// kind is what a measure measures.
type kind int

const (
	countKind   kind = iota // a count of children, plans, meetings or alerts
	percentKind             // a share: numerator of denominator
	rateKind                // a rate per 10,000 children, made from a count
	averageKind             // children per IRO: no child can be picked out by it
)

// measure is one figure's value in one period, before it is shown.
type measure struct {
	kind  kind
	count int             // countKind; rateKind: the count the rate is made from
	pct   figures.Percent // percentKind
	rate  *float64        // rateKind: nil when the child population is not set
}

func count(n int) measure               { return measure{kind: countKind, count: n} }
func share(p figures.Percent) measure   { return measure{kind: percentKind, pct: p} }
func rate(r *float64, from int) measure { return measure{kind: rateKind, rate: r, count: from} }
func average(a *float64) measure        { return measure{kind: averageKind, rate: a} }

// suppressed reports whether the measure rests on a small count.
func (m measure) suppressed() bool {
	switch m.kind {
	case percentKind:
		return small(m.pct.Numerator) || small(m.pct.Denominator)
	case averageKind:
		return false
	default:
		return small(m.count)
	}
}

// cell is a measure as shown: its text, and the number a chart draws
// (Shown false when there is none to draw).
type cell struct {
	Text       string
	Value      float64
	Shown      bool
	Suppressed bool // "fewer than 5" or "not shown"
}

// show turns a measure into a cell, suppressing small counts if asked.
func (m measure) show(suppress bool) cell {
	switch m.kind {
	case percentKind:
		p := m.pct
		switch {
		case suppress && small(p.Denominator):
			return cell{Text: FewerThan5 + " to measure", Suppressed: true}
		case p.Percentage == nil:
			return cell{Text: "none to measure"}
		case suppress && small(p.Numerator):
			return cell{Text: fmt.Sprintf("%s of %s", FewerThan5, thousands(p.Denominator)), Suppressed: true}
		}
		return cell{Text: fmt.Sprintf("%s%% (%s\u00a0of\u00a0%s)", decimal(*p.Percentage), thousands(p.Numerator), thousands(p.Denominator)),
			Value: *p.Percentage, Shown: true}
	case averageKind:
		if m.rate == nil {
			return cell{Text: "none"}
		}
		return cell{Text: decimal(*m.rate), Value: *m.rate, Shown: true}
	case rateKind:
		switch {
		case m.rate == nil:
			return cell{Text: "population not set"}
		case suppress && small(m.count):
			return cell{Text: "not shown (" + FewerThan5 + ")", Suppressed: true}
		}
		return cell{Text: decimal(*m.rate), Value: *m.rate, Shown: true}
	}
	if suppress && small(m.count) {
		return cell{Text: FewerThan5, Suppressed: true}
	}
	return cell{Text: thousands(m.count), Value: float64(m.count), Shown: true}
}

// change is how the current period differs from the previous one: a
// difference of counts or rates, or of percentages in points. Nothing when
// either side is suppressed or has no value.
func change(cur, prev measure, suppress bool) string {
	c, p := cur.show(suppress), prev.show(suppress)
	if !c.Shown || !p.Shown {
		return "—"
	}
	d := c.Value - p.Value
	if cur.kind == countKind {
		return signed(d, thousands(int(math.Abs(d))))
	}
	text := decimal(math.Abs(d))
	if cur.kind == percentKind {
		text += "\u00a0points"
	}
	return signed(math.Round(d*10)/10, text)
}

func signed(d float64, abs string) string {
	switch {
	case d > 0:
		return "+" + abs
	case d < 0:
		return "−" + abs
	}
	return "no change"
}

// decimal writes x to one decimal place.
func decimal(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// fteText writes a full-time equivalent (or a sum of them) to two decimal
// places, without a second 0: 1.0, 0.5, 0.55, 2.25.
func fteText(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	return strings.TrimSuffix(s, "0")
}

// thousands writes n with thousands separators: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// column shows one period's counts of a breakdown, with the second cell
// hidden where just one is suppressed.
func column(counts []int, suppress bool) []cell {
	out := make([]cell, len(counts))
	suppressed := 0
	for i, n := range counts {
		out[i] = count(n).show(suppress)
		if out[i].Suppressed {
			suppressed++
		}
	}
	if suppressed != 1 {
		return out
	}
	next := -1 // the smallest count above 4
	for i, n := range counts {
		if n > 4 && (next < 0 || n < counts[next]) {
			next = i
		}
	}
	if next >= 0 {
		out[next] = cell{Text: NotShown, Suppressed: true}
	}
	return out
}

// grid shows one period's counts of a two-way breakdown (a row of cells
// per group). Its rows' and its columns' totals are published too (as
// one-way breakdowns), so wherever a row or a column has just one hidden
// cell, its smallest count above 4 is hidden as well ("not shown"), until
// no row or column has just one that a total could give away.
func grid(counts [][]int, suppress bool) [][]cell {
	out := make([][]cell, len(counts))
	width := 0
	for i, row := range counts {
		out[i] = make([]cell, len(row))
		for j, n := range row {
			out[i][j] = count(n).show(suppress)
		}
		width = max(width, len(row))
	}
	// Each line is a row or a column, as the places of its cells.
	var lines [][][2]int
	for i, row := range counts {
		var line [][2]int
		for j := range row {
			line = append(line, [2]int{i, j})
		}
		lines = append(lines, line)
	}
	for j := range width {
		var line [][2]int
		for i, row := range counts {
			if j < len(row) {
				line = append(line, [2]int{i, j})
			}
		}
		lines = append(lines, line)
	}
	for changed := suppress; changed; {
		changed = false
		for _, line := range lines {
			hidden, next := 0, [2]int{-1, -1}
			for _, at := range line {
				c, n := out[at[0]][at[1]], counts[at[0]][at[1]]
				switch {
				case c.Suppressed:
					hidden++
				case n > 4 && (next[0] < 0 || n < counts[next[0]][next[1]]):
					next = at
				}
			}
			if hidden == 1 && next[0] >= 0 {
				out[next[0]][next[1]] = cell{Text: NotShown, Suppressed: true}
				changed = true
			}
		}
	}
	return out
}
