package access

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kite/internal/civil"
)

// A hot read (a dashboard's contacts) is built from the same functions as
// every ent read of its rows, but building it costs more than running it: a
// child's contacts took 30 of 75 µs in building the SQL. A shape keeps a
// statement's text once per shape — what the text depends on: the dialect,
// the viewer's role and scope, the day, how many children — built with marks
// standing in for the values that change between requests (the viewer's
// ids, the children's), so that only the arguments are worked out per
// request. A statement whose text a mark reaches is never kept (a value
// written into the text, not passed as an argument), nor one with a moment
// among its arguments (a time that changes within the day): it is built
// afresh every time.

// shapeArg is where one argument of a kept statement comes from: input i of
// the request, or a constant of the shape (a kind, a date of the day).
type shapeArg struct {
	input    int // -1: constant
	constant any
}

type shape struct {
	query string
	args  []shapeArg
	fresh bool // a mark reached the text: build every time
}

// shapes keeps statements by shape, for one day at a time: a day's
// statements can hold that day's bounds ("current" allocations), so a new
// day starts an empty store and the old one goes. Shapes of a day are few
// (reads × roles × dialects × page sizes); past maxShapes a statement is
// built each time rather than kept, so the store stays bounded whatever
// the requests.
type shapes struct {
	mu  sync.Mutex
	day civil.Date
	m   map[string]*shape
}

// maxShapes is the most statements one day keeps.
const maxShapes = 512

// checkShapes makes every use of a kept statement also build it afresh and
// panic if the two differ: the tests turn it on (CheckShapes), so a shape
// key missing something the text depends on fails every test that reads
// through it.
var checkShapes atomic.Bool

// CheckShapes turns on the check of every kept statement against a fresh
// build, for tests.
func CheckShapes() { checkShapes.Store(true) }

// markPrefix starts every mark; no real value contains a NUL.
const markPrefix = "\x00kite-input-"

func mark(i int) string { return fmt.Sprintf("%s%d\x00", markPrefix, i) }

// statement returns the text and arguments of the statement build makes
// from inputs on day, keeping its text under key. build must take every
// value that changes between requests of one key from its inputs.
func (c *shapes) statement(day civil.Date, key string, inputs []string, build func(in []string) (string, []any)) (string, []any) {
	c.mu.Lock()
	switch {
	case day.After(c.day):
		c.day, c.m = day, map[string]*shape{}
	case day != c.day: // a request begun before the day turned
		c.mu.Unlock()
		return build(inputs)
	}
	sh, ok := c.m[key]
	c.mu.Unlock()
	if !ok {
		sh = newShape(len(inputs), build)
		c.mu.Lock()
		if c.day == day && len(c.m) < maxShapes {
			c.m[key] = sh
		}
		c.mu.Unlock()
	}
	if sh.fresh {
		return build(inputs)
	}
	query, args := sh.bind(inputs)
	if checkShapes.Load() {
		wantQuery, wantArgs := build(inputs)
		if query != wantQuery || !sameArgs(args, wantArgs) {
			panic(fmt.Sprintf("access: kept statement %q differs from a fresh build:\nkept:  %s %v\nfresh: %s %v", key, query, args, wantQuery, wantArgs))
		}
	}
	return query, args
}

// newShape builds the statement once with marks for its n inputs.
func newShape(n int, build func(in []string) (string, []any)) *shape {
	marks := make([]string, n)
	for i := range marks {
		marks[i] = mark(i)
	}
	query, args := build(marks)
	if strings.Contains(query, markPrefix) {
		return &shape{fresh: true}
	}
	sh := &shape{query: query, args: make([]shapeArg, len(args))}
	for i, a := range args {
		s, isString := stringOf(a)
		switch {
		case isMoment(a):
			// A moment (a break-glass grant's expiry tested against now)
			// changes within the day: never kept.
			return &shape{fresh: true}
		case !isString || !strings.Contains(s, markPrefix):
			sh.args[i] = shapeArg{input: -1, constant: a}
		case inputOf(s, marks) >= 0:
			sh.args[i] = shapeArg{input: inputOf(s, marks)}
		default: // a mark inside a longer value (a LIKE pattern, say)
			return &shape{fresh: true}
		}
	}
	return sh
}

func inputOf(s string, marks []string) int {
	for i, m := range marks {
		if s == m {
			return i
		}
	}
	return -1
}

// bind gives the kept statement's arguments for inputs.
func (sh *shape) bind(inputs []string) (string, []any) {
	args := make([]any, len(sh.args))
	for i, a := range sh.args {
		if a.input >= 0 {
			args[i] = inputs[a.input]
		} else {
			args[i] = a.constant
		}
	}
	return sh.query, args
}

// isMoment reports whether v is a point in time (not a civil date, which
// the day in every key already fixes).
func isMoment(v any) bool {
	switch v.(type) {
	case time.Time, *time.Time:
		return true
	}
	return false
}

// stringOf is a string-kinded value (string, ident.ID, a domain enum) as a
// string.
func stringOf(v any) (string, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.String {
		return "", false
	}
	return rv.String(), true
}

// sameArgs compares arguments as the driver sees them: string kinds by
// their text, everything else by value.
func sameArgs(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		sa, aString := stringOf(a[i])
		sb, bString := stringOf(b[i])
		switch {
		case aString && bString:
			if sa != sb {
				return false
			}
		case aString != bString || !reflect.DeepEqual(a[i], b[i]):
			return false
		}
	}
	return true
}
