package pdfdoc

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"daumoi/data/textnorm"
)

// requireTool fails the test (never skips it) when a command-line tool the
// test runs is missing, naming the Debian package that provides it.
func requireTool(t testing.TB, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found in PATH: install the Debian package %s (apt-get install -y %s)", name, pkg, pkg)
	}
}

// run runs a tool and returns its standard output; a non-zero exit fails
// the test with the tool's messages.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstdout: %s\nstderr: %s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// writePDF stores pdf in a temporary file and returns its path.
func writePDF(t testing.TB, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// qpdfCheck runs `qpdf --check` on the file.
func qpdfCheck(t testing.TB, path string) {
	t.Helper()
	requireTool(t, "qpdf", "qpdf")
	out := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

// pdfText extracts the text of pages first..last (0 means to the end) with
// pdftotext, in NFC.
func pdfText(t testing.TB, path string, first, last int, extra ...string) string {
	t.Helper()
	requireTool(t, "pdftotext", "poppler-utils")
	args := []string{"-enc", "UTF-8", "-f", strconv.Itoa(first)}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	args = append(args, extra...)
	args = append(args, path, "-")
	return textnorm.NFC(run(t, "pdftotext", args...))
}

// topMarginText extracts the text printed in the top 20 mm of one page
// (where ND30 puts the page number).
func topMarginText(t testing.TB, path string, page int) string {
	t.Helper()
	// pdftotext crops in pixels at -r dpi; at 72 dpi a pixel is a point.
	return strings.TrimSpace(pdfText(t, path, page, page, "-r", "72", "-x", "0", "-y", "0", "-W", "595", "-H", "56"))
}

// pageCount returns the number of pages according to pdfinfo.
func pageCount(t testing.TB, path string) int {
	t.Helper()
	requireTool(t, "pdfinfo", "poppler-utils")
	for _, line := range strings.Split(run(t, "pdfinfo", path), "\n") {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			if err != nil {
				t.Fatalf("pdfinfo page count %q: %v", rest, err)
			}
			return n
		}
	}
	t.Fatal("pdfinfo printed no page count")
	return 0
}
