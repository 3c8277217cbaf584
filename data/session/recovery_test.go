package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/killtest"
	"daumoi/data/vault"
)

// Child processes: the test binary re-executes itself with childDirEnv set
// and adds evidence files until it is killed.
const childDirEnv = "DAUMOI_SESSION_TEST_CHILD_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		os.Exit(runEvidenceChild(dir))
	}
	if spec := os.Getenv(intakeChildEnv); spec != "" {
		os.Exit(runIntakeChild(spec))
	}
	os.Exit(m.Run())
}

// runEvidenceChild adds evidence files in a loop, printing each id once
// AddEvidence returned.
func runEvidenceChild(dir string) int {
	s, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, time.Now)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 1
	}
	for i := 0; ; i++ {
		data := bytes.Repeat([]byte{byte(i)}, 200<<10+i)
		e, err := s.AddEvidence(context.Background(), bytes.NewReader(data), EvidenceMeta{FileName: fmt.Sprintf("tệp-%d.bin", i)}, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child add:", err)
			return 1
		}
		fmt.Println(e.ID)
	}
}

// killEvidenceChild runs a child for delay, SIGKILLs it and returns the ids
// it acknowledged.
func killEvidenceChild(t *testing.T, dir string, delay time.Duration) []string {
	t.Helper()
	return killtest.KillAfter(t, killtest.Child(childDirEnv+"="+dir), delay)
}

// blobAndEvidenceCounts returns the number of recorded blobs, of evidence
// rows and of blob files.
func blobAndEvidenceCounts(t *testing.T, s *Session) (blobs, evidence, files int) {
	t.Helper()
	if err := s.v.View(func(tx *vault.ReadTx) error {
		return tx.QueryRow(`SELECT (SELECT COUNT(*) FROM vault_blobs), (SELECT COUNT(*) FROM evidence)`).Scan(&blobs, &evidence)
	}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(s.dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			files++
		}
	}
	return blobs, evidence, files
}

// TestKilledEvidenceAddLeavesNoOrphan kills a process adding evidence at
// random moments: after each kill the vault opens, every acknowledged file
// is there, and no blob is left without its evidence row.
func TestKilledEvidenceAddLeavesNoOrphan(t *testing.T) {
	dir, s, _ := newVault(t)
	s.Close()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
	acked := 0
	for k := range 8 {
		ids := killEvidenceChild(t, dir, time.Duration(100+rng.IntN(300))*time.Millisecond)
		acked += len(ids)
		s, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, fixedClock())
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", k, err)
		}
		for _, id := range ids {
			if _, rc, err := s.OpenEvidence(id); err != nil {
				t.Fatalf("kill %d: acknowledged evidence %s: %v", k, id, err)
			} else {
				rc.Close()
			}
		}
		if b, e, f := blobAndEvidenceCounts(t, s); b != e || f != e {
			t.Fatalf("kill %d: %d recorded blobs, %d blob files, %d evidence rows", k, b, f, e)
		}
		s.Close()
	}
	if acked == 0 {
		t.Fatal("the children never acknowledged a file; the test proves nothing")
	}
}

func TestUnreferencedBlobRemovedAtUnlock(t *testing.T) {
	dir, s, _ := newVault(t)
	kept, err := s.AddEvidence(context.Background(), strings.NewReader("biên bản"), EvidenceMeta{FileName: "a.txt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// What a kill between storing the content and recording the evidence leaves.
	orphan, err := s.v.PutBlob(context.Background(), strings.NewReader("mồ côi"), nil)
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir, "huong", testPass)
	if _, err := s.v.BlobInfo(orphan.ID); !errors.Is(err, vault.ErrBlobNotFound) {
		t.Fatalf("orphan blob still recorded: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "blobs", orphan.ID)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("orphan blob file still there: %v", err)
	}
	if _, rc, err := s.OpenEvidence(kept.ID); err != nil {
		t.Fatalf("evidence lost: %v", err)
	} else {
		rc.Close()
	}
}

// damageJournalEnd adds one change (opening the vault and a note in the
// history), closes s and rewrites the vault's journal with fn.
func damageJournalEnd(t *testing.T, s *Session, dir string, fn func([]byte) []byte) {
	t.Helper()
	s = reopen(t, s, dir, "huong", testPass)
	if _, err := s.AddEvidence(context.Background(), strings.NewReader("x"), EvidenceMeta{FileName: "x.txt"}, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	path := filepath.Join(dir, "db.journal")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, fn(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

// droppedHistory returns the history entries of dropped journal tails.
func droppedHistory(t *testing.T, s *Session) []audit.Entry {
	t.Helper()
	all, err := s.History(audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []audit.Entry
	for _, e := range all {
		if e.Action == ActionTailDropped || e.Action == ActionRepaired {
			out = append(out, e)
		}
	}
	return out
}

func TestTornTailDroppedAndRecordedOnce(t *testing.T) {
	dir, s, _ := newVault(t)
	damageJournalEnd(t, s, dir, func(b []byte) []byte { return b[:len(b)-5] })
	st, err := os.Stat(filepath.Join(dir, "db.journal"))
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, dir, "huong", testPass)
	got := droppedHistory(t, s)
	want := "thay đổi cuối chưa ghi xong lúc " + st.ModTime().Local().Format("02/01/2006 15:04") + " đã bị bỏ ("
	if len(got) != 1 || !strings.HasPrefix(got[0].Summary, want) || got[0].Actor != "" || !strings.HasPrefix(got[0].EntityID, "dropped/torn-") {
		t.Fatalf("history = %+v, want one system entry starting %q", got, want)
	}
	s = reopen(t, s, dir, "huong", testPass)
	if n := len(droppedHistory(t, s)); n != 1 {
		t.Fatalf("%d entries after a second unlock, want the drop recorded once", n)
	}
}

func TestRepairAfterConfirmation(t *testing.T) {
	dir, s, _ := newVault(t)
	damageJournalEnd(t, s, dir, func(b []byte) []byte { b[len(b)-5] ^= 0x20; return b })
	if _, err := Open(dir, Credential{User: "huong", Passphrase: []byte(testPass)}, fixedClock()); !errors.Is(err, vault.ErrJournalDamaged) {
		t.Fatalf("open: %v, want ErrJournalDamaged", err)
	}
	l, err := OpenLocked(dir, fixedClock())
	if err != nil {
		t.Fatal(err)
	}
	var plan vault.RepairPlan
	l.SetRepair(func(p vault.RepairPlan) bool { plan = p; return true })
	s, err = l.Unlock(Credential{User: "huong", Passphrase: []byte(testPass)})
	if err != nil {
		t.Fatalf("repair: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	got := droppedHistory(t, s)
	if len(got) != 1 || got[0].Action != ActionRepaired || got[0].Actor != "huong" || plan.Records != 1 ||
		!strings.Contains(got[0].Summary, fmt.Sprintf("từ vị trí %d", plan.Offset)) {
		t.Fatalf("history = %+v, plan %+v", got, plan)
	}
	if res, err := s.VerifyHistory(); err != nil || res.BrokenAt != 0 {
		t.Fatalf("history after repair: %+v %v", res, err)
	}
}
