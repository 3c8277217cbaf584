package vault

import (
	"bytes"
	"context"
	"daumoi/data/fsx/fsxtest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// scanForMarkers fails if any file under root contains any marker.
func scanForMarkers(t *testing.T, root string, markers []string) int {
	t.Helper()
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("plaintext marker %q found in %s", m, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestNoPlaintextAtRest(t *testing.T) {
	tmp := fsxtest.TempDir(t)
	t.Setenv("TMPDIR", tmp) // any temporary file of ours or of a library lands here
	root := fsxtest.TempDir(t)
	dir := filepath.Join(root, "vault")
	v, _, err := Create(dir, CreateOptions{User: testUser, Passphrase: []byte(testPass), KDF: fastKDF()})
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	vi := norm.NFC.String(marker("Nguyễn Thị Thu Hương"))
	ascii := marker("ASCII")
	rowVi, rowASCII := vi+"-row", ascii+"-row"
	blobVi, blobASCII := vi+"-blob", ascii+"-blob"
	markers := []string{rowVi, rowASCII, blobVi, blobASCII}

	mustExec(t, v, `CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT, raw BLOB)`)
	mustExec(t, v, `INSERT INTO note (body, raw) VALUES (?, ?)`, rowVi, []byte(rowASCII))
	check := func(stage string) {
		if n := scanForMarkers(t, root, markers) + scanForMarkers(t, tmp, markers); n == 0 {
			t.Fatalf("%s: no file scanned", stage)
		}
	}
	check("rows in the journal")

	if err := v.Compact(); err != nil {
		t.Fatal(err)
	}
	check("compacted snapshot")

	content := strings.Repeat(blobVi+" "+blobASCII+"\n", 5000)
	if _, err := v.PutBlob(context.Background(), strings.NewReader(content), nil); err != nil {
		t.Fatal(err)
	}
	check("blob")

	f, err := os.Create(filepath.Join(root, "backup.dmv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Backup(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(root, "backup.dmv"))
	if err := Restore(bytes.NewReader(b), filepath.Join(root, "restored"), Credential{User: testUser, Passphrase: []byte(testPass)}); err != nil {
		t.Fatal(err)
	}
	check("backup and restored vault")

	// The markers are really stored: the check above is not vacuous.
	v2 := unlock(t, filepath.Join(root, "restored"))
	if n := count(t, v2, `SELECT COUNT(*) FROM note WHERE body = ? AND raw = ?`, rowVi, []byte(rowASCII)); n != 1 {
		t.Fatalf("marker row not found after restore")
	}
}
