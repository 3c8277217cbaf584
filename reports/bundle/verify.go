package bundle

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"daumoi/data/textnorm"
	"daumoi/reports/signing"
)

// Limits bound what Verify accepts, against ZIP bombs.
type Limits struct {
	// MaxEntries is the most entries an archive may have.
	MaxEntries int
	// MaxTotalSize is the most bytes all entries may hold uncompressed.
	MaxTotalSize int64
	// MaxRatio is the highest uncompressed/compressed ratio allowed for an
	// entry larger than RatioFloor once uncompressed.
	MaxRatio int64
	// RatioFloor exempts small entries from MaxRatio.
	RatioFloor int64
	// MaxManifestSize bounds manifest.json, which is read into memory.
	MaxManifestSize int64
}

// DefaultLimits are generous for real bundles (thousands of files, GiBs of
// evidence) and stop ZIP bombs.
func DefaultLimits() Limits {
	return Limits{
		MaxEntries:      10_000,
		MaxTotalSize:    4 << 30,
		MaxRatio:        200,
		RatioFloor:      1 << 20,
		MaxManifestSize: 8 << 20,
	}
}

// maxSignatureSize bounds manifest.json.minisig.
const maxSignatureSize = 4096

// Result is what a verified bundle says, once everything checked out.
type Result struct {
	Kind       string
	Agency     Agency
	Period     Period
	Created    time.Time
	AppVersion string
	AuditHead  AuditHead
	// ManifestSHA256 is the SHA-256 of the signed manifest.json (hex).
	ManifestSHA256 string
	// Signer is the signer's name and key id as the manifest states them.
	Signer Signer
	// TrustedAs is the name the verifier registered the key under.
	TrustedAs string
	Files     []FileEntry
}

// Verify checks the bundle in r (size bytes) against trust, with the
// default limits. See VerifyWithLimits.
func Verify(r io.ReaderAt, size int64, trust Trust) (Result, error) {
	return VerifyWithLimits(r, size, trust, DefaultLimits())
}

// VerifyWithLimits checks, in this order, each failure with its sentinel:
// the archive is a readable ZIP (ErrNotZip, ErrTruncated); it is within
// the limits (ErrTooLarge); every entry name is safe (ErrUnsafePath); the
// manifest is there (ErrNoManifest) and signed by a trusted key
// (ErrUnknownSigner, ErrBadSignature); it follows the schema
// (ErrBadManifest, ErrUnsupportedVersion); every listed file is present
// with its size and SHA-256 (ErrMissingFile, ErrHashMismatch); nothing else
// is in the archive (ErrExtraFile). The order of entries in the archive
// does not matter. It reads only from r and writes nothing.
func VerifyWithLimits(r io.ReaderAt, size int64, trust Trust, lim Limits) (Result, error) {
	zr, err := openZip(r, size)
	if err != nil {
		return Result{}, err
	}
	if err := checkLimits(zr.File, lim); err != nil {
		return Result{}, err
	}
	entries, err := checkNames(zr.File)
	if err != nil {
		return Result{}, err
	}
	manifest, trusted, err := checkSignature(entries, trust, lim)
	if err != nil {
		return Result{}, err
	}
	m, err := parseManifest(manifest)
	if err != nil {
		return Result{}, err
	}
	if err := checkSignedFacts(m, trusted); err != nil {
		return Result{}, err
	}
	if err := checkFiles(m.Files, entries); err != nil {
		return Result{}, err
	}
	res := result(m, trusted.key.Name)
	sum := sha256.Sum256(manifest)
	res.ManifestSHA256 = hex.EncodeToString(sum[:])
	return res, nil
}

// openZip reads the central directory.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	zr, err := zip.NewReader(r, size)
	if err == nil || errors.Is(err, zip.ErrInsecurePath) {
		return zr, nil // insecure names are judged by checkNames
	}
	var head [4]byte
	n, _ := r.ReadAt(head[:], 0)
	if errors.Is(err, io.ErrUnexpectedEOF) || (n == 4 && string(head[:]) == "PK\x03\x04") {
		return nil, fmt.Errorf("%w: %v", ErrTruncated, err)
	}
	return nil, fmt.Errorf("%w: %v", ErrNotZip, err)
}

// checkLimits judges the sizes the central directory declares; reading an
// entry later fails if its data exceed them.
func checkLimits(files []*zip.File, lim Limits) error {
	if len(files) > lim.MaxEntries {
		return fmt.Errorf("%w: %d entries (limit %d)", ErrTooLarge, len(files), lim.MaxEntries)
	}
	var total uint64
	for _, f := range files {
		total += f.UncompressedSize64
		if total > uint64(lim.MaxTotalSize) {
			return fmt.Errorf("%w: more than %d bytes uncompressed", ErrTooLarge, lim.MaxTotalSize)
		}
		if f.UncompressedSize64 > uint64(lim.RatioFloor) && f.UncompressedSize64/max(f.CompressedSize64, 1) > uint64(lim.MaxRatio) {
			return fmt.Errorf("%w: %q compressed %d:1", ErrTooLarge, f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1))
		}
	}
	return nil
}

// checkNames refuses unsafe or clashing names and entries that are not
// plain stored or deflated files, and indexes the entries by name.
func checkNames(files []*zip.File) (map[string]*zip.File, error) {
	names, special := newNameSet(), map[string]bool{}
	entries := make(map[string]*zip.File, len(files))
	for _, f := range files {
		if err := checkPath(f.Name); err != nil {
			return nil, err
		}
		if !f.Mode().IsRegular() {
			return nil, fmt.Errorf("%w: %q: not a regular file (%v)", ErrUnsafePath, f.Name, f.Mode().Type())
		}
		if err := names.addEntry(f.Name, special); err != nil {
			return nil, err
		}
		if f.Method != zip.Store && f.Method != zip.Deflate || f.Flags&0x1 != 0 {
			return nil, fmt.Errorf("%w: %q: unsupported compression or encryption", ErrNotZip, f.Name)
		}
		entries[f.Name] = f
	}
	return entries, nil
}

// trustedSignature is a verified signature with the key that made it.
type trustedSignature struct {
	sig signing.Signature
	key TrustedKey
}

// checkSignature reads the manifest and its signature and verifies them
// with a trusted key.
func checkSignature(entries map[string]*zip.File, trust Trust, lim Limits) ([]byte, trustedSignature, error) {
	mf, sf := entries[ManifestName], entries[SignatureName]
	if mf == nil || sf == nil {
		return nil, trustedSignature{}, ErrNoManifest
	}
	sig, err := readSmall(sf, maxSignatureSize)
	if err != nil {
		return nil, trustedSignature{}, err
	}
	parsed, err := signing.ParseSignature(sig)
	if err != nil {
		return nil, trustedSignature{}, fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	candidates := trust.candidates(parsed.ID)
	if len(candidates) == 0 {
		return nil, trustedSignature{}, fmt.Errorf("%w: key %s", ErrUnknownSigner, parsed.KeyID)
	}
	manifest, err := readSmall(mf, lim.MaxManifestSize)
	if err != nil {
		return nil, trustedSignature{}, err
	}
	for _, k := range candidates {
		if s, err := signing.Verify(k.Key, manifest, sig); err == nil {
			return manifest, trustedSignature{sig: s, key: k}, nil
		}
	}
	return nil, trustedSignature{}, fmt.Errorf("%w: key %s", ErrBadSignature, parsed.KeyID)
}

// readSmall reads an entry that must fit in limit bytes; a damaged entry
// cannot carry a valid signature.
func readSmall(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, fmt.Errorf("%w: %s larger than %d bytes", ErrTooLarge, f.Name, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadSignature, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadSignature, f.Name, err)
	}
	return data, nil
}

// checkSignedFacts ties the manifest to the signature: same key id, same
// summary in the signed trusted comment.
func checkSignedFacts(m manifest, t trustedSignature) error {
	if m.Signer.KeyID != t.key.Key.KeyID() {
		return fmt.Errorf("%w: signer key id %s, signed by %s", ErrBadManifest, m.Signer.KeyID, t.key.Key.KeyID())
	}
	if t.sig.TrustedComment != m.trustedComment() {
		return fmt.Errorf("%w: the signed comment does not match the manifest", ErrBadManifest)
	}
	return nil
}

// checkFiles streams every listed file through SHA-256, then looks for
// entries the manifest does not list.
func checkFiles(files []FileEntry, entries map[string]*zip.File) error {
	buf := make([]byte, bufferSize(files))
	listed := make(map[string]bool, len(files))
	for _, want := range files {
		listed[want.Path] = true
		f := entries[want.Path]
		if f == nil {
			return fmt.Errorf("%w: %q", ErrMissingFile, want.Path)
		}
		if err := checkFile(f, want, buf); err != nil {
			return err
		}
	}
	for name := range entries {
		if !listed[name] && name != ManifestName && name != SignatureName {
			return fmt.Errorf("%w: %q", ErrExtraFile, name)
		}
	}
	return nil
}

func checkFile(f *zip.File, want FileEntry, buf []byte) error {
	if f.UncompressedSize64 != uint64(want.Size) {
		return fmt.Errorf("%w: %q is %d bytes, manifest says %d", ErrHashMismatch, want.Path, f.UncompressedSize64, want.Size)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%w: %q: %v", ErrHashMismatch, want.Path, err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, io.LimitReader(rc, want.Size+1), buf)
	if err != nil {
		return fmt.Errorf("%w: %q: %v", ErrHashMismatch, want.Path, err)
	}
	if n != want.Size {
		return fmt.Errorf("%w: %q is %d bytes, manifest says %d", ErrHashMismatch, want.Path, n, want.Size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != want.SHA256 {
		return fmt.Errorf("%w: %q", ErrHashMismatch, want.Path)
	}
	return nil
}

func result(m manifest, trustedAs string) Result {
	from, _ := time.Parse(dateLayout, m.Period.From)
	to, _ := time.Parse(dateLayout, m.Period.To)
	created, _ := time.Parse(time.RFC3339, m.Created)
	return Result{
		Kind:       m.Kind,
		Agency:     Agency{Name: textnorm.NFC(m.Agency.Name), Code: textnorm.NFC(m.Agency.Code)},
		Period:     Period{From: from, To: to},
		Created:    created,
		AppVersion: textnorm.NFC(m.AppVersion),
		AuditHead:  m.AuditHead,
		Signer:     Signer{Name: textnorm.NFC(m.Signer.Name), KeyID: m.Signer.KeyID},
		TrustedAs:  trustedAs,
		Files:      m.Files,
	}
}

// bufferSize fits the copy buffer to the largest file, between 4 KiB and
// copyBufferSize, so small bundles do not pay for a large buffer.
func bufferSize(files []FileEntry) int64 {
	var largest int64
	for _, f := range files {
		largest = max(largest, f.Size)
	}
	return min(max(largest+1, 4096), copyBufferSize)
}
