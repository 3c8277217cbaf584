package blob

import (
	"bufio"
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"filippo.io/age"
)

// crashChildEnv, when set to a folder, turns the test binary into a child
// that imports a stream into a store in that folder and is killed by the
// parent in the middle (TestKilledImportLeavesOnlyATempFile).
const crashChildEnv = "DAUMOI_BLOB_CRASH_CHILD"

// crashMarker is repeated in the child's plaintext; it must never reach
// the disk.
const crashMarker = "CRASH-TEST-PLAINTEXT-MARKER "

func TestMain(m *testing.M) {
	if dir := os.Getenv(crashChildEnv); dir != "" {
		os.Exit(runCrashChild(dir))
	}
	os.Exit(m.Run())
}

// runCrashChild imports 4 MiB of marker text followed by a source that
// blocks forever, printing "ready" once 3 MiB have been imported (so at
// least 2 MiB of ciphertext went through the 1 MiB write buffer).
func runCrashChild(dir string) int {
	id, err := age.ParseX25519Identity(fixedIdentity)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s, err := New(dir, id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	plain := bytes.Repeat([]byte(crashMarker), (4<<20)/len(crashMarker))
	block := make(chan struct{})
	src := io.MultiReader(bytes.NewReader(plain), blockingReader{block})
	ready := false
	_, err = s.Put(context.Background(), src, func(done int64) {
		if !ready && done >= 3<<20 {
			ready = true
			fmt.Println("ready")
		}
	})
	fmt.Fprintln(os.Stderr, "Put returned although the source blocks:", err)
	return 3
}

// crashKillsEnv, if set to a number, repeats the kill that many times.
const crashKillsEnv = "DAUMOI_CRASH_KILLS"

func TestKilledImportLeavesOnlyATempFile(t *testing.T) {
	kills := 1
	if s := os.Getenv(crashKillsEnv); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("%s=%q: want a positive number", crashKillsEnv, s)
		}
		kills = n
	}
	for range kills {
		killImport(t, fsxtest.TempDir(t))
	}
}

// killImport kills a child in the middle of an import into dir and checks
// that it left one ciphertext temporary file, which CleanTemp removes.
func killImport(t *testing.T, dir string) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatalf("child said %q, %v; stderr:\n%s", line, err, stderr.String())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	s, err := New(dir, testIdentity(t))
	if err != nil {
		t.Fatal(err)
	}
	if ids, err := s.List(); err != nil || len(ids) != 0 {
		t.Fatalf("List after a killed import = %v, %v; want no blob", ids, err)
	}
	temps, err := filepath.Glob(filepath.Join(s.tmpDir, "*"))
	if err != nil || len(temps) != 1 {
		t.Fatalf("temporary files = %v, %v; want exactly one", temps, err)
	}
	content, err := os.ReadFile(temps[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(content) < 2<<20 || bytes.Contains(content, []byte(crashMarker)) {
		t.Fatalf("temporary file has %d bytes (want >= 2 MiB of ciphertext) or holds plaintext", len(content))
	}
	if err := s.CleanTemp(); err != nil {
		t.Fatalf("CleanTemp: %v", err)
	}
	assertEmptyStore(t, s)
}

// blockingReader blocks in Read until its channel is closed (never, in
// the crash child).
type blockingReader struct{ block chan struct{} }

func (b blockingReader) Read([]byte) (int, error) {
	<-b.block
	return 0, os.ErrClosed
}
