package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// manifest format identification.
const (
	FormatName    = "daumoi-bundle"
	FormatVersion = 1
	dateLayout    = "2006-01-02"
)

// Field limits of the manifest (characters).
const (
	maxNameLen    = 300
	maxCodeLen    = 64
	maxVersionLen = 100
)

var (
	kindPattern   = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	sha256Pattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
	keyIDPattern  = regexp.MustCompile(`^[0-9A-F]{16}$`)
)

// manifest is manifest.json: what the bundle is, who signed it, and every
// file with its size and SHA-256. FORMAT.md and manifest.schema.json
// describe it.
type manifest struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"format_version"`
	Kind          string         `json:"kind"`
	Agency        Agency         `json:"agency"`
	Period        manifestPeriod `json:"period"`
	Created       string         `json:"created"`
	AppVersion    string         `json:"app_version"`
	AuditHead     AuditHead      `json:"audit_head"`
	Signer        Signer         `json:"signer"`
	Files         []FileEntry    `json:"files"`
}

type manifestPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// encode renders the manifest as indented JSON with a final line break.
func (m manifest) encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("bundle: encoding the manifest: %w", err)
	}
	return buf.Bytes(), nil
}

// trustedComment is the signed one-line summary stored in the signature;
// `minisign -V` prints it.
func (m manifest) trustedComment() string {
	return fmt.Sprintf("daumoi-bundle v%d kind=%s agency=%s (%s) period=%s..%s created=%s",
		m.FormatVersion, m.Kind, m.Agency.Code, m.Agency.Name, m.Period.From, m.Period.To, m.Created)
}

// parseManifest decodes and checks manifest.json. Errors wrap
// ErrBadManifest or ErrUnsupportedVersion.
func parseManifest(data []byte) (manifest, error) {
	var m manifest
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return manifest{}, fmt.Errorf("%w: %v", ErrBadManifest, err)
	}
	if dec.More() {
		return manifest{}, fmt.Errorf("%w: data after the JSON object", ErrBadManifest)
	}
	if m.Format != FormatName {
		return manifest{}, fmt.Errorf("%w: format %q", ErrBadManifest, m.Format)
	}
	if m.FormatVersion > FormatVersion {
		return manifest{}, fmt.Errorf("%w: version %d", ErrUnsupportedVersion, m.FormatVersion)
	}
	if m.FormatVersion != FormatVersion {
		return manifest{}, fmt.Errorf("%w: format_version %d", ErrBadManifest, m.FormatVersion)
	}
	if problem := m.problem(); problem != "" {
		return manifest{}, fmt.Errorf("%w: %s", ErrBadManifest, problem)
	}
	return m, nil
}

// problem describes the first rule the manifest breaks, or "".
func (m manifest) problem() string {
	if p := m.headerProblem(); p != "" {
		return p
	}
	return filesProblem(m.Files)
}

func (m manifest) headerProblem() string {
	switch {
	case !kindPattern.MatchString(m.Kind):
		return fmt.Sprintf("kind %q", m.Kind)
	case !textOK(m.Agency.Name, maxNameLen) || strings.TrimSpace(m.Agency.Name) == "":
		return "agency name"
	case !textOK(m.Agency.Code, maxCodeLen):
		return "agency code"
	case !textOK(m.AppVersion, maxVersionLen) || m.AppVersion == "":
		return "app_version"
	case m.AuditHead.Seq < 0 || !sha256Pattern.MatchString(m.AuditHead.Hash):
		return "audit_head"
	case !textOK(m.Signer.Name, maxNameLen) || !keyIDPattern.MatchString(m.Signer.KeyID):
		return "signer"
	}
	if _, err := time.Parse(time.RFC3339, m.Created); err != nil {
		return "created: " + err.Error()
	}
	from, err1 := time.Parse(dateLayout, m.Period.From)
	to, err2 := time.Parse(dateLayout, m.Period.To)
	if err1 != nil || err2 != nil || to.Before(from) {
		return "period"
	}
	return ""
}

// textOK reports whether s is UTF-8 in NFC without control characters and
// at most max characters long.
func textOK(s string, max int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > max {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

func filesProblem(files []FileEntry) string {
	if files == nil {
		return "files missing"
	}
	names := newNameSet()
	for i, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err.Error()
		}
		if f.Path == ManifestName || f.Path == SignatureName {
			return fmt.Sprintf("file %q is reserved", f.Path)
		}
		if i > 0 && files[i-1].Path >= f.Path {
			return fmt.Sprintf("files not sorted by path at %q", f.Path)
		}
		if err := names.add(f.Path); err != nil {
			return err.Error()
		}
		if f.Size < 0 || !sha256Pattern.MatchString(f.SHA256) {
			return fmt.Sprintf("file %q: size or sha256", f.Path)
		}
	}
	return ""
}
