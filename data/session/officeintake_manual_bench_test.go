package session

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"daumoi/data/fsx/fsxtest"
)

// BenchmarkManualCheck500 is what an office does without the app for the
// same 500 bundles as BenchmarkIntake500: for each, unzip it and check
// the manifest's signature with Debian's minisign against that agency's
// .pub file (and nothing more: no file hashes, no registry, no storage),
// to set the intake's figure beside it. Run: go test ./data/session -run
// '^$' -bench 'Intake500|ManualCheck500' -benchtime 1x
func BenchmarkManualCheck500(b *testing.B) {
	for _, tool := range []string{"unzip", "minisign"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Fatalf("%s is needed (Debian package %s)", tool, tool)
		}
	}
	work := fsxtest.TempDir(b)
	in := filepath.Join(work, "in")
	_, o := newOfficeVault(b)
	type job struct{ zip, pub string }
	var jobs []job
	for i, a := range registerSynthetic(b, o, 100) {
		text, err := a.sec.Public().MarshalText()
		must(b, err)
		pub := putFile(b, filepath.Join(work, "keys"), a.code+".pub", text)
		for year := 2022; year <= 2026; year++ {
			jobs = append(jobs, job{a.writeSynthetic(b, in, fmt.Sprintf("goi-%03d-%d.zip", i, year), year, 1<<20), pub})
		}
	}
	for b.Loop() {
		for _, j := range jobs {
			out := filepath.Join(work, "x")
			must(b, os.RemoveAll(out))
			if msg, err := exec.Command("unzip", "-q", "-o", j.zip, "-d", out).CombinedOutput(); err != nil {
				b.Fatalf("unzip %s: %v %s", j.zip, err, msg)
			}
			if msg, err := exec.Command("minisign", "-Vqm", filepath.Join(out, "manifest.json"), "-p", j.pub).CombinedOutput(); err != nil {
				b.Fatalf("minisign -V %s: %v %s", j.zip, err, msg)
			}
		}
	}
}
