package session_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"daumoi/data/fsx/fsxtest"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle/schematest"
)

// unzipBundle extracts a bundle into a new folder and returns it.
func unzipBundle(t *testing.T, data []byte) string {
	t.Helper()
	root := filepath.Join(fsxtest.TempDir(t), "unzipped")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		dst := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// oscalOfBundle is what the checks read of the OSCAL in a bundle.
type oscalOfBundle struct {
	AR struct {
		Results []struct {
			Description  string `json:"description"`
			Props        []struct{ Name, NS, Value string }
			Observations []struct {
				RelevantEvidence []struct {
					Href string `json:"href"`
				} `json:"relevant-evidence"`
			} `json:"observations"`
		} `json:"results"`
		BackMatter struct {
			Resources []struct {
				RLinks []struct {
					Href   string `json:"href"`
					Hashes []struct{ Algorithm, Value string }
				} `json:"rlinks"`
			} `json:"resources"`
		} `json:"back-matter"`
	} `json:"assessment-results"`
}

// checkBundleOSCAL unzips a bundle and checks its OSCAL document: valid
// against NIST's 1.1.2 schema; every href (evidence and back-matter),
// resolved against the OSCAL file's own folder in the unpacked bundle,
// names a file inside the bundle; each rlink's SHA-256 is that file's; and
// every file of the bundle but the OSCAL, the manifest and its signature
// is a back-matter resource. It returns the parsed document.
func checkBundleOSCAL(t *testing.T, data []byte) oscalOfBundle {
	t.Helper()
	root := unzipBundle(t, data)
	const oscalPath = "oscal/assessment-results.json"
	raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(oscalPath)))
	if err != nil {
		t.Fatal(err)
	}
	if err := schematest.Validate(schematest.OSCALAssessmentResults(t), raw); err != nil {
		t.Fatalf("bundle OSCAL not valid against NIST 1.1.2: %v", err)
	}
	var doc oscalOfBundle
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	resolve := func(href string) string {
		t.Helper()
		u, err := url.Parse(href)
		if err != nil || u.IsAbs() || u.Host != "" {
			t.Fatalf("href %q is not a relative reference: %v", href, err)
		}
		p := path.Join(path.Dir(oscalPath), u.Path)
		if p == ".." || strings.HasPrefix(p, "../") {
			t.Fatalf("href %q leaves the bundle", href)
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
			t.Fatalf("href %q resolved against %s names no file of the bundle: %v", href, path.Dir(oscalPath), err)
		}
		return p
	}
	for _, r := range doc.AR.Results {
		for _, o := range r.Observations {
			for _, e := range o.RelevantEvidence {
				resolve(e.Href)
			}
		}
	}
	listed := map[string]bool{}
	for _, r := range doc.AR.BackMatter.Resources {
		for _, l := range r.RLinks {
			p := resolve(l.Href)
			body, _ := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
			sum := sha256.Sum256(body)
			if len(l.Hashes) != 1 || l.Hashes[0].Algorithm != "SHA-256" || l.Hashes[0].Value != hex.EncodeToString(sum[:]) {
				t.Errorf("resource %s: hashes %+v, file's SHA-256 %x", p, l.Hashes, sum)
			}
			listed[p] = true
		}
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel != oscalPath && rel != "manifest.json" && rel != "manifest.json.minisig" && !listed[rel] {
			t.Errorf("%s is not a back-matter resource of the OSCAL", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestYoungVaultBundle: a vault just created, with no information system,
// asset or assessment, still builds its annual bundle, whose OSCAL is
// valid and has one result saying there is no system.
func TestYoungVaultBundle(t *testing.T) {
	t.Setenv(vault.InsecureFastKDFEnv, "1")
	dir := filepath.Join(fsxtest.TempDir(t), "young")
	s, _, err := session.Create(dir, session.CreateParams{Org: "UBND xã Tân Hòa", Passphrase: []byte(demoPass), Now: pinnedClock(),
		User: users.User{Name: "huong", FullName: "Nguyễn Thị Hương", Roles: []users.Role{users.RoleFocal}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddUser(users.User{Name: "bao", FullName: "Võ Văn Bảo", Roles: []users.Role{users.RoleManager}}, []byte(demoPass)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	mgr := openAs(t, dir, "bao")
	if err := mgr.ChangePassphrase([]byte(demoPass)); err != nil {
		t.Fatal(err)
	}
	signing := "chỉ lãnh đạo biết 2026"
	if _, err := mgr.CreateSigningKey([]byte(signing)); err != nil {
		t.Fatal(err)
	}
	var out session.MemOutput
	if _, err := mgr.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026}, []byte(signing), &out); err != nil {
		t.Fatal(err)
	}
	doc := checkBundleOSCAL(t, out.Bytes())
	if len(doc.AR.Results) != 1 || !strings.Contains(doc.AR.Results[0].Description, "Chưa có hệ thống thông tin nào") {
		t.Errorf("results: %+v", doc.AR.Results)
	}
}
