// Package bundle builds and verifies signed report bundles: a ZIP holding
// the reports, their machine-readable data, chosen evidence, a manifest
// listing every file's size and SHA-256, and the manager's minisign
// signature of that manifest. FORMAT.md describes the format; a receiving
// office can check a bundle with this package or with the standard minisign
// and sha256sum tools.
//
// Verify never writes to disk: it streams each entry through SHA-256 under
// size limits, so hostile archives (ZIP bombs, path traversal) fail with a
// sentinel error before anything is trusted.
package bundle

import (
	"bytes"
	"errors"
	"io"
	"os"
	"time"
)

// Sentinel errors of Build.
var (
	// ErrInvalidBundle means the bundle to build is incomplete or
	// inconsistent (unsafe or duplicate path, missing agency, bad kind…).
	ErrInvalidBundle = errors.New("bundle: invalid bundle contents")
	// ErrNoKey means Build was given no signing key.
	ErrNoKey = errors.New("bundle: no signing key")
)

// Sentinel errors of Verify, in the order it checks.
var (
	// ErrNotZip means the file is not a ZIP archive.
	ErrNotZip = errors.New("bundle: not a ZIP archive")
	// ErrTruncated means the file starts like a ZIP archive but is cut
	// short.
	ErrTruncated = errors.New("bundle: ZIP archive is truncated")
	// ErrTooLarge means the archive exceeds the limits: too many entries,
	// too much data once uncompressed, or a suspicious compression ratio
	// (a ZIP bomb).
	ErrTooLarge = errors.New("bundle: archive exceeds the size limits")
	// ErrUnsafePath means an entry name could escape a folder or clash on
	// extraction: "..", an absolute path, a backslash, a duplicate name,
	// invalid UTF-8, a directory or link entry.
	ErrUnsafePath = errors.New("bundle: unsafe entry name")
	// ErrNoManifest means manifest.json or manifest.json.minisig is
	// missing: the archive is not a signed bundle.
	ErrNoManifest = errors.New("bundle: manifest.json or its signature is missing")
	// ErrUnknownSigner means the signature names a key that is not
	// trusted.
	ErrUnknownSigner = errors.New("bundle: signed by a key that is not trusted")
	// ErrBadSignature means the signature does not match the manifest
	// and the trusted key, or cannot be read.
	ErrBadSignature = errors.New("bundle: signature does not match the manifest")
	// ErrUnsupportedVersion means the manifest has a newer format version
	// than this program understands.
	ErrUnsupportedVersion = errors.New("bundle: manifest format version not supported")
	// ErrBadManifest means the signed manifest does not follow the schema.
	ErrBadManifest = errors.New("bundle: malformed manifest")
	// ErrMissingFile means a file listed in the manifest is not in the
	// archive.
	ErrMissingFile = errors.New("bundle: file listed in the manifest is missing")
	// ErrHashMismatch means a file's size or SHA-256 differs from the
	// manifest, or its data is damaged.
	ErrHashMismatch = errors.New("bundle: file does not match the manifest")
	// ErrExtraFile means the archive holds a file the manifest does not
	// list.
	ErrExtraFile = errors.New("bundle: file not listed in the manifest")
	// ErrNoTrustedKeys means the trust directory holds no public key.
	ErrNoTrustedKeys = errors.New("bundle: no trusted public keys")
)

// Names of the two entries every bundle has besides its files.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.minisig"
)

// Agency identifies the reporting agency.
type Agency struct {
	Name string `json:"name"`
	Code string `json:"code"`
}

// Period is the reporting period, whole days in the agency's calendar.
type Period struct {
	From time.Time
	To   time.Time
}

// AuditHead is the head of the vault's audit chain when the bundle was
// built.
type AuditHead struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// File is one file to put in a bundle. Open is called once, during Build.
type File struct {
	Path string
	Open func() (io.ReadCloser, error)
}

// BytesFile is a File with its content in memory.
func BytesFile(path string, data []byte) File {
	return File{Path: path, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
}

// DiskFile is a File read from name on disk when the bundle is built.
func DiskFile(path, name string) File {
	return File{Path: path, Open: func() (io.ReadCloser, error) { return os.Open(name) }}
}

// Bundle is everything Build needs besides the key.
type Bundle struct {
	// Kind is the report kind: "annual", "incident", "plan"… (lower-case
	// letters, digits and hyphens).
	Kind       string
	Agency     Agency
	Period     Period
	Created    time.Time // from the caller; also the files' ZIP times
	AppVersion string
	AuditHead  AuditHead
	SignerName string
	// Files are the bundle's files under folders such as report/, data/,
	// oscal/, evidence/. Their order does not matter.
	Files []File
}

// FileEntry is one file as the manifest lists it.
type FileEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Signer is who signed, as the manifest states it.
type Signer struct {
	Name  string `json:"name"`
	KeyID string `json:"key_id"`
}
