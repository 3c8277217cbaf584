package bundle

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTool fails (never skips) when a standard tool the documented
// procedure uses is missing, naming the Debian package.
func needTool(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("this test runs %s: apt-get install -y %s", tool, pkg)
	}
}

// verifyProcedure is the exact shell procedure FORMAT.md documents for
// checking a bundle with standard tools.
const verifyProcedure = `set -e
unzip -q bundle.zip -d bundle
cd bundle
minisign -Vm manifest.json -p ../agency.pub
jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json | sha256sum -c --strict -
`

// TestStandardToolsVerify unzips a bundle and runs the documented
// procedure: minisign -V on the manifest, then sha256sum -c on the list
// jq makes from it; and checks that a changed file makes it fail.
func TestStandardToolsVerify(t *testing.T) {
	for tool, pkg := range map[string]string{"unzip": "unzip", "minisign": "minisign", "jq": "jq", "sha256sum": "coreutils"} {
		needTool(t, tool, pkg)
	}
	pub, sec := testKey(t)
	dir := t.TempDir()
	pubText, _ := pub.MarshalText()
	os.WriteFile(filepath.Join(dir, "agency.pub"), pubText, 0o644)
	os.WriteFile(filepath.Join(dir, "bundle.zip"), build(t, sampleBundle(), sec), 0o644)
	os.WriteFile(filepath.Join(dir, "verify.sh"), []byte(verifyProcedure), 0o644)

	cmd := exec.Command("sh", "verify.sh")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("documented procedure failed: %v\n%s", err, out)
	}
	for _, want := range []string{
		"Signature and comment signature verified",
		"Trusted comment: daumoi-bundle v1 kind=annual agency=H62.18",
		"evidence/biên bản kiểm tra.png: OK",
		"report/annual-2026.pdf: OK",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	// The same procedure fails on a changed file.
	os.WriteFile(filepath.Join(dir, "bundle", "data", "assets.csv"), []byte("changed\n"), 0o644)
	cmd = exec.Command("sh", "-c", "cd bundle && jq -r '.files[] | \"\\(.sha256)  \\(.path)\"' manifest.json | sha256sum -c --strict -")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "data/assets.csv: FAILED") {
		t.Fatalf("sha256sum accepted a changed file: %v\n%s", err, out)
	}
	// And minisign refuses a changed manifest.
	os.WriteFile(filepath.Join(dir, "bundle", "manifest.json"), []byte("{}\n"), 0o644)
	cmd = exec.Command("minisign", "-Vm", "bundle/manifest.json", "-p", "agency.pub")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("minisign accepted a changed manifest:\n%s", out)
	}
}
