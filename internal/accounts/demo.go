package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	"kite/ent/refreshtoken"
	"kite/ent/user"
	"kite/internal/auth"
	"kite/internal/demo"
	"kite/internal/gen"
	"kite/internal/txn"
)

// DemoPasswordAccounts returns the usernames of enabled accounts that still
// sign in with demo.Password, which is published: a production server
// must not start while there are any (a database copied from a development
// server, or one that `kite gen` wrote to).
//
// Hashing every account's password at start-up would take minutes, so only
// accounts the demo (internal/demo) and the generator (internal/gen) made
// are checked: the demo usernames, the `kite gen` ones, and accounts whose
// hash is shared with another account — both hash the demo password once
// for all the accounts they make, while a password anyone set has its own
// salt — which finds renamed demo accounts too. Each distinct hash is
// checked once.
func DemoPasswordAccounts(ctx context.Context, client *ent.Client, hasher *auth.Hasher) ([]string, error) {
	// System context: a start-up check over every authority, before anyone
	// signs in.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	shared, err := sharedHashes(ctx, client)
	if err != nil {
		return nil, err
	}
	rows, err := client.User.Query().
		Where(user.Active(true), user.PasswordHashNotNil(), user.PasswordHashNEQ(""), user.UsernameNotNil(),
			user.Or(user.UsernameIn(demo.Usernames()...), user.UsernameHasPrefix(gen.UsernamePrefix),
				user.PasswordHashIn(shared...))).
		Select(user.FieldUsername, user.FieldPasswordHash).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("look for demo accounts: %w", err)
	}
	demoHash := map[string]bool{} // hash: is it the demo password's?
	var names []string
	for _, u := range rows {
		is, seen := demoHash[u.PasswordHash]
		if !seen {
			is, err = hasher.Compare(ctx, demo.Password, u.PasswordHash)
			if err != nil && !errors.Is(err, auth.ErrMalformedHash) {
				return nil, fmt.Errorf("check demo accounts: %w", err)
			}
			demoHash[u.PasswordHash] = is
		}
		if is {
			names = append(names, *u.Username)
		}
	}
	slices.Sort(names)
	return names, nil
}

// sharedHashes are the password hashes that more than one account has,
// enabled or not.
func sharedHashes(ctx context.Context, client *ent.Client) ([]string, error) {
	var groups []struct {
		Hash  string `json:"password_hash"`
		Count int    `json:"count"`
	}
	err := client.User.Query().Where(user.PasswordHashNotNil(), user.PasswordHashNEQ("")).
		GroupBy(user.FieldPasswordHash).Aggregate(ent.Count()).Scan(ctx, &groups)
	if err != nil {
		return nil, fmt.Errorf("look for shared password hashes: %w", err)
	}
	var out []string
	for _, g := range groups {
		if g.Count > 1 {
			out = append(out, g.Hash)
		}
	}
	return out, nil
}

// DisableDemoPasswordAccounts disables the accounts DemoPasswordAccounts
// finds and ends their sessions, for `kite disable-demo-accounts`. It
// returns their usernames.
func DisableDemoPasswordAccounts(ctx context.Context, client *ent.Client, hasher *auth.Hasher, now time.Time) ([]string, error) {
	names, err := DemoPasswordAccounts(ctx, client, hasher)
	if err != nil || len(names) == 0 {
		return names, err
	}
	// System context: a command run by whoever runs the server.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	err = txn.Run(ctx, client, func(tx *ent.Tx) error {
		err := tx.User.Update().Where(user.UsernameIn(names...), user.Active(true)).
			SetActive(false).SetSessionsValidAfter(now).Exec(ctx)
		if err != nil {
			return err
		}
		return tx.RefreshToken.Update().
			Where(refreshtoken.HasUserWith(user.UsernameIn(names...)), refreshtoken.RevokedAtIsNil()).
			SetRevokedAt(now).Exec(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("disable demo accounts: %w", err)
	}
	return names, nil
}
