package main

import "testing"

// TestMemoryOf: the figures are read from /proc/PID/status as the kernel
// writes them, in KiB, and a missing one is zero.
func TestMemoryOf(t *testing.T) {
	const status = "Name:\tkite\nVmHWM:\t  121932 kB\nVmRSS:\t  114740 kB\nRssAnon:\t   54632 kB\nRssFile:\t   60108 kB\nRssShmem:\t       0 kB\n"
	if got, want := memoryOf(status), (memory{rss: 114740, file: 60108, anon: 54632}); got != want {
		t.Errorf("memoryOf = %+v, want %+v", got, want)
	}
	if got := statusField(status, "VmHWM"); got != 121932 {
		t.Errorf("VmHWM = %d, want 121932", got)
	}
	if got := memoryOf("Name:\tkite\n"); got != (memory{}) {
		t.Errorf("memoryOf without figures = %+v, want zeros", got)
	}
	if got := (memory{rss: 116 * 1024, file: 58 * 1024, anon: 58 * 1024}).String(); got != "116 MB (58 from files, 58 anonymous)" {
		t.Errorf("String = %q", got)
	}
}
