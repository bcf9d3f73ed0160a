package schema

import (
	"testing"

	"entgo.io/ent"

	"kite/ent/migrate"
)

// entities lists every schema. Adding an entity means adding it here, where
// it must have a policy: deny by default starts with having one.
var entities = map[string]ent.Interface{
	"Alert": Alert{}, "AlertResponse": AlertResponse{}, "Allocation": Allocation{}, "Attachment": Attachment{}, "AuditEvent": AuditEvent{},
	"BreakGlassGrant": BreakGlassGrant{},
	"Child":           Child{}, "ChildIdentity": ChildIdentity{}, "FamilyLink": FamilyLink{}, "FormTemplate": FormTemplate{},
	"GlossaryEntry": GlossaryEntry{}, "Invitation": Invitation{}, "LocalAuthority": LocalAuthority{},
	"Meeting": Meeting{}, "Notice": Notice{}, "Notification": Notification{}, "ParentViews": ParentViews{}, "Plan": Plan{},
	"PlanAction": PlanAction{}, "PlanVersion": PlanVersion{}, "ReadReceipt": ReadReceipt{}, "Reply": Reply{}, "Letter": Letter{},
	"RefreshToken": RefreshToken{}, "User": User{}, "WishesAndFeelings": WishesAndFeelings{},
	"SignInProvider": SignInProvider{}, "IdentityLink": IdentityLink{}, "PendingSignIn": PendingSignIn{},
	"HelpContact": HelpContact{}, "AdvocacyRequest": AdvocacyRequest{},
}

func TestEveryEntityHasAPolicy(t *testing.T) {
	if len(entities) != len(migrate.Tables) {
		t.Fatalf("%d tables but %d entities listed here: list the new entity, with a policy", len(migrate.Tables), len(entities))
	}
	for name, e := range entities {
		if e.Policy() == nil {
			t.Errorf("%s has no privacy policy", name)
		}
	}
}
