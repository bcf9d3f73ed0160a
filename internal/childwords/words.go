// Package childwords is what Kite says to a child in plain words about what
// happens to what they send, who can read it, and their plan: after sending
// (what happens next and, for an urgent message, who was told and when they
// are next at work), before sending (who would see it), and the parts of a
// plan. It only words what its callers know to be true — who was told, who
// may read, when people work — so that nothing it says is a promise Kite
// does not keep. Pure: no database and no clock; callers pass "now".
package childwords

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/workhours"
)

// Person is someone around the child, or a group of people.
type Person struct {
	// Name is their name as on their account ("Priya Shah"); empty for a
	// group.
	Name string
	// Role is IRO, CP_CHAIR or SOCIAL_WORKER for staff, PARENT for the
	// child's parents and carers, and empty for the duty team.
	Role domain.Role
	// Hours are when they work; empty when not known.
	Hours workhours.Week
}

// roleWords are who each kind of person is to the child.
var roleWords = map[domain.Role]string{
	domain.RoleIRO:          "your IRO",
	domain.RoleCPChair:      "your conference chair",
	domain.RoleSocialWorker: "your social worker",
	domain.RoleParent:       "your parents or carers who use Kite",
	"":                      "the duty team",
}

// DutyTeam is the authority's duty team, told of an urgent message when
// nobody is allocated to the child. It works the office's hours.
func DutyTeam(office workhours.Week) Person { return Person{Hours: office} }

// FirstName is the first word of their name; empty for a group.
func (p Person) FirstName() string {
	first, _, _ := strings.Cut(strings.TrimSpace(p.Name), " ")
	return first
}

// Called is who they are in plain words: "Priya, your IRO", or for a group
// "the duty team".
func (p Person) Called() string {
	if n := p.FirstName(); n != "" {
		return n + ", " + roleWords[p.Role]
	}
	return roleWords[p.Role]
}

// inList is how they are named among others: "Priya (your IRO)".
func (p Person) inList() string {
	if n := p.FirstName(); n != "" {
		return n + " (" + roleWords[p.Role] + ")"
	}
	return roleWords[p.Role]
}

// asSubject names one person or several at the start of a sentence:
// "Priya, your IRO," or "Priya (your IRO) and Sam (your social worker)".
func asSubject(people []Person) string {
	if len(people) == 1 {
		if people[0].FirstName() == "" {
			return capital(people[0].Called())
		}
		return people[0].Called() + ","
	}
	return capital(list(people))
}

// list joins people as "A", "A and B", "A, B and C".
func list(people []Person) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.inList()
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// verb is "can" or "are" as English needs after one or several people.
func verb(people []Person, one, several string) string {
	if len(people) == 1 {
		return one
	}
	return several
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func lower(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// sentences joins sentences with single spaces.
func sentences(lines ...string) string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, " ")
}

// clockWords is a time of day as people say it: "9am", "8.30am", "midday",
// "midnight".
func clockWords(t time.Time) string {
	t = t.In(civil.London)
	h, m := t.Hour(), t.Minute()
	switch {
	case h == 0 && m == 0:
		return "midnight"
	case h == 12 && m == 0:
		return "midday"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	if h = h % 12; h == 0 {
		h = 12
	}
	if m == 0 {
		return fmt.Sprintf("%d%s", h, suffix)
	}
	return fmt.Sprintf("%d.%02d%s", h, m, suffix)
}

// dayWords is a day as seen from now: "today", "tomorrow", "on Monday"
// (within the coming week), "on Monday 8 June", or with the year when it is
// another year.
func dayWords(d civil.Date, now time.Time) string {
	today := civil.InLondon(now)
	switch days := today.DaysUntil(d); {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1 && days < 7:
		return "on " + d.Weekday().String()
	}
	t := d.Time()
	if t.Year() != today.Time().Year() {
		return "on " + t.Format("Monday 2 January 2006")
	}
	return "on " + t.Format("Monday 2 January")
}

// when is an instant as seen from now: "today at 9am", "on Monday at 9am".
func when(t, now time.Time) string {
	return dayWords(civil.InLondon(t), now) + " at " + clockWords(t)
}

// until is the end of a shift under way: "until 5pm today", or "until
// midnight".
func until(end, now time.Time) string {
	c := clockWords(end)
	if c == "midnight" {
		return "until midnight"
	}
	return "until " + c + " " + dayWords(civil.InLondon(end), now)
}
