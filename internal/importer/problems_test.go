package importer_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kite/internal/importer"
)

// Checking: the problems an import reports with its files, rows and
// values, and with the call itself.

func TestCSVHeaderProblems(t *testing.T) {
	c, a, _ := setup(t)
	rep := importCSV(t, c, a, with(fullCSV, importer.Children, `external_id,preferred_name,pronouns,date_of_birth,status
C1,Jamie,he/him,2014-05-01,IN_CARE
C2,Lily,,2016-09-12,CP_PLAN
C3,Baby,,,CP_PLAN
`))
	// The plans and allocations that name C1 are not also "not found".
	wantRejected(t, rep, problem{importer.Children, 0, "legal_name", "the header has no legal_name column, which is required"})
	wantCounts(t, c, a, emptyDB())

	rep = importCSV(t, c, a, map[string]string{importer.Users: "External_ID, Role ,display_name,display_name,email\nU1,IRO,Priya,Priya,p@x.example\n"})
	wantRejected(t, rep,
		problem{importer.Users, 0, "display_name", "names display_name twice"},
		problem{importer.Users, 0, "email", `"email" is not a column of users`},
	)

	rep = importCSV(t, c, a, map[string]string{importer.Users: ""})
	wantRejected(t, rep, problem{importer.Users, 0, "", "the file is empty"})

	rep = importCSV(t, c, a, map[string]string{importer.Users: "external_id,role,display_name\nU1,IRO\nU2,IRO,\"Sam\n"})
	wantRejected(t, rep,
		problem{importer.Users, 1, "", "this row has 2 values but the header has 3 columns"},
		problem{importer.Users, 2, "", "this row cannot be read"},
	)

	// A byte order mark and upper-case names are fine.
	rep = importCSV(t, c, a, map[string]string{importer.Users: "\xef\xbb\xbfEXTERNAL_ID,Role,Display_Name\r\nU1,IRO,Priya Shah\r\n"})
	wantApplied(t, rep, map[string][3]int{importer.Users: {1, 0, 0}})
}

func TestRules(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))

	rep := importCSV(t, c, a, map[string]string{
		importer.Users: `external_id,role,display_name,work_email,work_phone
U1,SOCIAL_WORKER,Priya Shah,,
U6,ADMIN,Ada Min,,
U7,CHILD,Kid,,
U8,PARENT,Pat Parent,pat@home.example,
U9,IRO,Ivy,not-an-email,
U9,IRO,Ivy Again,,
U10,,Nobody,,
`,
		importer.Children: `external_id,preferred_name,legal_name,date_of_birth,expected_date_of_birth,status,became_looked_after_on
C4,Ann,Ann Smith,,,NEITHER,
C5,Ben,Ben Smith,2090-01-01,,CP_PLAN,
C6,Cal,Cal Smith,2015-01-01,,IN_CARE,
C7,Dee,Dee Smith,2015-01-01,,BOTH,2014-12-31
C8,Eve,"Eve
Smith",2015-01-01,,NEITHER,
C9,` + strings.Repeat("x", 101) + `,F Smith,1850-01-01,,NEITHER,
`,
		importer.Plans: `external_id,child_ref,kind,starts_on,ends_on,end_reason,category,strategy_discussion_on
P3,C1,CHILD_PROTECTION_PLAN,2025-01-01,,,,
P4,C1,CARE_PLAN,2025-01-01,2024-12-31,moved,NEGLECT,2024-12-01
P5,C2,CHILD_PROTECTION_PLAN,2025-01-01,,ended,PHYSICAL,2025-02-01
P2,C1,CHILD_PROTECTION_PLAN,2024-03-01,,,NEGLECT,
`,
		importer.Allocations: `external_id,child_ref,staff_ref,kind,starts_on,ends_on
A5,C1,U4,SOCIAL_WORKER,2025-01-01,
A6,C1,U3,IRO,2025-01-01,
A7,C2,U1,IRO,2025-01-01,2024-01-01
A8,C1,U2,SOCIAL_WORKER,2025-06-01,
A1,C2,U1,IRO,2024-01-12,
A9,C3,U5,MANAGER,2025-01-01,
`,
		importer.FamilyLinks: `external_id,child_ref,parent_ref,relationship,parental_responsibility
F3,C1,U3,mother,true
F4,C2,U4,mother,true
F5,C3,U4,,maybe
`,
		importer.Meetings: `external_id,child_ref,plan_ref,kind,status,scheduled_for,venue,due_by,held_on,participation_code
M5,C2,P1,CIC_REVIEW,,,,2026-01-01,,
M6,C1,P1,CORE_GROUP,,,,2026-01-01,,
M7,C1,P1,CIC_REVIEW,HELD,,,2026-01-01,,
M8,C1,P1,CIC_REVIEW,SCHEDULED,,,2026-01-01,2025-12-01,PN1
M9,C2,P2,CORE_GROUP,HELD,tomorrow,,2026-01-01,2025-12-01,PN2
M10,C1,P1,CIC_REVIEW,HELD,,,2026-01-01,2099-01-01,
M11,C1,NOPE,CIC_REVIEW,,,,,,
`,
	})
	wantRejected(t, rep,
		problem{importer.Users, 1, "role", "this person is an IRO in Kite; an import does not change a person's role"},
		problem{importer.Users, 2, "role", "ADMIN accounts are not imported"},
		problem{importer.Users, 3, "role", "CHILD accounts are not imported"},
		problem{importer.Users, 4, "work_email", "is for staff only"},
		problem{importer.Users, 5, "work_email", `"not-an-email" is not an email address`},
		problem{importer.Users, 6, "external_id", `"U9" is also the external_id of row 5`},
		problem{importer.Users, 7, "role", "is required"},

		problem{importer.Children, 1, "date_of_birth", "is required: give the date of birth, or for an unborn baby the expected_date_of_birth"},
		problem{importer.Children, 2, "date_of_birth", "2090-01-01 is in the future"},
		problem{importer.Children, 3, "became_looked_after_on", "is required for a child in care (status IN_CARE)"},
		problem{importer.Children, 4, "became_looked_after_on", "2014-12-31 is before the child's date_of_birth (2015-01-01)"},
		problem{importer.Children, 5, "legal_name", "contains a line break"},
		problem{importer.Children, 6, "preferred_name", "is too long: at most 100 characters"},
		problem{importer.Children, 6, "date_of_birth", "1850-01-01 is not a likely date"},

		problem{importer.Plans, 1, "category", "is required for a child protection plan"},
		problem{importer.Plans, 2, "ends_on", "2024-12-31 is before starts_on (2025-01-01)"},
		problem{importer.Plans, 2, "category", "is for child protection plans only"},
		problem{importer.Plans, 2, "strategy_discussion_on", "is for child protection plans only"},
		problem{importer.Plans, 3, "end_reason", "is given but the plan has no ends_on"},
		problem{importer.Plans, 3, "strategy_discussion_on", "2025-02-01 is after the plan's starts_on (2025-01-01)"},
		problem{importer.Plans, 4, "child_ref", "this plan is for another child in Kite"},

		problem{importer.Allocations, 1, "staff_ref", `"U4" is a PARENT, not SOCIAL_WORKER`},
		problem{importer.Allocations, 2, "staff_ref", `"U3" is a CP_CHAIR, not IRO`},
		problem{importer.Allocations, 3, "ends_on", "2024-01-01 is before starts_on (2025-01-01)"},
		problem{importer.Allocations, 4, "ends_on", `more than one current SOCIAL_WORKER allocation (this one and one already in Kite (external_id "A2"))`},
		problem{importer.Allocations, 5, "child_ref", "this allocation is for another child in Kite"},
		problem{importer.Allocations, 6, "kind", `"MANAGER" is not one of IRO, CP_CHAIR, SOCIAL_WORKER`},

		problem{importer.FamilyLinks, 1, "parent_ref", `"U3" is a CP_CHAIR, not PARENT`},
		problem{importer.FamilyLinks, 2, "parent_ref", `already linked to this child by one already in Kite (external_id "F1")`},
		problem{importer.FamilyLinks, 3, "relationship", "is required"},
		problem{importer.FamilyLinks, 3, "parental_responsibility", `"maybe" is not true or false`},

		problem{importer.Meetings, 1, "plan_ref", `"P1" is a plan for another child`},
		problem{importer.Meetings, 2, "plan_ref", `"P1" is a CARE_PLAN; a CORE_GROUP belongs with a CHILD_PROTECTION_PLAN`},
		problem{importer.Meetings, 3, "held_on", "is required when the status is HELD"},
		problem{importer.Meetings, 4, "held_on", "is given but the status is SCHEDULED"},
		problem{importer.Meetings, 4, "participation_code", "is recorded for a held review only"},
		problem{importer.Meetings, 5, "scheduled_for", `"tomorrow" is not a date and time`},
		problem{importer.Meetings, 5, "participation_code", "is for child-in-care reviews only, not a CORE_GROUP"},
		problem{importer.Meetings, 6, "held_on", "2099-01-01 is in the future"},
		problem{importer.Meetings, 7, "plan_ref", `there is no plan with external_id "NOPE"`},
		problem{importer.Meetings, 7, "due_by", "is required"},
	)
	wantCounts(t, c, a, fullDB())
}

func TestRulesWithinOneImport(t *testing.T) {
	c, a, _ := setup(t)
	rep := importCSV(t, c, a, with(fullCSV,
		importer.Allocations, fullCSV[importer.Allocations]+"A5,C1,U1,IRO,2025-01-01,\nA6,C1,U1,IRO,2023-01-01,2023-12-31\n",
		importer.FamilyLinks, fullCSV[importer.FamilyLinks]+"F3,C2,U4,father,false,false,false\n",
		importer.Meetings, fullCSV[importer.Meetings]+"M5,C1,P2,CIC_REVIEW,,,,2026-01-01,,\n",
	))
	wantRejected(t, rep,
		problem{importer.Allocations, 1, "ends_on", "more than one current IRO allocation (this one and row 5)"},
		problem{importer.Allocations, 5, "ends_on", "more than one current IRO allocation (this one and row 1)"},
		problem{importer.FamilyLinks, 3, "parent_ref", "already linked to this child by row 1"},
		problem{importer.Meetings, 5, "plan_ref", `"P2" is a plan for another child`},
	)
	wantCounts(t, c, a, emptyDB())
}

func TestJSONProblems(t *testing.T) {
	c, a, _ := setup(t)
	rep := importJSON(t, c, a, `{
	  "users": [
	    {"external_id": 1234, "role": "IRO", "display_name": "Numbered"},
	    {"external_id": "U2", "role": "IRO", "display_name": true, "nickname": "x"},
	    "U3",
	    {"external_id": "U4", "role": ["IRO"], "display_name": "Listed"}
	  ],
	  "family_links": [
	    {"external_id": "F1", "child_ref": "C1", "parent_ref": "U1", "relationship": "mother", "active": 1}
	  ]
	}`)
	wantRejected(t, rep,
		problem{importer.Users, 2, "display_name", "must be text, not true or false"},
		problem{importer.Users, 2, "nickname", `"nickname" is not a field of users`},
		problem{importer.Users, 3, "", "must be a JSON object"},
		problem{importer.Users, 4, "role", "must be text, not a JSON object or array"},
		problem{importer.FamilyLinks, 1, "active", "must be true or false"},
		problem{importer.FamilyLinks, 1, "child_ref", `there is no child with external_id "C1"`},
		problem{importer.FamilyLinks, 1, "parent_ref", `there is no user with external_id "U1"`},
	)

	// A number is fine as text.
	rep = importJSON(t, c, a, `{"users": [{"external_id": 1234, "role": "IRO", "display_name": "Numbered"}]}`)
	wantApplied(t, rep, map[string][3]int{importer.Users: {1, 0, 0}})
	userByExt(t, c, a, "1234")
}

func TestCallErrors(t *testing.T) {
	c, a, _ := setup(t)
	ctx := system()
	cases := []struct {
		name   string
		format importer.Format
		files  []importer.File
		want   string
	}{
		{"format", "xml", []importer.File{{Data: []byte("<x/>")}}, `The format must be "csv" or "json"`},
		{"csv kind", importer.CSV, []importer.File{{Kind: "people", Data: []byte("x\n")}}, `not "people"`},
		{"csv twice", importer.CSV, []importer.File{{Kind: "users", Data: []byte("x\n")}, {Kind: "users", Data: []byte("x\n")}}, "two CSV files of kind users"},
		{"nothing", importer.CSV, nil, "nothing to import"},
		{"json files", importer.JSON, []importer.File{{Data: []byte("{}")}, {Data: []byte("{}")}}, "A JSON import is one file"},
		{"json syntax", importer.JSON, []importer.File{{Data: []byte(`{"users": [`)}}, "must be one object"},
		{"json array", importer.JSON, []importer.File{{Data: []byte(`[]`)}}, "must be one object"},
		{"json kind", importer.JSON, []importer.File{{Data: []byte(`{"people": []}`)}}, `"people" is not a kind of record`},
		{"json not array", importer.JSON, []importer.File{{Data: []byte(`{"users": {}}`)}}, "users must be an array of objects"},
	}
	for _, tc := range cases {
		rep, err := importer.Import(ctx, c, a, tc.format, tc.files)
		var ie *importer.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) || rep != nil {
			t.Errorf("%s: %v, %v; want an InputError containing %q", tc.name, rep, err, tc.want)
		}
	}
	if _, err := importer.Import(ctx, c, "la_nope", importer.JSON, []importer.File{{Data: []byte(`{"users": []}`)}}); !errors.Is(err, importer.ErrAuthorityNotFound) {
		t.Errorf("unknown authority: %v", err)
	}
}

func TestTooManyRows(t *testing.T) {
	c, a, _ := setup(t)
	var b strings.Builder
	b.WriteString("external_id,role,display_name\n")
	for i := range importer.MaxRows + 1 {
		fmt.Fprintf(&b, "U%d,IRO,Person %d\n", i, i)
	}
	_, err := importer.Import(system(), c, a, importer.CSV, []importer.File{{Kind: importer.Users, Data: []byte(b.String())}})
	if !errors.Is(err, importer.ErrTooManyRows) || !strings.Contains(err.Error(), "at most 50000 rows") {
		t.Errorf("CSV: %v", err)
	}
	// Over several files together.
	half := "external_id,preferred_name,legal_name,date_of_birth,status\n" +
		strings.Repeat("C,Ann,Ann Smith,2015-01-01,NEITHER\n", importer.MaxRows/2+1)
	_, err = importer.Import(system(), c, a, importer.CSV, []importer.File{
		{Kind: importer.Children, Data: []byte(half)},
		{Kind: importer.Users, Data: []byte(strings.Replace(half, "preferred_name", "x", 1))},
	})
	if !errors.Is(err, importer.ErrTooManyRows) {
		t.Errorf("two CSV files: %v", err)
	}
	items := strings.Repeat(`{},`, importer.MaxRows) + `{}`
	_, err = importer.Import(system(), c, a, importer.JSON, []importer.File{{Data: []byte(`{"meetings": [` + items + `]}`)}})
	if !errors.Is(err, importer.ErrTooManyRows) {
		t.Errorf("JSON: %v", err)
	}
	wantCounts(t, c, a, emptyDB())
}

func TestReportProblemsAsText(t *testing.T) {
	rep := &importer.Report{Kinds: []importer.KindReport{{Kind: "users", Problems: []importer.Problem{
		{Row: 0, Field: "role", Message: "the header has no role column, which is required"},
		{Row: 3, Field: "", Message: "this row has 2 values but the header has 3 columns"},
	}}}}
	want := []string{
		"users file role: the header has no role column, which is required",
		"users row 3: this row has 2 values but the header has 3 columns",
	}
	if got := rep.Problems(); !slices.Equal(got, want) {
		t.Errorf("Problems() = %q", got)
	}
}
