package bundle

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"daumoi/reports/signing"
)

// verifySentinels are the errors Verify may return.
var verifySentinels = []error{
	ErrNotZip, ErrTruncated, ErrTooLarge, ErrUnsafePath, ErrNoManifest, ErrUnknownSigner,
	ErrBadSignature, ErrUnsupportedVersion, ErrBadManifest, ErrMissingFile, ErrHashMismatch, ErrExtraFile,
}

// fuzzTrust trusts the key whose secret half signed the seed bundles in
// testdata (testdata/fuzz-valid.zip and testdata/fuzz/FuzzVerify); the
// secret key was thrown away after making them.
func fuzzTrust(t testing.TB) Trust {
	t.Helper()
	text, err := os.ReadFile("testdata/fuzz-key.pub")
	if err != nil {
		t.Fatal(err)
	}
	key, err := signing.ParsePublicKey(text)
	if err != nil {
		t.Fatal(err)
	}
	return TrustKey("fuzz", key)
}

// TestFuzzSeedVerifies keeps the fuzz seed meaningful: the stored bundle
// verifies, so mutations start from a valid bundle.
func TestFuzzSeedVerifies(t *testing.T) {
	data, err := os.ReadFile("testdata/fuzz-valid.zip")
	if err != nil {
		t.Fatal(err)
	}
	res, err := verifyBytes(data, fuzzTrust(t))
	if err != nil || len(res.Files) != 4 {
		t.Fatalf("seed bundle: %d files, %v", len(res.Files), err)
	}
}

// FuzzVerify feeds mutated bundles to Verify: it must never panic, fail
// only with its sentinels, and accept only archives whose every file
// matches the signed manifest.
func FuzzVerify(f *testing.F) {
	valid, err := os.ReadFile("testdata/fuzz-valid.zip")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	trust := fuzzTrust(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Verify(bytes.NewReader(data), int64(len(data)), trust)
		if err != nil {
			for _, s := range verifySentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error without a sentinel: %v", err)
		}
		if res.Kind == "" || res.Agency.Name == "" || res.Signer.KeyID == "" {
			t.Fatalf("accepted with an empty result: %+v", res)
		}
	})
}

// FuzzParseManifest checks the manifest parser: it never panics, fails
// only with its sentinels, and whatever it accepts also passes the JSON
// Schema in manifest.schema.json and survives a re-encoding unchanged.
func FuzzParseManifest(f *testing.F) {
	valid, err := os.ReadFile("testdata/fuzz-valid.zip")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(manifestOf(f, valid))
	f.Add([]byte(`{"format":"daumoi-bundle","format_version":2}`))
	f.Add([]byte(`{}`))
	schema := compileSchema(f, "manifest.schema.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseManifest(data)
		if err != nil {
			if !errors.Is(err, ErrBadManifest) && !errors.Is(err, ErrUnsupportedVersion) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			return
		}
		if err := validateAgainst(t, schema, data); err != nil {
			t.Fatalf("parser accepted what the schema refuses: %v", err)
		}
		again, err := m.encode()
		if err != nil {
			t.Fatal(err)
		}
		m2, err := parseManifest(again)
		if err != nil {
			t.Fatalf("re-encoded manifest refused: %v", err)
		}
		if again2, _ := m2.encode(); !bytes.Equal(again, again2) {
			t.Fatal("re-encoding is not stable")
		}
	})
}
