package graph_test

import (
	"os"
	"path/filepath"
	"testing"
)

func filepathGlob(pattern string) ([]string, error) { return filepath.Glob(pattern) }

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
