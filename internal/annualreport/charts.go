package annualreport

import (
	"bytes"
	"fmt"
	"image/color"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Charts are drawn by gonum.org/v1/plot and its SVG backend, and put inside
// the HTML. They are readable without colour: the period and the period
// before are black and white bars with an outline, each bar carries its
// number, and lines differ by dash and marker as well as in the legend.
// Every chart has a caption and a table of its numbers beside it (its text
// alternative), which the SVG names with aria-labelledby and
// aria-describedby.

func init() {
	// Liberation Sans measures like Arial and Helvetica, which a browser
	// without the Liberation fonts falls back to (see the stylesheet).
	plot.DefaultFont = font.Font{Typeface: "Liberation", Variant: "Sans"}
	plotter.DefaultFont = plot.DefaultFont
	plotter.DefaultFontSize = vg.Points(8)
}

var (
	ink      = color.Gray{Y: 0x20}
	paper    = color.White
	midGrey  = color.Gray{Y: 0x80}
	chartW   = 6.6 * vg.Inch
	rowGap   = vg.Points(9) // between the rows of a horizontal bar chart
	chartMin = 1.3 * vg.Inch
)

// series is one period's values in a chart.
type series struct {
	name  string
	cells []cell
}

// svgOf writes a plot as an SVG element for inline HTML: without the XML
// prolog, with its accessible name and description.
func svgOf(p *plot.Plot, w, h vg.Length, labelledBy, describedBy string) (string, error) {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", err
	}
	s := buf.String()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	attrs := fmt.Sprintf(`<svg role="img" aria-labelledby="%s" aria-describedby="%s" `, labelledBy, describedBy)
	s = strings.Replace(s, "<svg ", attrs, 1)
	return svgWhitespace.ReplaceAllString(s, "\n"), nil
}

var svgWhitespace = regexp.MustCompile(`\n\s*\n`)

// newPlot is a plot with the report's text sizes.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(9)
		a.Tick.Label.Font.Size = vg.Points(8)
	}
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Legend.Top = true
	return p
}

// periodFills are the fills of the two periods: solid dark, then white
// with a dark outline.
var periodFills = []color.Color{ink, paper}

// groupFills tell up to five series of a grouped chart apart without
// colour: from solid dark to white, each bar outlined, always in the same
// order within a group, and each bar labelled with its series' name too.
var groupFills = []color.Color{ink, color.Gray{Y: 0x60}, color.Gray{Y: 0xa0}, color.Gray{Y: 0xd8}, paper}

// barStyle is how a horizontal bar chart draws its bars.
type barStyle struct {
	fills []color.Color
	bar   vg.Length // each bar's thickness
	// named adds the series' name after each bar's number (grouped
	// charts, where the fill alone would have to tell many series apart).
	named bool
	room  float64 // the x axis runs to the largest value × room
}

// horizontalBars draws one row per category (the first at the top) and
// one bar per series in each row, each bar labelled with its cell's text
// ("<5" when suppressed): the two periods side by side.
func horizontalBars(categories []string, ss []series, xLabel, labelledBy, describedBy string) (string, error) {
	return bars(categories, ss, xLabel, labelledBy, describedBy, barStyle{fills: periodFills, bar: vg.Points(11), room: 1.18})
}

// groupedBars draws one group of bars per category (the first at the top)
// and one bar per series in each group, each bar labelled with its series'
// name and its number.
func groupedBars(categories []string, ss []series, xLabel, labelledBy, describedBy string) (string, error) {
	return bars(categories, ss, xLabel, labelledBy, describedBy, barStyle{fills: groupFills, bar: vg.Points(8), named: true, room: 1.9})
}

func bars(categories []string, ss []series, xLabel, labelledBy, describedBy string, st barStyle) (string, error) {
	p := newPlot(xLabel, "")
	n := len(categories)
	bar := st.bar
	// One row per category, the first at the top, and an empty row above
	// them for the legend, so that it covers no bar. A chart whose bars
	// carry their series' names needs no legend.
	legend := len(ss) > 1 && !st.named
	rows := n
	if legend {
		rows++
	}
	names := make([]string, rows)
	for i, c := range categories {
		names[n-1-i] = c
	}
	maxV := 0.0
	for _, s := range ss {
		for _, c := range s.cells {
			maxV = max(maxV, c.Value)
		}
	}
	for k, s := range ss {
		vals := make(plotter.Values, n)
		xys := plotter.XYLabels{XYs: make(plotter.XYs, n), Labels: make([]string, n)}
		for i, c := range s.cells {
			row := n - 1 - i
			vals[row] = c.Value
			xys.XYs[row] = plotter.XY{X: c.Value, Y: float64(row)}
			xys.Labels[row] = chartText(c)
			if st.named && xys.Labels[row] != "" {
				xys.Labels[row] = s.name + ": " + xys.Labels[row]
			}
		}
		b, err := plotter.NewBarChart(vals, bar)
		if err != nil {
			return "", err
		}
		b.Horizontal = true
		b.Color = st.fills[k%len(st.fills)]
		b.LineStyle.Color, b.LineStyle.Width = ink, vg.Points(0.8)
		offset := bar * vg.Length(float64(len(ss)-1)/2-float64(k))
		b.Offset = offset
		labels, err := plotter.NewLabels(xys)
		if err != nil {
			return "", err
		}
		labels.Offset = vg.Point{X: vg.Points(3), Y: offset - vg.Points(3)}
		p.Add(b, labels)
		if legend {
			p.Legend.Add(s.name, b)
		}
	}
	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.6, float64(rows)-0.6
	p.X.Min = 0
	p.X.Max = max(maxV*st.room, 1) // room for the labels
	h := max(chartMin, (bar*vg.Length(len(ss))+rowGap)*vg.Length(rows)+0.7*vg.Inch)
	return svgOf(p, chartW, h, labelledBy, describedBy)
}

// chartText is a bar's label: its number, "<5" when suppressed, or "not
// shown" when hidden to protect a suppressed one (it is 5 or more: "<5"
// would be untrue).
func chartText(c cell) string {
	switch {
	case c.Text == NotShown:
		return NotShown
	case c.Suppressed:
		return "<5"
	case !c.Shown:
		return ""
	}
	if strings.HasSuffix(c.Text, ")") { // a percentage: just the percentage
		return strings.SplitN(c.Text, " ", 2)[0]
	}
	return c.Text
}

// lineStyles tell the lines apart without colour: dash and marker.
var lineStyles = []struct {
	dashes []vg.Length
	shape  draw.GlyphDrawer
}{
	{nil, draw.CircleGlyph{}},
	{[]vg.Length{vg.Points(6), vg.Points(3)}, draw.TriangleGlyph{}},
	{[]vg.Length{vg.Points(1.5), vg.Points(2.5)}, draw.BoxGlyph{}},
	{[]vg.Length{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}, draw.RingGlyph{}},
}

// lines draws a percentage per month for each series; a month with
// nothing to show (nothing measured, or suppressed) is a gap.
func lines(months []string, ss []series, yLabel, labelledBy, describedBy string) (string, error) {
	p := newPlot("", yLabel)
	p.Y.Min, p.Y.Max = 0, 105
	p.Legend.Left = true
	p.Legend.Top = false
	for k, s := range ss {
		st := lineStyles[k%len(lineStyles)]
		var first plot.Thumbnailer
		var run plotter.XYs
		flush := func() error {
			if len(run) == 0 {
				return nil
			}
			l, sc, err := plotter.NewLinePoints(run)
			if err != nil {
				return err
			}
			l.LineStyle.Color, l.LineStyle.Width, l.LineStyle.Dashes = ink, vg.Points(1.2), st.dashes
			sc.GlyphStyle.Shape, sc.GlyphStyle.Color, sc.GlyphStyle.Radius = st.shape, ink, vg.Points(3)
			p.Add(l, sc)
			if first == nil {
				first = l
				p.Legend.Add(s.name, l, sc)
			}
			run = nil
			return nil
		}
		for i, c := range s.cells {
			if !c.Shown {
				if err := flush(); err != nil {
					return "", err
				}
				continue
			}
			run = append(run, plotter.XY{X: float64(i), Y: c.Value})
		}
		if err := flush(); err != nil {
			return "", err
		}
	}
	p.NominalX(months...)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
	return svgOf(p, chartW, 3.4*vg.Inch, labelledBy, describedBy)
}

// caseloadBars draws one bar per IRO, largest first, with the handbook's
// range marked by two dashed lines.
func caseloadBars(cells []cell, low, high float64, labelledBy, describedBy string) (string, error) {
	p := newPlot("IROs, largest caseload first", "children")
	vals := make(plotter.Values, len(cells))
	names := make([]string, len(cells))
	maxV := high
	for i, c := range cells {
		vals[i] = c.Value
		maxV = max(maxV, c.Value)
		names[i] = fmt.Sprint(i + 1)
	}
	width := vg.Points(max(2, min(16, 420/float64(max(len(cells), 1)))))
	b, err := plotter.NewBarChart(vals, width)
	if err != nil {
		return "", err
	}
	b.Color, b.LineStyle.Color, b.LineStyle.Width = midGrey, ink, vg.Points(0.4)
	p.Add(b)
	for _, ref := range []struct {
		y     float64
		label string
		dash  []vg.Length
	}{{low, fmt.Sprintf("%g: the handbook's lower end", low), []vg.Length{vg.Points(2), vg.Points(2)}},
		{high, fmt.Sprintf("%g: the handbook's upper end", high), []vg.Length{vg.Points(6), vg.Points(3)}}} {
		l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: ref.y}, {X: float64(len(cells)) - 0.5, Y: ref.y}})
		if err != nil {
			return "", err
		}
		l.LineStyle.Color, l.LineStyle.Width, l.LineStyle.Dashes = ink, vg.Points(1), ref.dash
		p.Add(l)
		p.Legend.Add(ref.label, l)
	}
	if len(cells) <= 30 {
		p.NominalX(names...)
	} else {
		p.X.Tick.Label.Font.Size = 0
		p.X.Tick.Length = 0
	}
	p.X.Min, p.X.Max = -0.5, float64(len(cells))-0.5
	p.Y.Min, p.Y.Max = 0, maxV*1.15
	return svgOf(p, chartW, 3.2*vg.Inch, labelledBy, describedBy)
}
