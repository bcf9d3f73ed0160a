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

func TestSameJSON(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`{"data":{"child":{"id":"c1","age":14}}}`, `{"data": {"child": {"age": 14, "id": "c1"}}}` + "\n", true},
		{`{"data":{"child":{"id":"c1","age":14}}}`, `{"data":{"child":{"id":"c1","age":15}}}`, false},
		{`{"data":{"edges":[{"id":"a"},{"id":"b"}]}}`, `{"data":{"edges":[{"id":"b"},{"id":"a"}]}}`, false},
		{`{"data":{"email":null}}`, `{"data":{}}`, false},
		{`{"n":1.0}`, `{"n":1}`, false}, // numbers as written: 1.0 is not how either writes an Int
	} {
		if got, err := sameJSON([]byte(tc.a), []byte(tc.b)); err != nil || got != tc.same {
			t.Errorf("sameJSON(%s, %s) = %v, %v; want %v", tc.a, tc.b, got, err, tc.same)
		}
	}
	if _, err := sameJSON([]byte(`{"data":`), []byte(`{}`)); err == nil {
		t.Error("sameJSON accepted text that is not JSON")
	}
}
