package vault

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"daumoi/data/killtest"
)

// Environment of child processes: the test binary re-executes itself with
// childModeEnv set, and TestMain runs the child instead of the tests.
const (
	childModeEnv  = "DAUMOI_VAULT_TEST_CHILD"
	childDirEnv   = "DAUMOI_VAULT_TEST_DIR"
	childStartEnv = "DAUMOI_VAULT_TEST_START"
	// crashKillsEnv, if set to a number, replaces the number of kills of
	// each crash test (for long runs: DAUMOI_CRASH_KILLS=200 go test -run Crash).
	crashKillsEnv = "DAUMOI_CRASH_KILLS"
)

// crashKills is the number of kills of a crash test: def, or crashKillsEnv.
func crashKills(t *testing.T, def int) int {
	s := os.Getenv(crashKillsEnv)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", crashKillsEnv, s)
	}
	return n
}

func TestMain(m *testing.M) {
	if mode := os.Getenv(childModeEnv); mode != "" {
		os.Exit(runChild(mode, os.Getenv(childDirEnv), os.Getenv(childStartEnv)))
	}
	os.Exit(m.Run())
}

// runChild is the body of a child process. Each line it prints is printed
// only after the operation it reports has returned successfully.
func runChild(mode, dir, startStr string) int {
	start, _ := strconv.Atoi(startStr)
	if mode == "trylock" {
		l, err := OpenLocked(dir)
		if errors.Is(err, ErrLocked) {
			fmt.Println("ErrLocked")
			return 0
		}
		if err != nil {
			fmt.Println("error:", err)
			return 1
		}
		_ = l.Close()
		fmt.Println("opened")
		return 0
	}
	v, err := childUnlock(mode, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child unlock:", err)
		return 1
	}
	fmt.Println(killtest.Ready)
	for i := start; ; i++ {
		out, err := childStep(v, mode, i)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child step:", err)
			return 1
		}
		fmt.Println(out)
	}
}

// childStep performs one durable operation and returns the line to print.
func childStep(v *Vault, mode string, i int) (string, error) {
	insert := func() error {
		return v.Update(func(tx *Tx) error {
			_, err := tx.Exec(`INSERT INTO crash (n, note) VALUES (?, ?)`, i, strings.Repeat("Hương ", i%50))
			return err
		})
	}
	switch mode {
	case "commit":
		return strconv.Itoa(i), insert()
	case "big":
		// 1 MiB records: a SIGKILL during their write() often cuts it
		// short at a page boundary, leaving a torn tail.
		return strconv.Itoa(i), v.Update(func(tx *Tx) error {
			if _, err := tx.Exec(`INSERT INTO crash (n, note) VALUES (?, '')`, i); err != nil {
				return err
			}
			_, err := tx.Exec(`INSERT OR REPLACE INTO big (id, data) VALUES (1, ?)`, bytes.Repeat([]byte{byte(i)}, 1<<20))
			return err
		})
	case "compact":
		if err := insert(); err != nil {
			return "", err
		}
		return strconv.Itoa(i), v.Compact()
	case "blob":
		data := blobContent(i)
		info, err := v.PutBlob(context.Background(), bytes.NewReader(data), nil)
		return info.ID + " " + strconv.Itoa(i), err
	}
	return rotateChildStep(v, mode, i, insert)
}

// blobContent is the deterministic content of the i-th crash-test blob.
func blobContent(i int) []byte {
	r := rand.NewChaCha8([32]byte{byte(i), byte(i >> 8), 7})
	b := make([]byte, 100<<10+i)
	_, _ = r.Read(b)
	return b
}

// childCmd prepares a child process of the test binary.
func childCmd(mode, dir string, start int) *exec.Cmd {
	return killtest.Child(childModeEnv+"="+mode, childDirEnv+"="+dir, childStartEnv+"="+strconv.Itoa(start))
}

// runAndKill starts a child, SIGKILLs it delay after it has unlocked the
// vault and returns the lines it printed before dying.
func runAndKill(t *testing.T, mode, dir string, start int, delay time.Duration) []string {
	t.Helper()
	return killtest.KillAfterReady(t, childCmd(mode, dir, start), delay)
}

// crashTest kills a child running mode many times and checks after each
// kill that the vault reopens with no repair option and that everything
// the child reported is present. check returns the next start number.
func crashTest(t *testing.T, mode string, kills int, check func(t *testing.T, v *Vault, printed []string) int) {
	kills = crashKills(t, kills)
	_, dir, _ := newTestVaultClosed(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	next, total, drops := 0, 0, 0
	for k := range kills {
		delay := time.Duration(20+rng.IntN(250)) * time.Millisecond
		printed := runAndKill(t, mode, dir, next, delay)
		total += len(printed)
		v, err := unlockErr(dir)
		if err != nil {
			t.Fatalf("kill %d: reopen: %v", k, err)
		}
		next = check(t, v, printed)
		d, err := v.DroppedTails()
		if err != nil {
			t.Fatal(err)
		}
		drops = len(d)
		if err := v.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%s: %d kills, %d acknowledged operations, %d torn tails dropped in all", mode, kills, total, drops)
	if total == 0 {
		t.Fatal("children never acknowledged an operation; the test proves nothing")
	}
}

// newTestVaultClosed creates a vault with the crash table and closes it.
func newTestVaultClosed(t *testing.T) (*Vault, string, RecoveryCode) {
	v, dir, code := newTestVault(t)
	mustExec(t, v, `CREATE TABLE crash (n INTEGER PRIMARY KEY, note TEXT)`)
	mustExec(t, v, `CREATE TABLE big (id INTEGER PRIMARY KEY, data BLOB)`)
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	return v, dir, code
}

// checkRows verifies each printed number is a row and returns max+1.
func checkRows(t *testing.T, v *Vault, printed []string) int {
	for _, p := range printed {
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("bad child line %q", p)
		}
		if count(t, v, `SELECT COUNT(*) FROM crash WHERE n = ?`, n) != 1 {
			t.Fatalf("row %d was acknowledged but is missing after SIGKILL", n)
		}
	}
	return count(t, v, `SELECT COALESCE(MAX(n), -1) FROM crash`) + 1
}

func TestCrashCommit(t *testing.T) {
	crashTest(t, "commit", 30, checkRows)
}

// TestCrashLargeCommit kills children writing 1 MiB records, so that some
// kills tear the last record: the vault must reopen without being asked.
func TestCrashLargeCommit(t *testing.T) {
	crashTest(t, "big", 15, checkRows)
}

func TestCrashCompact(t *testing.T) {
	crashTest(t, "compact", 30, checkRows)
}

func TestCrashBlobImport(t *testing.T) {
	next := 0
	crashTest(t, "blob", 20, func(t *testing.T, v *Vault, printed []string) int {
		for _, p := range printed {
			id, num, _ := strings.Cut(p, " ")
			i, _ := strconv.Atoi(num)
			rc, err := v.OpenBlob(id)
			if err != nil {
				t.Fatalf("blob %s acknowledged but not openable: %v", id, err)
			}
			got, err := io.ReadAll(rc)
			_ = rc.Close()
			if err != nil || !bytes.Equal(got, blobContent(i)) {
				t.Fatalf("blob %s content differs (err %v)", id, err)
			}
			next = max(next, i+1)
		}
		files, err := v.blobs.List()
		if err != nil {
			t.Fatal(err)
		}
		if rows := count(t, v, `SELECT COUNT(*) FROM vault_blobs`); rows != len(files) {
			t.Fatalf("%d blob files but %d recorded blobs: orphans not removed", len(files), rows)
		}
		return next
	})
}

func TestSecondProcessGetsErrLocked(t *testing.T) {
	v, dir, _ := newTestVault(t)
	out, err := childCmd("trylock", dir, 0).Output()
	if err != nil || strings.TrimSpace(string(out)) != "ErrLocked" {
		t.Fatalf("child while locked: %q %v, want ErrLocked", out, err)
	}
	if _, err := OpenLocked(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("second handle in the same process: %v, want ErrLocked", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	out, err = childCmd("trylock", dir, 0).Output()
	if err != nil || strings.TrimSpace(string(out)) != "opened" {
		t.Fatalf("child after close: %q %v, want opened", out, err)
	}
}
