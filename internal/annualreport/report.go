// Package annualreport writes the statistics section of a service's annual
// report (`kite report`) as one HTML file, and as PDF through headless
// Chromium: each figure with the period before beside it and the change,
// tables of the breakdowns, and charts drawn with gonum.org/v1/plot.
//
// It counts nothing itself. The figures come from internal/reports, the
// same code path as the API's authorityFigures; this package only lays
// them out, suppresses small counts when the authority's setting says so
// (values.go), and never prints a name: IROs are numbered.
package annualreport

import (
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"kite/internal/civil"
	"kite/internal/figures"
	"kite/internal/progress"
	"kite/internal/reports"
)

// Report is the laid-out report, ready for the template.
type Report struct {
	Authority string
	Period    string
	Previous  string
	// CurrentShort and PreviousShort head the tables' columns ("2019–20").
	CurrentShort, PreviousShort string
	GeneratedOn                 string
	Suppress                    bool
	Sections                    []Section
	Definitions                 []Definition
	Charts                      int
}

// Section is one part of the report.
type Section struct {
	ID, Title, Intro string
	Figures          []FigureRow
	Blocks           []Block
}

// FigureRow is a figure this period and the one before.
type FigureRow struct {
	Label, DefID              string
	Current, Previous, Change string
}

// Block is a table, with a chart of it when Chart is set. Its table is the
// chart's text alternative.
type Block struct {
	ID, Title string
	DefID     string
	Chart     template.HTML
	ChartNo   int
	Summary   string // what the chart shows, in words
	Header    []string
	Rows      [][]string
	Note      string
}

// Definition is a figure's meaning, as the API gives it.
type Definition struct {
	ID, Label, Text string
}

// Build lays the figures out as the report.
func Build(ctx context.Context, a *reports.Annual, generatedOn civil.Date) (*Report, error) {
	b := &builder{a: a, defs: figures.Definitions(), meter: progress.From(ctx), seen: map[string]bool{}}
	r := &Report{
		Authority:     a.Authority,
		Period:        periodText(a.Current.From, a.Current.To),
		Previous:      periodText(a.Previous.From, a.Previous.To),
		GeneratedOn:   longDate(generatedOn),
		CurrentShort:  shortPeriod(a.Current.From, a.Current.To),
		PreviousShort: shortPeriod(a.Previous.From, a.Previous.To),
		Suppress:      a.SuppressSmallCounts,
	}
	for _, spec := range sectionSpecs {
		s, err := b.section(spec)
		if err != nil {
			return nil, fmt.Errorf("report: %s: %w", spec.title, err)
		}
		r.Sections = append(r.Sections, s)
	}
	r.Definitions, r.Charts = b.definitions, b.charts
	b.meter.Done()
	return r, nil
}

// WriteHTML writes the report as one self-contained HTML file.
func WriteHTML(w io.Writer, r *Report) error { return page.Execute(w, r) }

//go:embed report.html.tmpl
var pageText string

var page = template.Must(template.New("report").Parse(pageText))

type builder struct {
	a           *reports.Annual
	defs        map[string]string
	meter       *progress.Meter
	definitions []Definition
	seen        map[string]bool
	blocks      int
	charts      int
}

func (b *builder) suppress() bool { return b.a.SuppressSmallCounts }

// define adds a figure's definition to the appendix once, and returns its
// anchor ("" when the figure has none).
func (b *builder) define(key, label string) string {
	text, ok := b.defs[key]
	if !ok {
		return ""
	}
	id := "def-" + key
	if !b.seen[key] {
		b.seen[key] = true
		b.definitions = append(b.definitions, Definition{ID: id, Label: label, Text: text})
	}
	return id
}

func (b *builder) section(spec sectionSpec) (Section, error) {
	s := Section{ID: spec.id, Title: spec.title, Intro: spec.intro}
	cur, prev := &b.a.Current, &b.a.Previous
	for _, f := range spec.figures {
		c, p := f.get(cur), f.get(prev)
		s.Figures = append(s.Figures, FigureRow{Label: f.label, DefID: b.define(f.def, f.label),
			Current: c.show(b.suppress()).Text, Previous: p.show(b.suppress()).Text, Change: change(c, p, b.suppress())})
	}
	for _, sh := range spec.shares {
		bl, err := b.shares(sh)
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, bl)
	}
	for _, bd := range spec.breakdowns {
		bl, err := b.breakdown(bd)
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, bl)
	}
	for _, g := range spec.groups {
		bl, err := b.grouped(g)
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, bl)
	}
	if spec.monthly != nil {
		bl, err := b.monthly(*spec.monthly)
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, bl)
	}
	if spec.caseloads {
		bls, err := b.caseloads()
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, bls...)
	}
	return s, nil
}

// newBlock numbers a block and its chart.
func (b *builder) newBlock(title, def string, chart bool) Block {
	b.blocks++
	bl := Block{ID: fmt.Sprintf("table-%d", b.blocks), Title: title, DefID: b.define(def, title)}
	if chart {
		b.charts++
		bl.ChartNo = b.charts
		b.meter.Show("drawing chart %d", b.charts)
	}
	return bl
}

func (bl *Block) captionID() string { return fmt.Sprintf("chart-%d-caption", bl.ChartNo) }

// periodsHeader is the header of a table comparing the two periods.
func (b *builder) periodsHeader(first string) []string {
	return []string{first, shortPeriod(b.a.Current.From, b.a.Current.To), shortPeriod(b.a.Previous.From, b.a.Previous.To), "change"}
}

func (b *builder) breakdown(spec breakdownSpec) (Block, error) {
	bl := b.newBlock(spec.title, spec.def, true)
	cur, prev := spec.get(&b.a.Current), spec.get(&b.a.Previous)
	prevByKey := map[string]int{}
	for _, c := range prev {
		prevByKey[c.Key] = c.Count
	}
	labels := make([]string, len(cur))
	nc, np := make([]int, len(cur)), make([]int, len(cur))
	for i, c := range cur {
		labels[i], nc[i], np[i] = c.Label, c.Count, prevByKey[c.Key]
	}
	cc, pc := column(nc, b.suppress()), column(np, b.suppress())
	bl.Header = b.periodsHeader("")
	for i := range cur {
		ch := "—"
		if cc[i].Shown && pc[i].Shown {
			ch = change(count(nc[i]), count(np[i]), false)
		}
		bl.Rows = append(bl.Rows, []string{labels[i], cc[i].Text, pc[i].Text, ch})
	}
	bl.Summary = fmt.Sprintf("Bar chart of %s: %s (dark bars) and %s (white bars). The numbers are in the table below.",
		lowerFirst(spec.title), shortPeriod(b.a.Current.From, b.a.Current.To), shortPeriod(b.a.Previous.From, b.a.Previous.To))
	svg, err := horizontalBars(labels, []series{{bl.Header[1], cc}, {bl.Header[2], pc}}, spec.xLabel, bl.captionID(), bl.ID)
	bl.Chart = template.HTML(svg) // #nosec G203 -- drawn by gonum from our own labels and numbers; svgo escapes text
	return bl, err
}

func (b *builder) shares(spec sharesSpec) (Block, error) {
	bl := b.newBlock(spec.title, "", true)
	bl.Header = b.periodsHeader("")
	labels := make([]string, len(spec.shares))
	cc, pc := make([]cell, len(spec.shares)), make([]cell, len(spec.shares))
	for i, f := range spec.shares {
		c, p := f.get(&b.a.Current), f.get(&b.a.Previous)
		labels[i], cc[i], pc[i] = f.label, c.show(b.suppress()), p.show(b.suppress())
		b.define(f.def, f.label)
		bl.Rows = append(bl.Rows, []string{f.label, cc[i].Text, pc[i].Text, change(c, p, b.suppress())})
	}
	bl.Summary = fmt.Sprintf("Bar chart of %s, as percentages: %s (dark bars) and %s (white bars). The numbers are in the table below.",
		lowerFirst(spec.title), bl.Header[1], bl.Header[2])
	svg, err := horizontalBars(labels, []series{{bl.Header[1], cc}, {bl.Header[2], pc}}, "per cent", bl.captionID(), bl.ID)
	bl.Chart = template.HTML(svg) // #nosec G203 -- see breakdown
	return bl, err
}

// grouped lays out a two-way breakdown of the period: a table with a row
// per group and a column per row of its breakdown, and a grouped bar chart
// of it. The period before is in the one-way breakdowns beside it.
func (b *builder) grouped(spec groupSpec) (Block, error) {
	bl := b.newBlock(spec.title, spec.def, true)
	groups := spec.get(&b.a.Current)
	counts := make([][]int, len(groups))
	totals := make([]int, len(groups))
	labels := make([]string, len(groups))
	for i, g := range groups {
		labels[i], totals[i] = g.Label, g.Count
		for _, c := range g.Counts {
			counts[i] = append(counts[i], c.Count)
		}
	}
	cells := grid(counts, b.suppress())
	totalCells := column(totals, b.suppress())
	bl.Header = []string{spec.rowHead}
	var ss []series
	if len(groups) > 0 {
		for j, c := range groups[0].Counts {
			bl.Header = append(bl.Header, c.Label)
			s := series{name: strings.ToLower(c.Label)}
			for i := range groups {
				s.cells = append(s.cells, cells[i][j])
			}
			ss = append(ss, s)
		}
	}
	bl.Header = append(bl.Header, "all")
	for i := range groups {
		row := []string{labels[i]}
		for _, c := range cells[i] {
			row = append(row, c.Text)
		}
		bl.Rows = append(bl.Rows, append(row, totalCells[i].Text))
	}
	period := shortPeriod(b.a.Current.From, b.a.Current.To)
	bl.Summary = fmt.Sprintf("Grouped bar chart of %s in %s: a group of bars for each %s, and in each group one bar "+
		"for each of %d reasons, always in the same order from darkest to white, each labelled with its reason and "+
		"its number. The numbers are in the table below; the period before is in the tables above.",
		lowerFirst(spec.title), period, strings.TrimPrefix(spec.rowHead, "furthest "), len(ss))
	svg, err := groupedBars(labels, ss, spec.xLabel, bl.captionID(), bl.ID)
	bl.Chart = template.HTML(svg) // #nosec G203 -- see breakdown
	return bl, err
}

func (b *builder) monthly(spec sharesSpec) (Block, error) {
	bl := b.newBlock(spec.title, "", true)
	months := make([]string, len(b.a.Months))
	bl.Header = []string{"month"}
	ss := make([]series, len(spec.shares))
	for k, f := range spec.shares {
		bl.Header = append(bl.Header, f.label)
		ss[k].name = f.label
		b.define(f.def, f.label)
	}
	for i, m := range b.a.Months {
		months[i] = axisMonth(m.From, i == 0)
		row := []string{strings.Replace(reports.MonthLabel(m.From), " ", "\u00a0", 1)} // one line
		for k, f := range spec.shares {
			c := f.get(&b.a.Months[i]).show(b.suppress())
			ss[k].cells = append(ss[k].cells, c)
			row = append(row, c.Text)
		}
		bl.Rows = append(bl.Rows, row)
	}
	gap := "A month with nothing to measure is a gap."
	if b.suppress() {
		gap = "A month with nothing to measure, or a count of " + FewerThan5 + ", is a gap."
	}
	bl.Summary = "Line chart of the percentage on time in each month, one line per measure, told apart by dash and marker. " +
		gap + " The numbers are in the table below."
	svg, err := lines(months, ss, "per cent on time", bl.captionID(), bl.ID)
	bl.Chart = template.HTML(svg) // #nosec G203 -- see breakdown
	return bl, err
}

// anonymous are an IRO's caseload figures without who they are.
type anonymous struct {
	children int
	fte      float64
	rng      figures.CaseloadRange
}

// anonymise drops names and ids and orders IROs largest caseload first.
func anonymise(cs []figures.Caseload) []anonymous {
	out := make([]anonymous, len(cs))
	for i, c := range cs {
		out[i] = anonymous{children: c.Children, fte: c.FullTimeEquivalent, rng: c.Range}
	}
	slices.SortStableFunc(out, func(a, b anonymous) int { return cmp.Compare(b.children, a.children) })
	return out
}

func (b *builder) caseloads() ([]Block, error) {
	cur, prev := anonymise(b.a.Current.Caseloads), anonymise(b.a.Previous.Caseloads)
	bands := b.newBlock("IROs by caseload", "Caseloads", false)
	bands.Header = b.periodsHeader("children allocated")
	rangeCount := func(cs []anonymous) map[figures.CaseloadRange]int {
		m := map[figures.CaseloadRange]int{}
		for _, c := range cs {
			m[c.rng]++
		}
		return m
	}
	cb, pb := rangeCount(cur), rangeCount(prev)
	// Counts of IROs, not of children: no child can be picked out by them.
	for _, rng := range []figures.CaseloadRange{figures.BelowRange, figures.WithinRange, figures.AboveRange} {
		bands.Rows = append(bands.Rows, []string{rng.Label(), thousands(cb[rng]), thousands(pb[rng]),
			change(count(cb[rng]), count(pb[rng]), false)})
	}
	bands.Rows = append(bands.Rows, []string{"IROs with children allocated", thousands(len(cur)), thousands(len(prev)),
		change(count(len(cur)), count(len(prev)), false)})

	monthly := b.newBlock("Caseloads at the end of each month", "CaseloadsByMonth", false)
	monthly.Header = []string{"month", "IROs", "full-time equivalent", "children", "average caseload", "per full-time IRO"}
	for _, m := range b.a.Current.CaseloadsByMonth {
		monthly.Rows = append(monthly.Rows, []string{longDate(m.On), thousands(m.IROs), fteText(m.FullTimeEquivalent),
			count(m.Children).show(b.suppress()).Text, average(m.Average).show(false).Text, average(m.AveragePerFullTime).show(false).Text})
	}

	per := b.newBlock("Children allocated to each IRO", "", true)
	per.Header = []string{"IRO", "children", "full-time equivalent", "the handbook's range for them", "against that range"}
	children := make([]int, len(cur))
	for i, c := range cur {
		children[i] = c.children
	}
	cells := column(children, b.suppress())
	for i, c := range cur {
		low, high := figures.RangeFor(c.fte)
		per.Rows = append(per.Rows, []string{fmt.Sprintf("IRO %d", i+1), cells[i].Text, fteText(c.fte),
			fmt.Sprintf("%g to %g", math.Round(low*10)/10, math.Round(high*10)/10), c.rng.Label()})
	}
	per.Summary = fmt.Sprintf("Bar chart of the children allocated to each of %d IROs on %s, largest first, "+
		"with dashed lines at %d and %d, the IRO Handbook's range for a full-time IRO (a part-time IRO's range is in "+
		"proportion to their full-time equivalent). The numbers, and each IRO's own range, are in the table below.",
		len(cur), longDate(b.a.Current.To), figures.HandbookCaseloadMin, figures.HandbookCaseloadMax)
	svg, err := caseloadBars(cells, figures.HandbookCaseloadMin, figures.HandbookCaseloadMax, per.captionID(), per.ID)
	per.Chart = template.HTML(svg) // #nosec G203 -- see breakdown
	return []Block{bands, monthly, per}, err
}

func longDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.YMD()
	return fmt.Sprintf("%d %s %d", day, m, y)
}

func periodText(from, to civil.Date) string { return longDate(from) + " to " + longDate(to) }

// shortPeriod names a period in a table header: "2019–20" for an April to
// March year, "Apr 2019 – Mar 2020" otherwise.
func shortPeriod(from, to civil.Date) string {
	fy, fm, fd := from.YMD()
	ty, tm, td := to.YMD()
	if fm == time.April && fd == 1 && tm == time.March && td == 31 && ty == fy+1 {
		return fmt.Sprintf("%d–%02d", fy, ty%100)
	}
	if _, _, next := to.AddDays(1).YMD(); fd == 1 && next == 1 {
		return reports.MonthLabel(from) + " – " + reports.MonthLabel(to)
	}
	return from.String() + " – " + to.String()
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// axisMonth labels a month on a chart's axis: "Apr", with the year below
// it for the first month and each January.
func axisMonth(d civil.Date, first bool) string {
	y, m, _ := d.YMD()
	if first || m == time.January {
		return fmt.Sprintf("%s\n%d", m.String()[:3], y)
	}
	return m.String()[:3]
}
