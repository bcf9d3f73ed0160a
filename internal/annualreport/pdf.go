package annualreport

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// PDF is made from the same HTML by headless Chromium (Debian's `chromium`
// package), so that the PDF and the HTML can never differ: the same SVG
// charts, the same tables, printed with the page's print styles. A Go PDF
// library would have meant laying the report out a second time.

// ErrNoChromium says the PDF cannot be made on this machine.
var ErrNoChromium = errors.New("making a PDF needs Chromium, which is not installed: " +
	"install Debian's package (apt-get install chromium), set KITE_CHROMIUM to its path, or use --format html")

// chromiumNames are the commands tried, in order, when KITE_CHROMIUM is not set.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// FindChromium returns the path of the Chromium to print with: the
// getenv("KITE_CHROMIUM") path, or the first of chromiumNames on the PATH.
func FindChromium(getenv func(string) string) (string, error) {
	if p := getenv("KITE_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("KITE_CHROMIUM: %w", err)
		}
		return p, nil
	}
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// pdfTimeout bounds one print: Chromium that hangs must not hang the command.
const pdfTimeout = 2 * time.Minute

// WritePDF prints the HTML file htmlPath to pdfPath with chromium, offline:
// the page loads nothing from the network (the report is self-contained),
// and Chromium runs without its sandbox, GPU or background networking, as
// a command-line tool run as a service user (or root in a container) must.
func WritePDF(ctx context.Context, chromium, htmlPath, pdfPath string) error {
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(pdfPath)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "kite-report-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, // #nosec G204 -- the operator's own Chromium
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-extensions", "--no-first-run", "--user-data-dir="+profile,
		"--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+abs)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium could not print the report: %w: %s", err, lastLines(msg, 5))
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium wrote no PDF to %s", out)
	}
	return nil
}

// lastLines are the last n lines of Chromium's output, for an error.
func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
