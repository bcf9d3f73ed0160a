package session

import (
	"strings"
	"testing"

	"entgo.io/ent/dialect"
)

// The viewer's statement is built once per dialect and form; each request
// passes its id and session in the places the text has for them.
func TestAccountStatement(t *testing.T) {
	for _, d := range []string{dialect.SQLite, dialect.Postgres} {
		for _, withSession := range []bool{false, true} {
			st, err := buildAccountStatement(d, withSession)
			if err != nil {
				t.Fatalf("%s, session %v: %v", d, withSession, err)
			}
			if strings.Contains(st.text, "\x00") {
				t.Errorf("%s: a mark reached the text: %q", d, st.text)
			}
			args := st.args("usr_1", "family")
			want := []any{"usr_1"}
			if withSession {
				want = []any{"family", "usr_1"} // the session_live column comes before WHERE
			}
			if len(args) != len(want) || args[0] != want[0] || args[len(args)-1] != want[len(want)-1] {
				t.Errorf("%s, session %v: args %q, want %q", d, withSession, args, want)
			}
			if got := strings.Contains(st.text, "session_live"); got != withSession {
				t.Errorf("%s, session %v: text checks the session: %v", d, withSession, got)
			}
		}
	}
}
