package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// column is one column of a kind.
type column struct {
	name     string
	required bool // must be in the CSV header / every JSON object, with a value
	boolean  bool // true/false
}

// columns are the columns of each kind, in the order of the documentation.
var columns = map[string][]column{
	Users: {
		{name: "external_id", required: true},
		{name: "role", required: true},
		{name: "display_name", required: true},
		{name: "work_email"},
		{name: "work_phone"},
	},
	Children: {
		{name: "external_id", required: true},
		{name: "preferred_name", required: true},
		{name: "pronouns"},
		{name: "legal_name", required: true},
		{name: "date_of_birth"},
		{name: "expected_date_of_birth"},
		{name: "status", required: true},
		{name: "became_looked_after_on"},
	},
	Plans: {
		{name: "external_id", required: true},
		{name: "child_ref", required: true},
		{name: "kind", required: true},
		{name: "starts_on", required: true},
		{name: "ends_on"},
		{name: "end_reason"},
		{name: "end_reason_code"},
		{name: "category"},
		{name: "strategy_discussion_on"},
	},
	Allocations: {
		{name: "external_id", required: true},
		{name: "child_ref", required: true},
		{name: "staff_ref", required: true},
		{name: "kind", required: true},
		{name: "starts_on", required: true},
		{name: "ends_on"},
	},
	FamilyLinks: {
		{name: "external_id", required: true},
		{name: "child_ref", required: true},
		{name: "parent_ref", required: true},
		{name: "relationship", required: true},
		{name: "parental_responsibility", boolean: true},
		{name: "may_view_care_plan", boolean: true},
		{name: "active", boolean: true},
	},
	Meetings: {
		{name: "external_id", required: true},
		{name: "child_ref", required: true},
		{name: "plan_ref"},
		{name: "kind", required: true},
		{name: "status"},
		{name: "scheduled_for"},
		{name: "venue"},
		{name: "due_by", required: true},
		{name: "held_on"},
		{name: "participation_code"},
	},
}

func columnOf(kind, name string) (column, bool) {
	for _, c := range columns[kind] {
		if c.name == name {
			return c, true
		}
	}
	return column{}, false
}

func columnNames(kind string) string {
	var names []string
	for _, c := range columns[kind] {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// rawRow is one data row as text: the columns it has, trimmed. A column the
// row does not have (left out of the header or the JSON object) is absent.
type rawRow struct {
	n    int
	vals map[string]string
	// skip is set when the row could not be read whole (a wrong number of
	// CSV fields, a JSON entry that is not an object); its problem is
	// reported and its values are not checked further.
	skip bool
	// bad names the fields whose problem is reported already (a JSON value
	// of the wrong type): they count as given but invalid.
	bad map[string]bool
}

// kindData is the rows of one kind and what was found in them.
type kindData struct {
	kind   string
	rows   []rawRow
	report *KindReport
	// broken is set when the file itself has a problem (its header); its
	// rows are not checked.
	broken bool
	// refused is set when the caller may not import this kind: every row
	// is rejected for it, and not checked further.
	refused  bool
	rejected map[int]bool
	// seen is the row of each external_id given so far.
	seen map[string]int
}

func newKind(kind string) *kindData {
	return &kindData{kind: kind, report: &KindReport{Kind: kind}, rejected: map[int]bool{}, seen: map[string]int{}}
}

// problem records a problem with row (0: the file) and rejects the row.
func (k *kindData) problem(row int, field, format string, args ...any) {
	k.report.Problems = append(k.report.Problems, Problem{Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
	if row > 0 {
		k.rejected[row] = true
	}
}

// read parses the files into rows per kind, in the order of Kinds.
func read(format Format, files []File) ([]*kindData, error) {
	byKind := map[string]*kindData{}
	total := 0
	switch format {
	case CSV:
		for _, f := range files {
			if _, ok := columns[f.Kind]; !ok {
				return nil, inputError("A CSV file's kind must be one of %s, not %s.", strings.Join(Kinds, ", "), quoteValue(f.Kind))
			}
			if byKind[f.Kind] != nil {
				return nil, inputError("There are two CSV files of kind %s: give one file per kind.", f.Kind)
			}
			k := newKind(f.Kind)
			if err := readCSV(k, f.Data, &total); err != nil {
				return nil, err
			}
			byKind[f.Kind] = k
		}
	case JSON:
		if len(files) != 1 {
			return nil, inputError("A JSON import is one file, not %d.", len(files))
		}
		if files[0].Kind != "" {
			return nil, inputError("A JSON file holds every kind: its kind must be empty, not %s.", quoteValue(files[0].Kind))
		}
		var err error
		if byKind, err = readJSON(files[0].Data, &total); err != nil {
			return nil, err
		}
	default:
		return nil, inputError("The format must be %q or %q, not %s.", CSV, JSON, quoteValue(string(format)))
	}
	if len(byKind) == 0 {
		return nil, inputError("There is nothing to import.")
	}
	var out []*kindData
	for _, kind := range Kinds {
		if k := byKind[kind]; k != nil {
			k.report.Rows = len(k.rows)
			out = append(out, k)
		}
	}
	return out, nil
}

func tooMany() error {
	return &InputError{
		Message: fmt.Sprintf("An import may hold at most %d rows: split it into smaller imports.", MaxRows),
		err:     ErrTooManyRows,
	}
}

// readCSV reads one CSV file. Problems with its header and rows go to k;
// only too many rows is an error.
func readCSV(k *kindData, data []byte, total *int) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		k.problem(0, "", "the file is empty: it needs a header line naming the columns (%s)", columnNames(k.kind))
		k.broken = true
		return nil
	}
	if err != nil {
		k.problem(0, "", "the header cannot be read: %s", csvMessage(err))
		k.broken = true
		return nil
	}
	names := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		names[i] = name
		switch _, known := columnOf(k.kind, name); {
		case name == "":
			k.problem(0, "", "column %d of the header has no name", i+1)
			k.broken = true
		case !known:
			k.problem(0, name, "%s is not a column of %s (the columns are %s)", quoteValue(name), k.kind, columnNames(k.kind))
			k.broken = true
		case seen[name]:
			k.problem(0, name, "the header names %s twice", name)
			k.broken = true
		}
		seen[name] = true
	}
	for _, c := range columns[k.kind] {
		if c.required && !seen[c.name] {
			k.problem(0, c.name, "the header has no %s column, which is required", c.name)
			k.broken = true
		}
	}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		*total++
		if *total > MaxRows {
			return tooMany()
		}
		if err != nil {
			// The reader cannot find where the next row starts after a
			// quoting error, so the rest of the file is not read.
			k.problem(n, "", "this row cannot be read, nor the rest of the file: %s", csvMessage(err))
			k.rows = append(k.rows, rawRow{n: n, skip: true})
			return nil
		}
		row := rawRow{n: n, vals: map[string]string{}}
		if len(rec) != len(names) {
			if !k.broken {
				k.problem(n, "", "this row has %d values but the header has %d columns", len(rec), len(names))
			}
			row.skip = true
		}
		for i, v := range rec {
			if i < len(names) && names[i] != "" {
				row.vals[names[i]] = strings.TrimSpace(v)
			}
		}
		k.rows = append(k.rows, row)
	}
}

// csvMessage is a csv error without the reader's own line numbers, which
// count from the header.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// readJSON reads the one JSON file of an import.
func readJSON(data []byte, total *int) (map[string]*kindData, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil || top == nil {
		return nil, inputError("The JSON file must be one object with an array per kind (%s): %s.",
			strings.Join(Kinds, ", "), jsonMessage(err))
	}
	byKind := map[string]*kindData{}
	for key := range top {
		if _, ok := columns[key]; !ok {
			return nil, inputError("%s is not a kind of record: the kinds are %s.", quoteValue(key), strings.Join(Kinds, ", "))
		}
	}
	for _, kind := range Kinds {
		raw, ok := top[kind]
		if !ok {
			continue
		}
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, inputError("In the JSON file, %s must be an array of objects.", kind)
		}
		*total += len(items)
		if *total > MaxRows {
			return nil, tooMany()
		}
		k := newKind(kind)
		for i, item := range items {
			k.rows = append(k.rows, jsonRow(k, i+1, item))
		}
		byKind[kind] = k
	}
	return byKind, nil
}

func jsonMessage(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
		return "it is null"
	case errors.As(err, &syntax):
		return fmt.Sprintf("it is not valid JSON (%s, at byte %d)", syntax.Error(), syntax.Offset)
	case errors.As(err, &typ):
		return "it is a JSON " + typ.Value
	}
	return "it is not valid JSON"
}

// jsonRow turns one JSON object into a row of text values.
func jsonRow(k *kindData, n int, item json.RawMessage) rawRow {
	row := rawRow{n: n, vals: map[string]string{}, bad: map[string]bool{}}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(item, &fields); err != nil || fields == nil {
		k.problem(n, "", "each %s entry must be a JSON object", k.kind)
		row.skip = true
		return row
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names) // problems in a stable order
	for _, name := range names {
		col, ok := columnOf(k.kind, name)
		if !ok {
			k.problem(n, name, "%s is not a field of %s (the fields are %s)", quoteValue(name), k.kind, columnNames(k.kind))
			continue
		}
		v, err := jsonText(fields[name], col.boolean)
		if err != nil {
			k.problem(n, name, "%s", err.Error())
			row.bad[name] = true
			continue
		}
		row.vals[name] = strings.TrimSpace(v)
	}
	return row
}

// jsonText is a JSON value as text: a string as it is, a number as written,
// true/false (for a true/false field only), and null as "".
func jsonText(raw json.RawMessage, boolean bool) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", errors.New("is not a valid JSON string")
		}
		return s, nil
	case 'n':
		return "", nil
	case 't', 'f':
		if !boolean {
			return "", errors.New("must be text, not true or false")
		}
		return string(raw), nil
	case '{', '[':
		if boolean {
			return "", errors.New("must be true or false")
		}
		return "", errors.New("must be text, not a JSON object or array")
	default: // a number
		if boolean {
			return "", errors.New("must be true or false")
		}
		return string(raw), nil
	}
}
