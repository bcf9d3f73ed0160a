package audit

// Actions of staff sign-in through an authority's identity provider. Their
// reason names the provider (its issuer) and the person's subject there.
const (
	LoginSSOSucceeded     = "login.sso_succeeded"
	LoginSSOFailed        = "login.sso_failed"
	LoginSSORequired      = "login.sso_required"
	IdentityLinked        = "account.identity_linked"
	IdentityUnlinked      = "account.identity_unlinked"
	SignInProviderSet     = "signin_provider.set"
	SignInProviderRemoved = "signin_provider.removed"
)
