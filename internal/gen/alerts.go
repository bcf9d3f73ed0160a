package gen

import (
	"math/rand/v2"
	"time"

	"kite/ent"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Alerts: a chair raises an alert after about one held conference or
// review in twenty, about that meeting; about a third go on to the next
// stage each time, a few of a child in care's as far as CAFCASS. They have
// their own random stream (seeded like the rest), so that adding them did
// not change the other data of a seed.

type genAlert struct {
	id, child, chair, meeting ident.ID
	role                      domain.Role
	level                     domain.AlertLevel
	reason                    domain.AlertReason
	details                   string
	steps                     []domain.AlertStageStep
	resolution                string
	resolved                  time.Time
	created                   time.Time
}

var alertDetails = map[domain.AlertReason][]string{
	domain.ReportNotReceived: {"The social worker's report did not reach me before the meeting.",
		"No report was shared with the family before the conference."},
	domain.CarePlanning: {"The care plan has not been updated since the last review.",
		"The plan for where the child will live long term is still not agreed."},
	domain.DriftOrDelay: {"The actions agreed at the last meeting have not started.",
		"The assessment agreed three months ago has not begun."},
	domain.VisitsOrCoreGroupsNotHeld: {"Statutory visits have not taken place.", "The core group has not met since the conference."},
	domain.OtherReason:               {"The child's school has not been invited to the meetings."},
}

var alertReasons = []domain.AlertReason{domain.ReportNotReceived, domain.CarePlanning, domain.DriftOrDelay,
	domain.VisitsOrCoreGroupsNotHeld, domain.OtherReason}

// makeAlerts raises the alerts after the held meetings, with r.
func (g *generator) makeAlerts(r *rand.Rand) {
	kind := map[ident.ID]domain.PlanKind{}
	for _, p := range g.plans {
		kind[p.id] = p.kind
	}
	between := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	for _, m := range g.meetings {
		if m.status != domain.Held || m.kind == domain.CoreGroup || r.Float64() >= 0.05 {
			continue
		}
		raised := m.held.AddDays(between(1, 10))
		if !raised.Before(g.today) {
			continue
		}
		a := genAlert{id: ident.New("alr"), child: m.child, chair: m.chair, meeting: m.id, role: domain.RoleCPChair,
			level: domain.InformalAlert, reason: alertReasons[r.IntN(len(alertReasons))], created: atHM(raised, 11, 0)}
		if kind[m.plan] == domain.CarePlan {
			a.role = domain.RoleIRO
		}
		if r.Float64() < 0.2 {
			a.level = domain.FormalEscalation
		}
		ds := alertDetails[a.reason]
		a.details = ds[r.IntN(len(ds))]
		stage, day := domain.StageForLevel(a.level), raised
		a.steps = []domain.AlertStageStep{{Stage: stage, ReachedAt: a.created,
			RespondBy: g.cal.AddWorkingDays(day, domain.DefaultAlertStageWorkingDays[stage])}}
		for r.Float64() < 0.35 {
			next, ok := stage.Next()
			if !ok || (next == domain.StageCafcassReferral && kind[m.plan] != domain.CarePlan) {
				break
			}
			day = day.AddDays(between(7, 25))
			if !day.Before(g.today) {
				break
			}
			stage = next
			a.steps = append(a.steps, domain.AlertStageStep{Stage: stage, ReachedAt: atHM(day, 15, 0),
				RespondBy: g.cal.AddWorkingDays(day, domain.DefaultAlertStageWorkingDays[stage]), EscalatedByID: m.chair,
				Reason: "There has been no progress since the last stage."})
		}
		if end := day.AddDays(between(10, 40)); end.Before(g.today) && r.Float64() < 0.75 {
			a.resolution, a.resolved = "Agreed actions are now under way.", atHM(end, 16, 0)
		}
		g.alerts = append(g.alerts, a)
	}
}

func (w creates) alert(v *genAlert) *ent.AlertCreate {
	last := v.steps[len(v.steps)-1]
	to := domain.RoleSocialWorker
	if last.Stage != domain.StageInformal {
		to = last.Stage.Addressee()
	}
	modified := last.ReachedAt
	b := w.c.Alert.Create().SetID(v.id).SetAuthorityID(w.la).SetChildID(v.child).SetRaisedByID(v.chair).
		SetRaisedByRole(v.role).SetMeetingID(v.meeting).SetLevel(last.Stage.Level()).SetStage(last.Stage).
		SetReason(v.reason).SetDetails(v.details).SetAddressedTo(to).SetRaisedAt(v.created).
		SetResponseDueBy(last.RespondBy).SetStageHistory(v.steps).SetCreatedAt(v.created)
	if !v.resolved.IsZero() {
		b.SetStatus(domain.AlertResolved).SetResolution(v.resolution).SetResolvedAt(v.resolved)
		modified = v.resolved
	}
	return b.SetUpdatedAt(modified)
}
