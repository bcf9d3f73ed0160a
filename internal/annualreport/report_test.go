package annualreport

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/figures"
	"kite/internal/reports"
)

var (
	from = civil.MustParse("2019-04-01")
	to   = civil.MustParse("2020-03-31")
)

// handWorked is a small authority whose figures are worked out by hand in
// the comments: the period is 2019–20, the period before 2018–19.
func handWorked() *figures.Input {
	in := &figures.Input{Settings: figures.Settings{ChildPopulation: 10000, PN4CountsAsParticipation: true}}
	child := func(id, born string) {
		in.Children = append(in.Children, figures.Child{ID: id, DateOfBirth: civil.MustParse(born)})
	}
	cp := func(id, cat, start, end string) {
		p := figures.Plan{ID: "p-" + id + start, ChildID: id, Kind: domain.ChildProtectionPlan,
			Category: domain.AbuseCategory(cat), StartsOn: civil.MustParse(start)}
		if end != "" {
			p.EndsOn = civil.MustParse(end)
		}
		in.Plans = append(in.Plans, p)
	}
	// 2018–19: 6 plans started (neglect), ended 2019-09-30 after 16 months.
	for i := range 6 {
		id := fmt.Sprintf("prev%d", i)
		child(id, "2008-01-01")
		cp(id, "NEGLECT", "2018-06-01", "2019-09-30")
	}
	// 2019–20: 12 plans started: neglect 7, emotional 3, physical 2; two
	// children under 1 at the start (born 2019-01-01), ten aged 6 to 10.
	cats := []string{"NEGLECT", "NEGLECT", "NEGLECT", "NEGLECT", "NEGLECT", "NEGLECT", "NEGLECT", "EMOTIONAL", "EMOTIONAL", "EMOTIONAL", "PHYSICAL", "PHYSICAL"}
	for i, cat := range cats {
		id := fmt.Sprintf("cur%d", i)
		born := "2010-01-01"
		if i >= 10 {
			born = "2019-01-01"
		}
		child(id, born)
		cp(id, cat, "2019-05-01", "")
		// Their initial conferences, two brothers or sisters at each: 6
		// meetings for 12 children. The first 6 children attended, the
		// 7th sent views: 7 of 12 took part.
		in.Meetings = append(in.Meetings, figures.Meeting{ChildID: id, Kind: domain.InitialCPConference, Status: domain.Held,
			HeldOn: civil.MustParse("2019-05-01"), DueBy: civil.MustParse("2019-05-01"), SittingID: fmt.Sprintf("sit%d", i/2),
			ChildAttended: i < 6, ViewsSent: i == 6})
	}
	// Child-in-care reviews in 2019–20: 10 held in June, 9 on time, 8 took
	// part (PN1), 2 did not (PN7). In 2018–19: 4 held.
	for i := range 10 {
		id := fmt.Sprintf("cic%d", i)
		child(id, "2012-02-02")
		in.Plans = append(in.Plans, figures.Plan{ChildID: id, Kind: domain.CarePlan, StartsOn: civil.MustParse("2017-01-01")})
		due := "2019-06-30"
		if i == 0 {
			due = "2019-06-01"
		}
		code := domain.PN1
		if i >= 8 {
			code = domain.PN7
		}
		// 5 attended, 2 more sent views: 7 of 10 took part (by the codes,
		// 8 of 10).
		in.Meetings = append(in.Meetings, figures.Meeting{ChildID: id, Kind: domain.CICReview, Status: domain.Held,
			HeldOn: civil.MustParse("2019-06-10"), DueBy: civil.MustParse(due), ParticipationCode: code,
			ChildAttended: i < 5, ViewsSent: i == 5 || i == 6})
		if i < 4 {
			in.Meetings = append(in.Meetings, figures.Meeting{ChildID: id, Kind: domain.CICReview, Status: domain.Held,
				HeldOn: civil.MustParse("2018-12-10"), DueBy: civil.MustParse("2018-12-31"), ParticipationCode: domain.PN1})
		}
	}
	// 3 alerts in 2019–20, raised by IROs and escalated to the team manager.
	for range 3 {
		in.Alerts = append(in.Alerts, figures.Alert{Level: domain.InformalAlert, Reason: domain.DriftOrDelay, RaisedOn: civil.MustParse("2019-07-01"),
			RaisedBy: domain.RoleIRO, Stages: []figures.AlertStep{{Stage: domain.StageInformal, On: civil.MustParse("2019-07-01")},
				{Stage: domain.StageTeamManager, On: civil.MustParse("2019-08-01")}}})
	}
	// IROs on 2020-03-31: Alice Example has 7 children, Bob Sample 3. Bob
	// works half time: his range is 25 to 35, and the IROs are 1.5
	// full-time equivalents, so 10 ÷ 1.5 = 6.7 children per full-time IRO.
	in.Staff = []figures.Staff{{ID: "usr_bob", FullTimeEquivalent: 0.5}}
	for i := range 10 {
		staff, name := "usr_alice", "Alice Example"
		if i >= 7 {
			staff, name = "usr_bob", "Bob Sample"
		}
		in.Allocations = append(in.Allocations, figures.Allocation{StaffID: staff, StaffName: name, ChildID: fmt.Sprintf("cic%d", i),
			Kind: domain.AllocIRO, StartsOn: civil.MustParse("2017-01-01")})
	}
	return in
}

func render(t *testing.T, suppress bool) string {
	t.Helper()
	a := reports.AnnualOf(handWorked(), "Hand Borough", suppress, from, to)
	r, err := Build(context.Background(), a, civil.MustParse("2020-05-01"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var tagRE = regexp.MustCompile(`<[^>]+>`)

// row returns the cells after the row header that reads label, in the
// first table (after the heading of section) where it appears.
func row(t *testing.T, page, section, label string) []string {
	t.Helper()
	start := strings.Index(page, `<section id="`+section+`"`)
	if start < 0 {
		t.Fatalf("no section %s", section)
	}
	page = page[start:]
	page = page[:strings.Index(page, "</section>")]
	for _, tr := range strings.Split(page, "<tr>")[1:] {
		tr = tr[:strings.Index(tr, "</tr>")]
		cells := regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(tr, -1)
		if len(cells) > 0 && tagRE.ReplaceAllString(cells[0][1], "") == label {
			var out []string
			for _, c := range cells[1:] {
				out = append(out, strings.ReplaceAll(html.UnescapeString(tagRE.ReplaceAllString(c[1], "")), "\u00a0", " "))
			}
			return out
		}
	}
	t.Fatalf("no row %q in %s", label, section)
	return nil
}

func TestHandWorkedReport(t *testing.T) {
	html := render(t, true)
	for _, tc := range []struct {
		section, label string
		want           []string
	}{
		// Figures this period, the period before, and the change.
		{"child-protection", "Plans started", []string{"12", "6", "+6"}},
		{"child-protection", "Plans ended", []string{"6", "0", "+6"}},
		{"child-protection", "Plans started per 10,000 children", []string{"12.0", "6.0", "+6.0"}},
		{"child-protection", "Children on a plan at the end of the period", []string{"12", "6", "+6"}},
		{"in-care", "Reviews held on time (per review)", []string{"90.0% (9 of 10)", FewerThan5 + " to measure", "—"}},
		{"in-care", "Reviews where the child took part", []string{"80.0% (8 of 10)", FewerThan5 + " to measure", "—"}},
		// Participation by kind of meeting, each child's meeting counted.
		{"in-care", "Child-in-care reviews, by participation code", []string{"80.0% (8 of 10)", FewerThan5 + " to measure", "—"}},
		{"in-care", "Child-in-care reviews: attended or sent views", []string{"70.0% (7 of 10)", FewerThan5 + " to measure", "—"}},
		{"in-care", "Initial conferences: attended or sent views", []string{"58.3% (7 of 12)", "none to measure", "—"}},
		{"in-care", "Light-touch reviews: attended or sent views", []string{"none to measure", "none to measure", "—"}},
		{"in-care", "Children in care at the end of the period", []string{"10", "10", "no change"}},
		// 4 reviews the year before is a small count: the change is left out.
		{"in-care", "Reviews held (per child)", []string{"10", FewerThan5, "—"}},
		{"in-care", "Review meetings held (brothers and sisters together count once)", []string{"10", FewerThan5, "—"}},
		// 12 children's initial conferences, 6 meetings.
		{"child-protection", "Initial conferences held (brothers and sisters together count once)", []string{"6", "0", "+6"}},
		{"child-protection", "Children at initial conferences held", []string{"12", "0", "+12"}},
		{"alerts", "Alerts and escalations raised", []string{FewerThan5, "0", "—"}},
		{"alerts", "Escalations to a later stage", []string{FewerThan5, "0", "—"}},
		// Categories: 3 and 2 are both suppressed; nothing else need be.
		{"child-protection", "Neglect", []string{"7", "6", "+1"}},
		{"child-protection", "Emotional abuse", []string{FewerThan5, "0", "—"}},
		{"child-protection", "Physical abuse", []string{FewerThan5, "0", "—"}},
		// Ages: only "under 1" (2) is small, so the next smallest (10) is
		// hidden too, or it could be worked out from the 12 plans.
		{"child-protection", "Under 1", []string{FewerThan5, "0", "—"}},
		{"child-protection", "6 to 10", []string{NotShown, "6", "—"}},
		{"child-protection", "1 year but under 2 years", []string{"6", "0", "+6"}},
		// IROs by caseload: counts of IROs, never suppressed.
		{"caseloads", "below the range", []string{"2", "2", "no change"}},
		// Each IRO numbered, largest first; 3 is small, so 7 is hidden.
		{"caseloads", "IRO 1", []string{NotShown, "1.0", "50 to 70", "below the range"}},
		{"caseloads", "IRO 2", []string{FewerThan5, "0.5", "25 to 35", "below the range"}},
		{"caseloads", "Average caseload", []string{"5.0", "5.0", "no change"}},
		{"caseloads", "Average caseload per full-time IRO", []string{"6.7", "6.7", "no change"}},
		{"caseloads", "31 March 2020", []string{"2", "1.5", "10", "5.0", "6.7"}},
		// Each child's record: 10 reviews and 12 children's conferences.
		{"records", "Full plans or records sent on time", []string{"0.0% (0 of 22)", FewerThan5 + " to measure", "—"}},
	} {
		if got := row(t, html, tc.section, tc.label); !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: got %q, want %q", tc.section, tc.label, got, tc.want)
		}
	}

	// Every section is there, each with a table.
	for _, id := range []string{"in-care", "child-protection", "records", "timeliness", "alerts", "caseloads", "definitions"} {
		if !strings.Contains(html, `<section id="`+id+`"`) {
			t.Errorf("no section %s", id)
		}
	}
	// Numbers only: no names or ids of staff.
	for _, name := range []string{"Alice", "Bob", "Example", "Sample", "usr_"} {
		if strings.Contains(html, name) {
			t.Errorf("the report contains %q", name)
		}
	}
	if !strings.Contains(html, "Hand Borough") || !strings.Contains(html, "1 April 2018 to 31 March 2019") {
		t.Error("no authority or previous period in the title")
	}
}

func TestSuppressionOff(t *testing.T) {
	html := render(t, false)
	for _, tc := range []struct {
		section, label string
		want           []string
	}{
		{"child-protection", "Emotional abuse", []string{"3", "0", "+3"}},
		{"child-protection", "6 to 10", []string{"10", "6", "+4"}},
		{"in-care", "Reviews held (per child)", []string{"10", "4", "+6"}},
		{"in-care", "Reviews held on time (per review)", []string{"90.0% (9 of 10)", "100.0% (4 of 4)", "−10.0 points"}},
		{"caseloads", "IRO 1", []string{"7", "1.0", "50 to 70", "below the range"}},
		{"caseloads", "IRO 2", []string{"3", "0.5", "25 to 35", "below the range"}},
		{"alerts", "Escalations to a later stage", []string{"3", "0", "+3"}},
		{"alerts", "Team manager (formal stage 1)", []string{"3", "0", "+3"}},
		{"alerts", "Independent Reviewing Officers", []string{"3", "0", "+3"}},
		{"alerts", "Child Protection Conference Chairs", []string{"0", "0", "no change"}},
	} {
		if got := row(t, html, tc.section, tc.label); !slices.Equal(got, tc.want) {
			t.Errorf("%s %q: got %q, want %q", tc.section, tc.label, got, tc.want)
		}
	}
	if strings.Contains(html, FewerThan5) || strings.Contains(html, NotShown) || !strings.Contains(html, "do not publish") {
		t.Error("suppression off, but a count is hidden, or the report does not say it must not be published")
	}
}

// TestChartsHaveTextAlternatives: at least five charts, each an SVG named
// by its caption and described by the table of its numbers.
func TestChartsHaveTextAlternatives(t *testing.T) {
	html := render(t, true)
	svgs := regexp.MustCompile(`<svg role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"`).FindAllStringSubmatch(html, -1)
	if n := strings.Count(html, "<svg"); n < 5 || n != len(svgs) {
		t.Fatalf("%d <svg> elements, %d of them with a name and a description; want at least 5, all", n, len(svgs))
	}
	for _, m := range svgs {
		caption := regexp.MustCompile(`<figcaption id="` + m[1] + `">(.*?)</figcaption>`).FindStringSubmatch(html)
		if caption == nil || len(tagRE.ReplaceAllString(caption[1], "")) < 30 {
			t.Errorf("chart %s: no caption", m[1])
		}
		table := regexp.MustCompile(`(?s)<table id="` + m[2] + `">.*?</table>`).FindString(html)
		if strings.Count(table, "<tr>") < 2 {
			t.Errorf("chart %s: no table of its numbers (%s)", m[1], m[2])
		}
	}
	// Drawn by gonum's SVG backend, not by hand.
	if !strings.Contains(html, "<path") || !strings.Contains(html, "<text") {
		t.Error("the charts have no paths or text")
	}
}

// TestEveryFigureIsDefined: each figure the report prints links to its
// definition, which is the API's.
func TestEveryFigureIsDefined(t *testing.T) {
	html := render(t, true)
	defs := figures.Definitions()
	for _, s := range sectionSpecs {
		for _, f := range s.figures {
			if _, ok := defs[f.def]; !ok {
				t.Errorf("%q: no definition %q", f.label, f.def)
			}
			if !strings.Contains(html, `<dt id="def-`+f.def+`">`) {
				t.Errorf("%q: definition not in the report", f.label)
			}
		}
		for _, b := range s.breakdowns {
			if _, ok := defs[b.def]; !ok {
				t.Errorf("%q: no definition %q", b.title, b.def)
			}
		}
	}
}

// TestAlertsByStageAndReason: the grouped chart's table has a row per
// stage and a column per reason, this period's counts, small ones hidden.
func TestAlertsByStageAndReason(t *testing.T) {
	for _, suppress := range []bool{true, false} {
		page := render(t, suppress)
		table := regexp.MustCompile(`(?s)<table id="(table-\d+)">\s*<caption>Alerts and escalations, by stage and reason.*?</table>`).FindStringSubmatch(page)
		if table == nil {
			t.Fatal("no table of alerts by stage and reason")
		}
		if !strings.Contains(page, `aria-describedby="`+table[1]+`"`) {
			t.Error("the table is not the grouped chart's description")
		}
		header := []string{"furthest stage reached", "Report not received", "Care planning", "Drift or delay",
			"Visits or core groups not held", "Other", "all"}
		var got [][]string
		for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(table[0], -1) {
			var cells []string
			for _, c := range regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(tr[1], -1) {
				cells = append(cells, html.UnescapeString(tagRE.ReplaceAllString(c[1], "")))
			}
			got = append(got, cells)
		}
		// The 3 alerts of 2019–20 were for drift or delay and reached the
		// team manager.
		three := "3"
		if suppress {
			three = FewerThan5
		}
		want := [][]string{header,
			{"Informal", "0", "0", "0", "0", "0", "0"},
			{"Team manager (formal stage 1)", "0", "0", three, "0", "0", three},
			{"Head of service (formal stage 2)", "0", "0", "0", "0", "0", "0"},
			{"Director (formal stage 3)", "0", "0", "0", "0", "0", "0"},
			{"Referral to CAFCASS", "0", "0", "0", "0", "0", "0"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("suppress %v:\n got %q\nwant %q", suppress, got, want)
		}
		// Each bar of the grouped chart is named by its reason.
		if label := "drift or delay: " + html.EscapeString(map[bool]string{true: "<5", false: "3"}[suppress]); !strings.Contains(page, label) {
			t.Errorf("suppress %v: no bar labelled %q", suppress, label)
		}
	}
}

// TestGridSuppression: in a two-way table whose row and column totals are
// published, a small count that is alone hidden in its row or column takes
// the smallest count above 4 of that row or column with it.
func TestGridSuppression(t *testing.T) {
	show := func(g [][]cell) [][]string {
		out := make([][]string, len(g))
		for i, row := range g {
			for _, c := range row {
				out[i] = append(out[i], c.Text)
			}
		}
		return out
	}
	counts := [][]int{
		{3, 9, 6},
		{7, 8, 0},
		{5, 0, 12},
	}
	// 3 is hidden. Its row then hides 6 (its smallest above 4), its column
	// 5. 6's column (6, 0, 12) hides 12; 5's row (5, 0, 12) then has two.
	// 12's column is done; the middle row and column have none hidden.
	want := [][]string{
		{FewerThan5, "9", NotShown},
		{"7", "8", "0"},
		{NotShown, "0", NotShown},
	}
	if got := show(grid(counts, true)); !reflect.DeepEqual(got, want) {
		t.Errorf("grid:\n got %q\nwant %q", got, want)
	}
	if got := show(grid(counts, false)); !reflect.DeepEqual(got, [][]string{{"3", "9", "6"}, {"7", "8", "0"}, {"5", "0", "12"}}) {
		t.Errorf("grid, suppression off: %q", got)
	}
	// On a chart, a small count reads "<5"; one hidden to protect it is 5
	// or more, and reads "not shown".
	g := grid(counts, true)
	if a, b := chartText(g[0][0]), chartText(g[0][2]); a != "<5" || b != NotShown {
		t.Errorf("chart labels %q and %q, want <5 and %q", a, b, NotShown)
	}
}

func TestPreviousPeriod(t *testing.T) {
	for _, tc := range []struct{ from, to, wantFrom, wantTo string }{
		{"2019-04-01", "2020-03-31", "2018-04-01", "2019-03-31"},
		{"2020-01-01", "2020-06-30", "2019-07-01", "2019-12-31"},
		{"2020-03-10", "2020-03-19", "2020-02-29", "2020-03-09"},
	} {
		f, l := reports.PreviousPeriod(civil.MustParse(tc.from), civil.MustParse(tc.to))
		if f.String() != tc.wantFrom || l.String() != tc.wantTo {
			t.Errorf("before %s..%s: got %s..%s, want %s..%s", tc.from, tc.to, f, l, tc.wantFrom, tc.wantTo)
		}
	}
	if m := reports.Months(civil.MustParse("2019-04-15"), civil.MustParse("2019-06-10")); len(m) != 3 ||
		m[0][1].String() != "2019-04-30" || m[2][0].String() != "2019-06-01" || m[2][1].String() != "2019-06-10" {
		t.Errorf("months: %v", m)
	}
}
