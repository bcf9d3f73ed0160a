package annualreport

import (
	"kite/internal/domain"
	"kite/internal/figures"
)

// The report's sections, as data: a figure is one line in a section's
// figures, a breakdown one entry in its breakdowns. Each names its
// definition's key in figures.Definitions, so that the report defines
// every number it prints exactly as the API does.

// figureSpec is one row of a section's table of figures.
type figureSpec struct {
	label string
	def   string // key in figures.Definitions
	get   func(*figures.Figures) measure
}

// breakdownSpec is a table of counts by row (and a chart of it).
type breakdownSpec struct {
	title  string // the table's caption and the chart's title
	def    string
	get    func(*figures.Figures) []figures.Count
	xLabel string // what the bars count
}

// sharesSpec is a chart of several percentages side by side, each a
// figureSpec of a share, this period and the one before.
type sharesSpec struct {
	title  string
	shares []figureSpec
}

// groupSpec is a two-way breakdown of the period: a table of counts by
// row and column, and a grouped bar chart of it.
type groupSpec struct {
	title   string
	def     string
	get     func(*figures.Figures) []figures.CountGroup
	rowHead string // what the rows are, heading their column
	xLabel  string // what the bars count
}

// tookPart is the share of the children's meetings of one kind they
// attended or sent their views for (figures.ParticipationByMeetingKind).
func tookPart(kind domain.MeetingKind, label string) figureSpec {
	return figureSpec{label, "ParticipationByMeetingKind", func(f *figures.Figures) measure {
		for _, k := range f.ParticipationByMeetingKind {
			if k.Kind == kind {
				return share(k.TookPart)
			}
		}
		return share(figures.Percent{})
	}}
}

// sectionSpec is one section of the report.
type sectionSpec struct {
	id, title, intro string
	figures          []figureSpec
	shares           []sharesSpec
	breakdowns       []breakdownSpec
	groups           []groupSpec
	monthly          *sharesSpec // percentages month by month
	caseloads        bool
}

var sectionSpecs = []sectionSpec{
	{
		id: "in-care", title: "Children in care",
		intro: "Children in care and their reviews, chaired by Independent Reviewing Officers.",
		figures: []figureSpec{
			{"Children in care during the period", "InCare.During", func(f *figures.Figures) measure { return count(f.InCare.During) }},
			{"Children who came into care", "InCare.Started", func(f *figures.Figures) measure { return count(f.InCare.Started) }},
			{"Children who left care", "InCare.Ended", func(f *figures.Figures) measure { return count(f.InCare.Ended) }},
			{"Children in care at the end of the period", "InCare.AtEnd", func(f *figures.Figures) measure { return count(f.InCare.AtEnd) }},
			{"Children in care at the end, per 10,000 children", "InCare.AtEndPer10000", func(f *figures.Figures) measure {
				return rate(f.InCare.AtEndPer10000, f.InCare.AtEnd)
			}},
			{"Reviews held (per child)", "InCare.Reviews", func(f *figures.Figures) measure { return count(f.InCare.Reviews) }},
			{"Review meetings held (brothers and sisters together count once)", "InCare.ReviewMeetings", func(f *figures.Figures) measure { return count(f.InCare.ReviewMeetings) }},
			{"Of which light-touch reviews", "InCare.LightTouchReviews", func(f *figures.Figures) measure { return count(f.InCare.LightTouchReviews) }},
			{"Reviews held on time (per review)", "InCare.ReviewsOnTime", func(f *figures.Figures) measure { return share(f.InCare.ReviewsOnTime) }},
			{"Children whose reviews were all on time (per child)", "InCare.ChildrenReviewedOnTime", func(f *figures.Figures) measure {
				return share(f.InCare.ChildrenReviewedOnTime)
			}},
			{"Reviews where the child took part", "InCare.Participation", func(f *figures.Figures) measure { return share(f.InCare.Participation) }},
		},
		shares: []sharesSpec{{title: "Children taking part, by kind of meeting", shares: []figureSpec{
			{"Child-in-care reviews, by participation code", "InCare.Participation", func(f *figures.Figures) measure { return share(f.InCare.Participation) }},
			tookPart(domain.CICReview, "Child-in-care reviews: attended or sent views"),
			tookPart(domain.LightTouchReview, "Light-touch reviews: attended or sent views"),
			tookPart(domain.InitialCPConference, "Initial conferences: attended or sent views"),
			tookPart(domain.ReviewCPConference, "Review conferences: attended or sent views"),
		}}},
		breakdowns: []breakdownSpec{
			{"Children who came into care, by age", "InCare.AgeOnStarting", func(f *figures.Figures) []figures.Count { return f.InCare.AgeOnStarting }, "children"},
		},
	},
	{
		id: "child-protection", title: "Child protection",
		intro: "Child protection conferences, chaired by Child Protection Conference Chairs, and the plans they make.",
		figures: []figureSpec{
			{"Initial conferences held (brothers and sisters together count once)", "ChildProtection.InitialConferences", func(f *figures.Figures) measure { return count(f.ChildProtection.InitialConferences) }},
			{"Children at initial conferences held", "ChildProtection.InitialConferenceChildren", func(f *figures.Figures) measure {
				return count(f.ChildProtection.InitialConferenceChildren)
			}},
			{"Initial conferences within 15 working days of the strategy discussion", "ChildProtection.InitialConferencesInTime", func(f *figures.Figures) measure { return share(f.ChildProtection.InitialConferencesInTime) }},
			{"Review conferences held (brothers and sisters together count once)", "ChildProtection.ReviewConferences", func(f *figures.Figures) measure { return count(f.ChildProtection.ReviewConferences) }},
			{"Children at review conferences held", "ChildProtection.ReviewConferenceChildren", func(f *figures.Figures) measure {
				return count(f.ChildProtection.ReviewConferenceChildren)
			}},
			{"Review conferences held on time", "ChildProtection.ReviewConferencesOnTime", func(f *figures.Figures) measure { return share(f.ChildProtection.ReviewConferencesOnTime) }},
			{"Plans started", "ChildProtection.PlansStarted", func(f *figures.Figures) measure { return count(f.ChildProtection.PlansStarted) }},
			{"Plans started per 10,000 children", "ChildProtection.StartedPer10000", func(f *figures.Figures) measure {
				return rate(f.ChildProtection.StartedPer10000, f.ChildProtection.PlansStarted)
			}},
			{"Plans started within 2 years of a previous plan", "ChildProtection.RepeatWithinTwoYears", func(f *figures.Figures) measure { return share(f.ChildProtection.RepeatWithinTwoYears) }},
			{"Plans ended", "ChildProtection.PlansEnded", func(f *figures.Figures) measure { return count(f.ChildProtection.PlansEnded) }},
			{"Children subject to a plan during the period", "ChildProtection.ChildrenDuring", func(f *figures.Figures) measure { return count(f.ChildProtection.ChildrenDuring) }},
			{"Children on a plan at the end of the period", "ChildProtection.OnPlanAtEnd", func(f *figures.Figures) measure { return count(f.ChildProtection.OnPlanAtEnd) }},
			{"Children on a plan at the end, per 10,000 children", "ChildProtection.OnPlanAtEndPer10000", func(f *figures.Figures) measure {
				return rate(f.ChildProtection.OnPlanAtEndPer10000, f.ChildProtection.OnPlanAtEnd)
			}},
			{"Core groups held", "ChildProtection.CoreGroups", func(f *figures.Figures) measure { return count(f.ChildProtection.CoreGroups) }},
			{"Core groups held on time", "ChildProtection.CoreGroupsOnTime", func(f *figures.Figures) measure { return share(f.ChildProtection.CoreGroupsOnTime) }},
			{"Core group records sent on time", "ChildProtection.CoreGroupRecordsOnTime", func(f *figures.Figures) measure {
				return share(f.ChildProtection.CoreGroupRecordsOnTime)
			}},
		},
		breakdowns: []breakdownSpec{
			{"Plans started, by category of abuse", "ChildProtection.Categories", func(f *figures.Figures) []figures.Count { return f.ChildProtection.Categories }, "plans started"},
			{"Plans started, by the child's age", "ChildProtection.AgeAtStart", func(f *figures.Figures) []figures.Count { return f.ChildProtection.AgeAtStart }, "plans started"},
			{"Plans ended, by how long they lasted", "ChildProtection.LengthOnEndingDetailed", func(f *figures.Figures) []figures.Count {
				return f.ChildProtection.LengthOnEndingDetailed
			}, "plans ended"},
		},
	},
	{
		id: "records", title: "Plans and records sent on time",
		intro: "How quickly families received the outline plan or decision letter, and the full plan or record, after a meeting.",
		figures: []figureSpec{
			{"Outline plans or decision letters sent on time", "OutlinesOnTime", func(f *figures.Figures) measure { return share(f.OutlinesOnTime) }},
			{"Full plans or records sent on time", "RecordsOnTime", func(f *figures.Figures) measure { return share(f.RecordsOnTime) }},
		},
	},
	{
		id: "timeliness", title: "Timeliness month by month",
		intro: "The share of meetings held on time in each month of the period.",
		monthly: &sharesSpec{title: "Meetings on time, by month", shares: []figureSpec{
			{"Child-in-care reviews on time", "InCare.ReviewsOnTime", func(f *figures.Figures) measure { return share(f.InCare.ReviewsOnTime) }},
			{"Review conferences on time", "ChildProtection.ReviewConferencesOnTime", func(f *figures.Figures) measure { return share(f.ChildProtection.ReviewConferencesOnTime) }},
			{"Core groups on time", "ChildProtection.CoreGroupsOnTime", func(f *figures.Figures) measure { return share(f.ChildProtection.CoreGroupsOnTime) }},
			{"Initial conferences in time", "ChildProtection.InitialConferencesInTime", func(f *figures.Figures) measure { return share(f.ChildProtection.InitialConferencesInTime) }},
			{"Full records sent on time", "RecordsOnTime", func(f *figures.Figures) measure { return share(f.RecordsOnTime) }},
		}},
	},
	{
		id: "alerts", title: "Alerts and escalations",
		intro: "Concerns chairs raised about a child's plan, informally and formally, and how far they went in the " +
			"dispute-resolution process: informal resolution, then the team manager, the head of service and the Director, " +
			"and for a child in care a referral to CAFCASS.",
		figures: []figureSpec{
			{"Alerts and escalations raised", "Alerts.Total", func(f *figures.Figures) measure { return count(f.Alerts.Total) }},
			{"Escalations to a later stage", "Alerts.Escalations", func(f *figures.Figures) measure { return count(f.Alerts.Escalations) }},
		},
		breakdowns: []breakdownSpec{
			{"Alerts and escalations, by level", "Alerts.ByLevel", func(f *figures.Figures) []figures.Count { return f.Alerts.ByLevel }, "alerts raised"},
			{"Alerts and escalations, by reason", "Alerts.ByReason", func(f *figures.Figures) []figures.Count { return f.Alerts.ByReason }, "alerts raised"},
			{"Alerts and escalations, by the furthest stage reached", "Alerts.ByStageReached", func(f *figures.Figures) []figures.Count {
				return f.Alerts.ByStageReached
			}, "alerts raised"},
			{"Alerts and escalations, by who raised them", "Alerts.ByRaiserRole", func(f *figures.Figures) []figures.Count { return f.Alerts.ByRaiserRole }, "alerts raised"},
			{"Raised by IROs, by reason", "Alerts.ByReasonFromIROs", func(f *figures.Figures) []figures.Count { return f.Alerts.ByReasonFromIROs }, "alerts raised"},
			{"Raised by CP Chairs, by reason", "Alerts.ByReasonFromCPChairs", func(f *figures.Figures) []figures.Count {
				return f.Alerts.ByReasonFromCPChairs
			}, "alerts raised"},
			{"Escalations, by the stage escalated to", "Alerts.EscalationsByStage", func(f *figures.Figures) []figures.Count {
				return f.Alerts.EscalationsByStage
			}, "escalations"},
		},
		groups: []groupSpec{
			{"Alerts and escalations, by stage and reason", "Alerts.ByStageReachedAndReason", func(f *figures.Figures) []figures.CountGroup {
				return f.Alerts.ByStageReachedAndReason
			}, "furthest stage reached", "alerts raised"},
		},
	},
	{
		id: "caseloads", title: "IRO caseloads",
		intro: "Children allocated to each Independent Reviewing Officer on the last day of the period, against the IRO Handbook's 50 to 70 " +
			"for a full-time IRO (in proportion for part-time IROs). IROs are numbered, largest caseload first; the report names nobody.",
		figures: []figureSpec{
			{"Average caseload", "AverageCaseload", func(f *figures.Figures) measure { return average(f.AverageCaseload) }},
			{"Average caseload per full-time IRO", "AverageCaseloadPerFullTime", func(f *figures.Figures) measure { return average(f.AverageCaseloadPerFullTime) }},
		},
		caseloads: true,
	},
}
