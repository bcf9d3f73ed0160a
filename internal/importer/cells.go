package importer

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kite/internal/civil"
	"kite/internal/textinput"
)

// Limits of the schema (ent/schema), checked here so that a long value is a
// problem with its row rather than a failed write.
const (
	maxExternalID    = 128
	maxPreferredName = 100
	maxPronouns      = 50
	maxLegalName     = 200
	maxDisplayName   = 200
	maxEmail         = 254
	maxPhone         = 50
	maxRelationship  = 100
	maxEndReason     = 500
	maxVenue         = 300
)

// Dates outside these years are typing mistakes, not records.
const (
	earliestDate civil.Date = "1900-01-01"
	latestDate   civil.Date = "2100-12-31"
)

// cells reads the values of one row, reporting each problem against the
// row and the column it is in.
type cells struct {
	k      *kindData
	row    rawRow
	failed map[string]bool
}

func newCells(k *kindData, row rawRow) *cells {
	return &cells{k: k, row: row, failed: map[string]bool{}}
}

// bad reports a problem with a field.
func (c *cells) bad(field, format string, args ...any) {
	c.failed[field] = true
	c.k.problem(c.row.n, field, format, args...)
}

// ok reports whether none of these fields had a problem (so a rule that
// combines them is worth checking).
func (c *cells) ok(fields ...string) bool {
	for _, f := range fields {
		if c.failed[f] {
			return false
		}
	}
	return true
}

// get returns a field's value and whether the row has the field. A field
// reported bad already counts as failed and absent.
func (c *cells) get(name string) (string, bool) {
	if c.row.bad[name] {
		c.failed[name] = true
		return "", false
	}
	v, ok := c.row.vals[name]
	return v, ok
}

// checkText rejects what the database would refuse or what has no place in
// a name: invalid UTF-8, control characters (line breaks only where
// multiline), and values longer than max bytes.
func (c *cells) checkText(name, v string, max int, multiline bool) bool {
	if !utf8.ValidString(v) {
		c.bad(name, "is not valid UTF-8 text (save the file as UTF-8)")
		return false
	}
	for _, r := range v {
		if unicode.IsControl(r) && !(multiline && (r == '\n' || r == '\r' || r == '\t')) {
			c.bad(name, "contains a line break or control character")
			return false
		}
	}
	if r, hidden := textinput.HiddenCharacter(v); hidden {
		c.bad(name, "contains an invisible formatting character (%U) that can change how the text reads", r)
		return false
	}
	if len(v) > max {
		c.bad(name, "is too long: at most %d characters", max)
		return false
	}
	return true
}

// given is a required column's value; false (with the problem reported,
// unless it was already) when it is missing, empty or invalid.
func (c *cells) given(name string) (string, bool) {
	v, present := c.get(name)
	if c.failed[name] {
		return "", false
	}
	if !present || v == "" {
		c.bad(name, "is required")
		return "", false
	}
	return v, true
}

// required is a required text value.
func (c *cells) required(name string, max int) string {
	v, ok := c.given(name)
	if !ok || !c.checkText(name, v, max, false) {
		return ""
	}
	return v
}

// optional is an optional text value: "" clears it; present is false when
// the row leaves the column out.
func (c *cells) optional(name string, max int, multiline bool) (v string, present bool) {
	v, present = c.get(name)
	if !present || v == "" {
		return "", present
	}
	if !c.checkText(name, v, max, multiline) {
		return "", true
	}
	return v, true
}

// parseDate reads a date, or reports why it cannot.
func (c *cells) parseDate(name, v string) civil.Date {
	d, err := civil.Parse(v)
	if err != nil {
		c.bad(name, "%s is not a date: write it as YYYY-MM-DD, for example 2026-03-02", quoteValue(v))
		return ""
	}
	if d.Before(earliestDate) || d.After(latestDate) {
		c.bad(name, "%s is not a likely date (before 1900 or after 2100)", d)
		return ""
	}
	return d
}

// requiredDate is a required date.
func (c *cells) requiredDate(name string) civil.Date {
	v, ok := c.given(name)
	if !ok {
		return ""
	}
	return c.parseDate(name, v)
}

// date is an optional date ("" for none).
func (c *cells) date(name string) (d civil.Date, present bool) {
	v, present := c.get(name)
	if !present || v == "" {
		return "", present
	}
	return c.parseDate(name, v), true
}

// boolean is an optional true/false.
func (c *cells) boolean(name string) (b, present bool) {
	v, present := c.get(name)
	if !present || v == "" {
		return false, false
	}
	switch strings.ToLower(v) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	c.bad(name, "%s is not true or false", quoteValue(v))
	return false, true
}

// timestamp is an optional RFC 3339 instant, in UTC to the microsecond
// (what both databases keep, so that a re-run compares equal).
func (c *cells) timestamp(name string) (t *time.Time, present bool) {
	v, present := c.get(name)
	if !present || v == "" {
		return nil, present
	}
	parsed, err := time.Parse(time.RFC3339, v)
	if err != nil {
		c.bad(name, "%s is not a date and time: write it as RFC 3339, for example 2026-03-02T10:00:00Z", quoteValue(v))
		return nil, true
	}
	if y := parsed.Year(); y < 1900 || y > 2100 {
		c.bad(name, "%s is not a likely date (before 1900 or after 2100)", quoteValue(v))
		return nil, true
	}
	parsed = parsed.UTC().Truncate(time.Microsecond)
	return &parsed, true
}

// email is an optional bare email address.
func (c *cells) email(name string) (string, bool) {
	v, present := c.optional(name, maxEmail, false)
	if v == "" {
		return v, present
	}
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		c.bad(name, "%s is not an email address", quoteValue(v))
		return "", true
	}
	return v, true
}

// enumValue reads one of values. An empty optional value is "" (none).
func enumValue[T ~string](c *cells, name string, values []string, required bool) (v T, present bool) {
	s, present := c.get(name)
	if c.failed[name] {
		return "", present
	}
	if !present || s == "" {
		if required {
			c.bad(name, "is required")
		}
		return "", present
	}
	if !slices.Contains(values, s) {
		c.bad(name, "%s is not one of %s", quoteValue(s), joinValues(values))
		return "", true
	}
	return T(s), true
}

// quoteValue quotes a value for a message, shortened if long.
func quoteValue(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// joinValues lists an enumeration's values for a message.
func joinValues(values []string) string { return strings.Join(values, ", ") }
