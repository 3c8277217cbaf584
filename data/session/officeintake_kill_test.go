package session

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/killtest"
)

// intakeChildEnv names the office vault and the folder of bundles a child
// receives ("OFFICE|FOLDER"), for TestKilledIntake.
const intakeChildEnv = "DAUMOI_TEST_INTAKE_CHILD"

// runIntakeChild receives the folder as the office's receiver, printing
// each file's name and outcome once IntakeFile returned.
func runIntakeChild(spec string) int {
	dir, in, _ := strings.Cut(spec, "|")
	s, err := Open(dir, Credential{User: "lan", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 1
	}
	fmt.Println(killtest.Ready)
	_, err = s.IntakeFiles(context.Background(), []string{in}, func(_, _ int, r IntakeResult) {
		fmt.Println(r.FileName, r.Outcome)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child intake:", err)
		return 1
	}
	return 0
}

// TestKilledIntake kills a process receiving a folder of bundles at
// random moments within the batch (after a random number of files): after each kill the vault opens, every bundle the child
// reported is stored, every row has its blob and every blob its row (a
// blob left by the kill is removed at unlock), and a last run finishes the
// batch with each bundle stored once.
func TestKilledIntake(t *testing.T) {
	dir, o := newOfficeVault(t)
	in := filepath.Join(fsxtest.TempDir(t), "in")
	const n = 40
	for i, a := range registerSynthetic(t, o, n) {
		a.writeSynthetic(t, in, fmt.Sprintf("goi-%02d.zip", i), 2026, 1<<20)
	}
	o.Close()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
	reported := map[string]bool{}
	midBatch := 0
	for k := range 6 {
		// Killed after 1 to n/2 files were done (each run does the stored
		// ones again as duplicates), up to 10 ms into the next.
		lines := killtest.KillAfterLines(t, killtest.Child(intakeChildEnv+"="+dir+"|"+in), 1+rng.IntN(n/2), time.Duration(rng.IntN(10))*time.Millisecond)
		for _, l := range lines {
			name, outcome, _ := strings.Cut(l, " ")
			if outcome == string(IntakeAccepted) {
				reported[name] = true
			}
		}
		s, err := Open(dir, Credential{User: "lan", Passphrase: []byte(testPass)}, fixedClock())
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", k, err)
		}
		checkIntakeConsistent(t, dir, s, reported)
		stored := countOffice(t, dir, s).rows
		t.Logf("kill %d: %d lines, %d bundles stored", k, len(lines), stored)
		if stored > 0 && stored < n {
			midBatch++
		}
		s.Close()
	}
	s := reopenOffice(t, dir)
	results, err := s.IntakeFiles(context.Background(), []string{in}, nil)
	must(t, err)
	for _, r := range results {
		if r.Outcome != IntakeAccepted && r.Outcome != IntakeDuplicate {
			t.Errorf("last run %s: %s %v", r.FileName, r.Outcome, r.Reason)
		}
	}
	if c := countOffice(t, dir, s); c.rows != n || c.blobs != n || c.files != n {
		t.Errorf("after the batch finished: %+v, want %d of each", c, n)
	}
	if midBatch == 0 {
		t.Error("no kill fell in the middle of the batch; the test proves nothing")
	}
}

// checkIntakeConsistent: every reported bundle stored, rows, blob records
// and blob files one to one.
func checkIntakeConsistent(t *testing.T, dir string, s *Session, reported map[string]bool) {
	t.Helper()
	list, err := s.ReceivedBundles("")
	must(t, err)
	stored := map[string]bool{}
	for _, b := range list {
		stored[b.FileName] = true
		if _, err := s.v.BlobInfo(b.BlobID); err != nil {
			t.Fatalf("bundle %d without its blob: %v", b.ID, err)
		}
	}
	for name := range reported {
		if !stored[name] {
			t.Fatalf("%s reported accepted but not stored", name)
		}
	}
	if c := countOffice(t, dir, s); c.rows != c.blobs || c.blobs != c.files {
		t.Fatalf("rows, blob records and blob files differ: %+v", c)
	}
}

func reopenOffice(t *testing.T, dir string) *Session {
	t.Helper()
	s, err := Open(dir, Credential{User: "lan", Passphrase: []byte(testPass)}, fixedClock())
	must(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}
