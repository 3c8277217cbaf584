package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"daumoi/data/textnorm"
	"daumoi/reports/signing"
)

// copyBufferSize is the buffer used to stream files through SHA-256.
const copyBufferSize = 1 << 20

// Build writes the bundle b to w as a ZIP, signed with key. The output is
// deterministic: the same inputs give the same bytes (files sorted by path,
// times from b.Created, fixed compression per file type, no extra fields;
// Ed25519 signatures are deterministic too). Errors in b wrap
// ErrInvalidBundle (and ErrUnsafePath for a bad file path) and are found
// before anything is written; a file that fails to read leaves a partial
// archive in w, so callers write to a temporary file and rename it.
func Build(w io.Writer, b Bundle, key signing.SecretKey) error {
	if key.IsZero() {
		return ErrNoKey
	}
	m, files, err := prepare(b, key)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	buf := make([]byte, copyBufferSize)
	for _, f := range files {
		entry, err := writeFile(zw, f, b.Created, buf)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, entry)
	}
	manifest, err := m.encode()
	if err != nil {
		return err
	}
	if err := writeBytes(zw, ManifestName, manifest, b.Created); err != nil {
		return err
	}
	sig := signing.Sign(key, manifest, m.trustedComment())
	if err := writeBytes(zw, SignatureName, sig, b.Created); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("bundle: finishing the archive: %w", err)
	}
	return nil
}

// prepare checks b and returns the manifest without its files, and the
// files sorted by path.
func prepare(b Bundle, key signing.SecretKey) (manifest, []File, error) {
	if b.Created.IsZero() {
		return manifest{}, nil, fmt.Errorf("%w: no creation time", ErrInvalidBundle)
	}
	m := manifest{
		Format:        FormatName,
		FormatVersion: FormatVersion,
		Kind:          b.Kind,
		Agency:        Agency{Name: textnorm.NFC(strings.TrimSpace(b.Agency.Name)), Code: textnorm.NFC(strings.TrimSpace(b.Agency.Code))},
		Period:        manifestPeriod{From: b.Period.From.Format(dateLayout), To: b.Period.To.Format(dateLayout)},
		Created:       b.Created.Format(time.RFC3339),
		AppVersion:    textnorm.NFC(b.AppVersion),
		AuditHead:     AuditHead{Seq: b.AuditHead.Seq, Hash: strings.ToLower(b.AuditHead.Hash)},
		Signer:        Signer{Name: textnorm.NFC(strings.TrimSpace(b.SignerName)), KeyID: key.KeyID()},
		Files:         []FileEntry{},
	}
	if p := m.headerProblem(); p != "" {
		return manifest{}, nil, fmt.Errorf("%w: %s", ErrInvalidBundle, p)
	}
	files := make([]File, len(b.Files))
	for i, f := range b.Files {
		f.Path = textnorm.NFC(f.Path)
		if f.Open == nil {
			return manifest{}, nil, fmt.Errorf("%w: %q has no content", ErrInvalidBundle, f.Path)
		}
		files[i] = f
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	names := newNameSet()
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return manifest{}, nil, fmt.Errorf("%w: %w", ErrInvalidBundle, err)
		}
		if f.Path == ManifestName || f.Path == SignatureName {
			return manifest{}, nil, fmt.Errorf("%w: %q is reserved", ErrInvalidBundle, f.Path)
		}
		if err := names.add(f.Path); err != nil {
			return manifest{}, nil, fmt.Errorf("%w: %w", ErrInvalidBundle, err)
		}
	}
	return m, files, nil
}

// header is the fixed ZIP header of an entry: MS-DOS time from created
// (so no extended-time extra field), mode 0644, compression by file type.
func header(name string, created time.Time) *zip.FileHeader {
	h := &zip.FileHeader{Name: name, Method: compressionFor(name)}
	h.ModifiedDate, h.ModifiedTime = dosDateTime(created)
	h.SetMode(0o644)
	return h
}

// compressionFor returns Deflate for text that compresses well and Store
// for everything else (PDF, images, office files, archives, evidence in
// general), which is usually compressed already: storing it keeps building
// and verifying at disk speed.
func compressionFor(name string) uint16 {
	switch strings.ToLower(path.Ext(name)) {
	case ".json", ".csv", ".tsv", ".txt", ".xml", ".html", ".htm", ".md", ".log", ".svg":
		return zip.Deflate
	}
	return zip.Store
}

// dosDateTime encodes t (its wall clock) in MS-DOS form; years before 1980
// are clamped to 1980.
func dosDateTime(t time.Time) (date, clock uint16) {
	year := max(t.Year(), 1980)
	date = uint16(year-1980)<<9 | uint16(t.Month())<<5 | uint16(t.Day())
	clock = uint16(t.Hour())<<11 | uint16(t.Minute())<<5 | uint16(t.Second()/2)
	return date, clock
}

// writeFile streams one file into the archive through SHA-256.
func writeFile(zw *zip.Writer, f File, created time.Time, buf []byte) (FileEntry, error) {
	rc, err := f.Open()
	if err != nil {
		return FileEntry{}, fmt.Errorf("bundle: opening %s: %w", f.Path, err)
	}
	defer rc.Close()
	w, err := zw.CreateHeader(header(f.Path, created))
	if err != nil {
		return FileEntry{}, fmt.Errorf("bundle: adding %s: %w", f.Path, err)
	}
	h := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(w, h), rc, buf)
	if err != nil {
		return FileEntry{}, fmt.Errorf("bundle: writing %s: %w", f.Path, err)
	}
	return FileEntry{Path: f.Path, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func writeBytes(zw *zip.Writer, name string, data []byte, created time.Time) error {
	w, err := zw.CreateHeader(header(name, created))
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("bundle: writing %s: %w", name, err)
	}
	return nil
}
