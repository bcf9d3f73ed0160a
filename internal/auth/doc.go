// Package auth holds the pure building blocks of signing in: signing keys,
// access tokens, password hashing and policy, refresh tokens and invitation
// codes, and login throttling.
//
// Nothing here touches the database or HTTP; the login and session code
// wires these pieces together. Errors never carry secrets (keys, passwords,
// tokens), so they are safe to log.
package auth
