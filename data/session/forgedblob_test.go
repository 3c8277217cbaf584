package session_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/blob"
	"daumoi/data/demo"
	"daumoi/data/session"
)

// TestSubstitutedEvidenceRefused puts another validly encrypted evidence file
// in place of one (what anyone who can write the folder can do) and checks
// that every read path refuses it: export, the bundle a manager signs, the
// backup.
func TestSubstitutedEvidenceRefused(t *testing.T) {
	dir := demoVault(t)
	mgr := openAs(t, dir, demo.ManagerUser)
	const signingPass = "chỉ lãnh đạo biết 2026"
	if _, err := mgr.CreateSigningKey([]byte(signingPass)); err != nil {
		t.Fatal(err)
	}
	list, err := mgr.ListEvidence()
	if err != nil || len(list) < 2 {
		t.Fatalf("demo evidence: %d, %v", len(list), err)
	}
	victim, other := list[0].ID, list[1].ID
	req := session.BundleRequest{Kind: "annual", Year: 2026, EvidenceIDs: []string{victim}}
	var good session.MemOutput
	if _, err := mgr.BuildBundle(req, []byte(signingPass), &good); err != nil {
		t.Fatalf("bundle before the substitution: %v", err)
	}
	if bundledEvidence(t, good.Bytes()) != victim {
		t.Fatal("the bundle does not carry the chosen evidence file")
	}
	b, err := os.ReadFile(filepath.Join(dir, "blobs", other))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "blobs", victim), b, 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := mgr.CopyEvidence(context.Background(), victim, io.Discard); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("export of a substituted file: %v, want blob.ErrCorrupt", err)
	}
	if _, err := mgr.BuildBundle(req, []byte(signingPass), &session.MemOutput{}); !errors.Is(err, blob.ErrCorrupt) {
		t.Errorf("bundle with a substituted file: %v, want blob.ErrCorrupt", err)
	}
}

// bundledEvidence returns the id of an evidence file the bundle carries.
func bundledEvidence(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if rest, ok := strings.CutPrefix(f.Name, "evidence/"); ok {
			return strings.TrimSuffix(rest, path.Ext(rest))
		}
	}
	t.Fatal("the bundle carries no evidence file")
	return ""
}
