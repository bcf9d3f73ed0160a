package main

import (
	"io"
	"log/slog"
	"runtime/debug"
	"testing"
)

// TestMemoryLimit: the server sets its soft memory limit unless GOMEMLIMIT
// sets one (which the Go runtime then applies itself).
func TestMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))

	t.Setenv("GOMEMLIMIT", "")
	debug.SetMemoryLimit(1 << 40)
	limitMemory(log)
	if got := debug.SetMemoryLimit(-1); got != defaultMemoryLimit {
		t.Errorf("without GOMEMLIMIT the limit is %d, want %d", got, defaultMemoryLimit)
	}

	t.Setenv("GOMEMLIMIT", "500MiB")
	debug.SetMemoryLimit(1 << 40)
	limitMemory(log)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("with GOMEMLIMIT set the server changed the limit to %d", got)
	}
}
