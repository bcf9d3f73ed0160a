package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// The portal's files hold what its Content-Security-Policy promises: no
// inline script or style, nothing fetched from another origin, and no page
// text turned into markup.
func TestPortalFilesNeedNothingInline(t *testing.T) {
	files := Portal()
	if _, err := fs.Stat(files, "index.html"); err != nil {
		t.Fatalf("no index.html: %v", err)
	}
	// The SVG namespace is a name, not a request.
	otherOrigin := regexp.MustCompile(`(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`)
	checks := []struct {
		ext, what string
		bad       *regexp.Regexp
	}{
		{".html", "an inline script", regexp.MustCompile(`<script(?:\s+type="module")?\s*>`)},
		{".html", "an inline style", regexp.MustCompile(`<style|\sstyle=`)},
		{".html", "an inline event handler", regexp.MustCompile(`\son[a-z]+=`)},
		{".js", "innerHTML or another way to turn text into markup", regexp.MustCompile(`innerHTML|outerHTML|insertAdjacentHTML|document\.write`)},
		{".js", "eval or code built from strings", regexp.MustCompile(`\beval\(|new Function\(|setTimeout\(\s*["'` + "`" + `]`)},
		{".js", "a style attribute", regexp.MustCompile(`setAttribute\(\s*["']style`)},
	}
	n := 0
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		text := strings.ReplaceAll(string(b), `xmlns="http://www.w3.org/2000/svg"`, "")
		if m := otherOrigin.FindString(text); m != "" {
			t.Errorf("%s refers to another origin (%s): the portal loads everything from Kite", path, m)
		}
		for _, c := range checks {
			if strings.HasSuffix(path, c.ext) && c.bad.MatchString(text) {
				t.Errorf("%s has %s (%q)", path, c.what, c.bad.FindString(text))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Errorf("only %d files in the portal", n)
	}
}
