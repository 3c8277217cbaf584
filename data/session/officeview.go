package session

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"

	"daumoi/data/blob"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
)

// ErrNotInBundle means a received bundle has no file with that path.
var ErrNotInBundle = errors.New("session: the bundle has no such file")

// ErrBundleFileTooLarge means a file of a received bundle is larger than
// the viewer reads into memory.
var ErrBundleFileTooLarge = errors.New("session: the file is too large to show")

// BundleView is a received bundle opened read-only at the office: its
// record, the files its manifest lists, and their contents read on demand
// from the encrypted blob into memory — never unpacked to disk.
type BundleView struct {
	Bundle ReceivedBundle
	// Verified is the bundle checked again against its agency's key when
	// opened: signature, manifest and every file's hash.
	Verified bundle.Result
	r        *blob.ReaderAt
	entries  map[string]*zip.File
}

// OpenBundleView opens received bundle id for reading. The blob is first
// checked whole against the vault's record, then the bundle verified again
// with the key that signed it; the caller must Close the view.
func (s *Session) OpenBundleView(id int64) (*BundleView, error) {
	var b ReceivedBundle
	var trust bundle.Trust
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if b, err = getReceived(tx, id); err != nil {
			return err
		}
		trust, err = signerTrust(tx, b)
		return err
	})
	if err != nil {
		return nil, err
	}
	r, err := s.v.OpenBlobAt(b.BlobID)
	if err != nil {
		return nil, err
	}
	v, err := newBundleView(b, r, trust)
	if err != nil {
		return nil, errors.Join(err, r.Close())
	}
	return v, nil
}

// signerTrust trusts the registered key that signed b.
func signerTrust(q rowQuerier, b ReceivedBundle) (bundle.Trust, error) {
	keys, err := agencyKeys(q, b.AgencyCode)
	if err != nil {
		return bundle.Trust{}, err
	}
	for _, k := range keys {
		if strings.EqualFold(k.KeyID, b.KeyID) {
			return bundle.TrustKey(b.AgencyCode, k.PublicKey), nil
		}
	}
	return bundle.Trust{}, fmt.Errorf("%w: %s", bundle.ErrUnknownSigner, b.KeyID)
}

// newBundleView verifies the bundle in r and indexes its entries.
func newBundleView(b ReceivedBundle, r *blob.ReaderAt, trust bundle.Trust) (*BundleView, error) {
	res, err := bundle.VerifyWithLimits(r, r.Size(), trust, bundle.DefaultLimits())
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(r, r.Size())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", bundle.ErrNotZip, err)
	}
	v := &BundleView{Bundle: b, Verified: res, r: r, entries: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		v.entries[f.Name] = f
	}
	return v, nil
}

// Files lists the bundle's files as its manifest does.
func (v *BundleView) Files() []bundle.FileEntry {
	return append([]bundle.FileEntry(nil), v.Verified.Files...)
}

// FilesUnder lists the files whose path starts with prefix ("report/",
// "data/", "evidence/").
func (v *BundleView) FilesUnder(prefix string) []bundle.FileEntry {
	var out []bundle.FileEntry
	for _, f := range v.Verified.Files {
		if strings.HasPrefix(f.Path, prefix) {
			out = append(out, f)
		}
	}
	return out
}

// ReadFile returns the content of the listed file path, read into memory
// (ErrNotInBundle, ErrBundleFileTooLarge beyond max bytes).
func (v *BundleView) ReadFile(path string, max int64) ([]byte, error) {
	var want *bundle.FileEntry
	for i := range v.Verified.Files {
		if v.Verified.Files[i].Path == path {
			want = &v.Verified.Files[i]
		}
	}
	f := v.entries[path]
	if want == nil || f == nil {
		return nil, fmt.Errorf("%w: %s", ErrNotInBundle, path)
	}
	if want.Size > max {
		return nil, fmt.Errorf("%w: %s (%d byte)", ErrBundleFileTooLarge, path, want.Size)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, max))
}

// Close releases the bundle's blob.
func (v *BundleView) Close() error { return v.r.Close() }
