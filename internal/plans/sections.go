package plans

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/planversion"
	"kite/internal/access"
	"kite/internal/childwords"
	"kite/internal/dashboard"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Sections is a plan version's three parts in the words meant for the
// viewer (childwords.PlanParts). The version is read again as the viewer
// may read it — a child under 12 has its formal and family wording masked
// (internal/access) — whatever columns the caller loaded; for a child
// without words they may read, their chair for this kind of plan (or else
// their social worker) is named as who will talk it through.
func Sections(ctx context.Context, client *ent.Client, version *ent.PlanVersion) ([]childwords.PlanPart, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	pv, err := client.PlanVersion.Query().Where(planversion.ID(version.ID)).WithPlan().Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "plan sections")
	}
	reader := childwords.StaffReader
	switch v.Role {
	case domain.RoleChild:
		reader = childwords.ChildReader
	case domain.RoleParent:
		reader = childwords.FamilyReader
	}
	parts := [3]childwords.Wording{
		{Formal: pv.Worries, ForChild: pv.WorriesForChild, ForFamily: pv.WorriesForFamily},
		{Formal: pv.GoingWell, ForChild: pv.GoingWellForChild, ForFamily: pv.GoingWellForFamily},
		{Formal: pv.NeedsToChange, ForChild: pv.NeedsToChangeForChild, ForFamily: pv.NeedsToChangeForFamily},
	}
	p := pv.Edges.Plan
	if p == nil {
		return nil, fmt.Errorf("plan sections: the plan of version %s is not loaded", pv.ID)
	}
	var talker *childwords.Person
	if reader == childwords.ChildReader {
		if talker, err = whoTalksItThrough(ctx, client, p); err != nil {
			return nil, err
		}
	}
	return childwords.PlanParts(reader, parts, p.Kind, talker), nil
}

// whoTalksItThrough is the child's chair for this kind of plan (their IRO
// for a care plan, their CP Chair for a child protection plan), or else
// their social worker; nil when they have neither.
func whoTalksItThrough(ctx context.Context, client *ent.Client, p *ent.Plan) (*childwords.Person, error) {
	chairs, sw, err := dashboard.Contacts(ctx, client, p.ChildID)
	if err != nil {
		return nil, err
	}
	want := domain.AllocIRO
	if p.Kind == domain.ChildProtectionPlan {
		want = domain.AllocCPChair
	}
	for _, c := range chairs {
		if c.Kind == want {
			return &childwords.Person{Name: c.Name, Role: access.RoleFor(want)}, nil
		}
	}
	if sw != nil {
		return &childwords.Person{Name: sw.Name, Role: domain.RoleSocialWorker}, nil
	}
	return nil, nil
}
