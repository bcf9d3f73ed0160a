// Package progress shows how a long command (gen, import, backup) is getting
// on: one line on a terminal, rewritten in place at most ten times a second,
// and nothing at all when the output goes to a pipe or a file, so that logs
// and scripts see only the command's result.
//
// A Meter travels in the context, so the code doing the work needs no extra
// parameter; a context without one (the API, tests) shows nothing.
package progress

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// Meter writes progress lines. The zero value and a nil *Meter show nothing.
type Meter struct {
	mu    sync.Mutex
	w     io.Writer
	shown bool
	last  time.Time
	now   func() time.Time
}

// minGap is the least time between two lines: a terminal need not be
// redrawn more often than people can read.
const minGap = 100 * time.Millisecond

// ForTerminal returns a Meter that writes to w when w is a terminal, and a
// Meter that shows nothing otherwise (a pipe, a file, a buffer).
func ForTerminal(w io.Writer) *Meter {
	f, ok := w.(*os.File)
	if !ok || f == nil || !term.IsTerminal(int(f.Fd())) {
		return &Meter{}
	}
	return &Meter{w: f, now: time.Now}
}

// To returns a Meter that always writes to w (for tests).
func To(w io.Writer, now func() time.Time) *Meter { return &Meter{w: w, now: now} }

// Show replaces the progress line with the formatted text, unless a line
// was shown less than minGap ago.
func (m *Meter) Show(format string, args ...any) {
	if m == nil || m.w == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if t := m.now(); m.shown && t.Sub(m.last) < minGap {
		return
	} else {
		m.last = t
	}
	m.shown = true
	fmt.Fprintf(m.w, "\r\033[K"+format, args...)
}

// Done clears the progress line, so that what the command prints next
// starts on a clean line.
func (m *Meter) Done() {
	if m == nil || m.w == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown {
		fmt.Fprint(m.w, "\r\033[K")
		m.shown = false
	}
}

type ctxKey struct{}

// NewContext returns ctx carrying m.
func NewContext(ctx context.Context, m *Meter) context.Context {
	return context.WithValue(ctx, ctxKey{}, m)
}

// From returns the Meter in ctx, or nil (which shows nothing).
func From(ctx context.Context) *Meter {
	m, _ := ctx.Value(ctxKey{}).(*Meter)
	return m
}
