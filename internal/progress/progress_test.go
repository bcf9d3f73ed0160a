package progress

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"
)

func TestShowRewritesOneLineAndIsThrottled(t *testing.T) {
	var buf bytes.Buffer
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	m := To(&buf, func() time.Time { return now })
	m.Show("writing %d/%d", 1, 10)
	m.Show("writing %d/%d", 2, 10) // too soon: not shown
	now = now.Add(minGap)
	m.Show("writing %d/%d", 3, 10)
	m.Done()
	want := "\r\033[Kwriting 1/10\r\033[Kwriting 3/10\r\033[K"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestNothingWithoutATerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	m := ForTerminal(f)
	m.Show("writing")
	m.Done()
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("a file got %d bytes of progress", st.Size())
	}
	var nilMeter *Meter
	nilMeter.Show("x") // must not panic
	nilMeter.Done()
	if From(context.Background()) != nil {
		t.Error("a context without a meter has one")
	}
	if From(NewContext(context.Background(), m)) != m {
		t.Error("the meter did not travel in the context")
	}
}
