package bundle

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// LoadTrustFile trusts the one key in a minisign .pub file, under the
// file's name without its extension.
func LoadTrustFile(path string) (Trust, error) {
	key, err := ReadPublicKeyFile(path)
	if err != nil {
		return Trust{}, err
	}
	base := filepath.Base(path)
	return TrustKey(strings.TrimSuffix(base, filepath.Ext(base)), key), nil
}

// VerifyFile verifies the bundle in the regular file at path. It reads the
// file in place and writes nothing.
func VerifyFile(path string, trust Trust) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Result{}, err
	}
	if !info.Mode().IsRegular() {
		return Result{}, &os.PathError{Op: "open", Path: path, Err: os.ErrInvalid}
	}
	res, err := Verify(f, info.Size(), trust)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return res, nil
}
