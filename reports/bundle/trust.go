package bundle

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"daumoi/reports/signing"
)

// maxPubFile bounds a trusted .pub file.
const maxPubFile = 4096

// TrustedKey is a public key the verifier trusts, with the name it is
// registered under (for a trust directory, the file name without .pub).
type TrustedKey struct {
	Name string
	Key  signing.PublicKey
}

// Trust is the set of public keys whose signatures Verify accepts: one
// key, or the receiving office's registry of agencies' keys.
type Trust struct {
	keys []TrustedKey
}

// TrustKey trusts exactly one key.
func TrustKey(name string, key signing.PublicKey) Trust {
	return Trust{keys: []TrustedKey{{Name: name, Key: key}}}
}

// LoadTrustDir trusts every *.pub file (minisign public key) in dir; other
// files are ignored. A malformed .pub file fails the whole load (wrapping
// signing.ErrMalformedKey) so that a damaged registry is noticed; a folder
// without keys fails with ErrNoTrustedKeys.
func LoadTrustDir(dir string) (Trust, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Trust{}, fmt.Errorf("bundle: reading the trust folder: %w", err)
	}
	var t Trust
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".pub") {
			continue
		}
		key, err := readPubFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return Trust{}, err
		}
		t.keys = append(t.keys, TrustedKey{Name: strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())), Key: key})
	}
	if len(t.keys) == 0 {
		return Trust{}, fmt.Errorf("%w in %s", ErrNoTrustedKeys, dir)
	}
	sort.Slice(t.keys, func(i, j int) bool { return t.keys[i].Name < t.keys[j].Name })
	return t, nil
}

// ReadPublicKeyFile reads one minisign .pub file.
func ReadPublicKeyFile(name string) (signing.PublicKey, error) {
	return readPubFile(name)
}

func readPubFile(name string) (signing.PublicKey, error) {
	f, err := os.Open(name)
	if err != nil {
		return signing.PublicKey{}, fmt.Errorf("bundle: reading a public key: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPubFile+1))
	if err != nil {
		return signing.PublicKey{}, fmt.Errorf("bundle: reading a public key: %w", err)
	}
	key, err := signing.ParsePublicKey(data)
	if err != nil {
		return signing.PublicKey{}, fmt.Errorf("%s: %w", name, err)
	}
	return key, nil
}

// Keys lists the trusted keys.
func (t Trust) Keys() []TrustedKey { return append([]TrustedKey(nil), t.keys...) }

// candidates returns the trusted keys with the given id.
func (t Trust) candidates(id uint64) []TrustedKey {
	var out []TrustedKey
	for _, k := range t.keys {
		if k.Key.ID() == id {
			out = append(out, k)
		}
	}
	return out
}

// TrustKeys trusts every key of keys under its name (the receiving
// office's registry: the name is the agency the key is registered for).
func TrustKeys(keys []TrustedKey) Trust {
	return Trust{keys: append([]TrustedKey(nil), keys...)}
}
