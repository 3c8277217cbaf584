package session

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"daumoi/data/blob"
)

// zipFile reads one entry of the ZIP file at path.
func zipFile(t *testing.T, path, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	must(t, err)
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			must(t, err)
			defer rc.Close()
			data, err := io.ReadAll(rc)
			must(t, err)
			return data
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return nil
}

// TestBundleViewReadsInMemory opens a received bundle: its files are the
// agency's, read from the encrypted blob; nothing in clear lands in the
// vault's folder.
func TestBundleViewReadsInMemory(t *testing.T) {
	f := newIntakeFixture(t)
	r := intake(t, f.office, f.files["a2025"])
	v, err := f.office.OpenBundleView(r.Bundle.ID)
	must(t, err)
	defer v.Close()
	if len(v.FilesUnder("report/")) != 1 || v.Verified.Agency.Code != codeNoiVu {
		t.Fatalf("view: %+v", v.Verified)
	}
	pdf, err := v.ReadFile("report/annual-2025.pdf", 64<<20)
	must(t, err)
	if want := zipFile(t, f.files["a2025"], "report/annual-2025.pdf"); !bytes.Equal(pdf, want) {
		t.Fatal("the report read from the vault is not the agency's")
	}
	if _, err := v.ReadFile("report/khác.pdf", 64<<20); !errors.Is(err, ErrNotInBundle) {
		t.Errorf("unknown file: %v", err)
	}
	if _, err := v.ReadFile("report/annual-2025.pdf", 100); !errors.Is(err, ErrBundleFileTooLarge) {
		t.Errorf("over the limit: %v", err)
	}
	err = filepath.WalkDir(f.officeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && (bytes.Contains(data, []byte("%PDF-")) || bytes.Contains(data, pdf[len(pdf)/2:len(pdf)/2+64])) {
			t.Errorf("%s holds the report in clear", p)
		}
		return err
	})
	must(t, err)
}

// TestBundleViewRefusesASubstitute puts another received bundle's blob, or
// a damaged one, in the place of a bundle's: opening it fails.
func TestBundleViewRefusesASubstitute(t *testing.T) {
	f := newIntakeFixture(t)
	a := intake(t, f.office, f.files["a2025"])
	b := intake(t, f.office, f.files["b2025"])
	path := func(id string) string { return filepath.Join(f.officeDir, "blobs", id) }
	orig, err := os.ReadFile(path(a.Bundle.BlobID))
	must(t, err)
	other, err := os.ReadFile(path(b.Bundle.BlobID))
	must(t, err)
	damaged := bytes.Clone(orig)
	damaged[len(damaged)-100] ^= 1
	for name, content := range map[string][]byte{"another bundle": other, "damaged": damaged} {
		must(t, os.WriteFile(path(a.Bundle.BlobID), content, 0o600))
		if v, err := f.office.OpenBundleView(a.Bundle.ID); !errors.Is(err, blob.ErrCorrupt) {
			if v != nil {
				v.Close()
			}
			t.Errorf("%s: OpenBundleView = %v, want blob.ErrCorrupt", name, err)
		}
	}
	must(t, os.WriteFile(path(a.Bundle.BlobID), orig, 0o600))
	v, err := f.office.OpenBundleView(a.Bundle.ID)
	must(t, err)
	must(t, v.Close())
}
