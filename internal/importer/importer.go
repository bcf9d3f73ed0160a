// Package importer brings a local authority's records in from its
// case-management system — users (staff and parents), children, plans,
// allocations, family links and meetings, as CSV or JSON — keyed by the
// system's ids, idempotent and all or nothing. docs/import.md is the file
// format and the rules, for the people who prepare the files.
package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"kite/ent"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/internal/access"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/progress"
)

// Format is how the files are written.
type Format string

// Formats.
const (
	CSV  Format = "csv"
	JSON Format = "json"
)

// The kinds of record, as CSV file kinds and JSON keys.
const (
	Users       = "users"
	Children    = "children"
	Plans       = "plans"
	Allocations = "allocations"
	FamilyLinks = "family_links"
	Meetings    = "meetings"
)

// Kinds lists the kinds in the order they are applied, so that a reference
// always points at a kind applied before it.
var Kinds = []string{Users, Children, Plans, Allocations, FamilyLinks, Meetings}

// MaxRows is the most data rows one call may hold, over all its files.
const MaxRows = 50_000

// AuditAction is the audit log action written when an import is applied.
const AuditAction = "records.imported"

// File is one file of an import. For CSV, Kind names the kind of record the
// file holds; for JSON it is empty.
type File struct {
	Kind string
	Data []byte
}

// Report says what an import did, or why it did nothing.
type Report struct {
	// Applied is true when the records were written; false when any row was
	// rejected, in which case nothing was written.
	Applied bool `json:"applied"`
	// Kinds has one entry per kind in the import, in the order of Kinds.
	Kinds []KindReport `json:"kinds"`
}

// KindReport is the outcome for one kind of record.
type KindReport struct {
	Kind string `json:"kind"`
	// Rows is the number of data rows the import gave.
	Rows int `json:"rows"`
	// Created, Updated and Unchanged count the rows that made a record,
	// changed one, and matched one as stored. All 0 unless Applied.
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Rejected counts the rows with at least one problem (a problem with
	// the file itself, Row 0, is not a row).
	Rejected int `json:"rejected"`
	// Problems lists every problem found, in the order of the rows.
	Problems []Problem `json:"problems"`
}

// Problem is one reason a row (or a file) was rejected.
type Problem struct {
	// Row is the 1-based data row: for CSV the row after the header (row 1
	// is the file's second line when no value spans lines), for JSON the
	// index in the kind's array plus one. Row 0 is the file itself (its
	// header); when a file has such a problem its rows are not checked.
	Row int `json:"row"`
	// Field is the column the problem is in, or "" for the whole row.
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Problems lists every problem of the report, "kind row N field: message",
// for logs and the command line.
func (r *Report) Problems() []string {
	var out []string
	for _, k := range r.Kinds {
		for _, p := range k.Problems {
			where := fmt.Sprintf("%s row %d", k.Kind, p.Row)
			if p.Row == 0 {
				where = k.Kind + " file"
			}
			if p.Field != "" {
				where += " " + p.Field
			}
			out = append(out, where+": "+p.Message)
		}
	}
	return out
}

// InputError is a call the importer cannot read at all: an unknown format or
// kind, JSON that is not an object of arrays, too many rows. Problems with
// rows are not errors; they are in the Report. The API shows it as
// BAD_USER_INPUT.
type InputError struct {
	Message string
	err     error
}

func (e *InputError) Error() string { return e.Message }

// Unwrap gives the sentinel error, if any (ErrTooManyRows).
func (e *InputError) Unwrap() error { return e.err }

// BadUserInput marks the error as the caller's.
func (*InputError) BadUserInput() {}

func inputError(format string, args ...any) error {
	return &InputError{Message: fmt.Sprintf(format, args...)}
}

// ErrTooManyRows is wrapped by the InputError of a call with more than
// MaxRows rows.
var ErrTooManyRows = fmt.Errorf("more than %d rows", MaxRows)

// ErrAuthorityNotFound is returned for an authority id that names no
// authority.
var ErrAuthorityNotFound = errors.New("importer: no such local authority")

// Import reads files in the given format and applies them to the records of
// the authority, all or nothing (see the package comment). It returns an
// error when the call cannot be read (an *InputError), the authority does
// not exist, or the database fails; otherwise a Report, whose Applied says
// whether anything was written.
//
// Who may import which kinds is internal/access's (MayImportKind): through
// the API a viewer imports only the kinds their role may (an admin accounts
// and case records, a manager allocations and family links), and every row
// of another kind is refused, so nothing is written; system code (the
// command line, run by an operator) imports every kind. A context with
// neither a viewer nor the system's decision imports nothing. When the
// context carries a viewer, the audit event of an applied import names them
// as the actor.
func Import(ctx context.Context, client *ent.Client, authorityID ident.ID, format Format, files []File) (*Report, error) {
	kinds, err := read(format, files)
	if err != nil {
		return nil, err
	}
	for _, k := range kinds {
		if !access.MayImportKind(ctx, k.kind) {
			refuse(k)
		}
	}

	// System code: an import writes records no viewer's rules let them write
	// (children, accounts, allocations) and must see every record of the
	// authority to match external ids. Who may import which kinds was
	// decided above; everything below is scoped to authorityID by hand.
	ctx = privacy.DecisionContext(ctx, privacy.Allow)

	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, fmt.Errorf("importer: start transaction: %w", err)
	}
	report, err := importTx(ctx, tx, authorityID, kinds)
	progress.From(ctx).Done()
	if err != nil {
		_ = tx.Rollback() // the error from the import is the one worth reporting
		return nil, err
	}
	if !report.Applied {
		if err := tx.Rollback(); err != nil {
			return nil, fmt.Errorf("importer: roll back: %w", err)
		}
		return report, nil
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("importer: commit: %w", err)
	}
	return report, nil
}

func importTx(ctx context.Context, tx *ent.Tx, authorityID ident.ID, kinds []*kindData) (*Report, error) {
	c := tx.Client()
	exists, err := c.LocalAuthority.Query().Where(localauthority.ID(authorityID)).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("importer: find authority: %w", err)
	}
	if !exists {
		return nil, ErrAuthorityNotFound
	}
	r := newRun(ctx, c, authorityID, civil.Today(), kinds)
	progress.From(ctx).Show("import: reading the authority's records")
	if err := r.load(); err != nil {
		return nil, err
	}
	r.check()

	report := &Report{}
	rejected := false
	for _, k := range kinds {
		k.report.Rejected = len(k.rejected)
		if len(k.report.Problems) > 0 {
			rejected = true
		}
	}
	if !rejected {
		if err := r.apply(); err != nil {
			return nil, err
		}
		report.Applied = true
		if err := r.audit(); err != nil {
			return nil, err
		}
	} else {
		for _, k := range kinds {
			k.report.Created, k.report.Updated, k.report.Unchanged = 0, 0, 0
		}
	}
	for _, k := range kinds {
		if k.report.Problems == nil {
			k.report.Problems = []Problem{}
		}
		report.Kinds = append(report.Kinds, *k.report)
	}
	return report, nil
}

// audit writes one audit event for an applied import, in its transaction.
func (r *run) audit() error {
	var parts []string
	for _, k := range r.order {
		parts = append(parts, fmt.Sprintf("%s: %d created, %d updated, %d unchanged",
			k.kind, k.report.Created, k.report.Updated, k.report.Unchanged))
	}
	return audit.Record(r.ctx, r.c, audit.Event{
		Action:      AuditAction,
		EntityType:  "local_authority",
		EntityID:    string(r.la),
		AuthorityID: r.la,
		Reason:      truncate(strings.Join(parts, "; "), 1000),
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// refuse rejects every row of a kind the caller may not import, each with a
// problem that says who may.
func refuse(k *kindData) {
	k.refused = true
	r, ok := access.Importer(k.kind)
	what := strings.ReplaceAll(k.kind, "_", " ")
	for _, row := range k.rows {
		if !ok {
			k.problem(row.n, "", "%s cannot be imported here", what)
			continue
		}
		k.problem(row.n, "", "only %s can import %s: ask %s of your authority to import this row", roleWords[r], what, roleWords[r])
	}
}

// roleWords name the roles that import, in plain words.
var roleWords = map[domain.Role]string{domain.RoleAdmin: "an administrator", domain.RoleManager: "a manager"}
