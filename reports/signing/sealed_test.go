package signing

import (
	"encoding/binary"
	"errors"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func fastKDF() KDF { return KDF{Time: 1, MemoryKiB: 64, Threads: 1} }

func TestSealedSecretKey(t *testing.T) {
	pub, sec, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	pass := []byte("khóa ký của lãnh đạo")
	sealed, err := SealSecretKey(sec, pass, fastKDF())
	if err != nil {
		t.Fatal(err)
	}
	if !IsSealed(sealed) {
		t.Fatal("not recognised as sealed")
	}
	// NFD and NFC passphrases open it alike.
	got, err := OpenSecretKey(sealed, []byte(norm.NFD.String(string(pass))))
	if err != nil {
		t.Fatal(err)
	}
	sig := Sign(got, []byte("manifest"), "trusted comment")
	if _, err := Verify(pub, []byte("manifest"), sig); err != nil {
		t.Fatalf("a signature by the opened key does not verify: %v", err)
	}
	if _, err := OpenSecretKey(sealed, []byte("sai mật khẩu")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase = %v", err)
	}
	for name, damaged := range map[string][]byte{
		"truncated":     sealed[:20],
		"huge memory":   withByte(sealed, 15, 0xff),
		"zero time":     withUint(sealed, 8, 0),
		"flipped data":  withByte(sealed, len(sealed)-1, sealed[len(sealed)-1]^1),
		"flipped salt":  withByte(sealed, 20, sealed[20]^1),
		"flipped param": withByte(sealed, 8, sealed[8]+1),
	} {
		_, err := OpenSecretKey(damaged, pass)
		if !errors.Is(err, ErrMalformedKey) && !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := SealSecretKey(sec, nil, fastKDF()); !errors.Is(err, ErrEmptyPassphrase) {
		t.Errorf("empty passphrase = %v", err)
	}
}

func withByte(b []byte, i int, v byte) []byte {
	c := append([]byte(nil), b...)
	c[i] = v
	return c
}

func withUint(b []byte, i int, v uint32) []byte {
	c := append([]byte(nil), b...)
	c[i], c[i+1], c[i+2], c[i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	return c
}

func FuzzOpenSecretKey(f *testing.F) {
	_, sec, err := GenerateKey()
	if err != nil {
		f.Fatal(err)
	}
	sealed, err := SealSecretKey(sec, []byte("pw"), fastKDF())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add([]byte(sealedMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		if IsSealed(b) && len(b) >= 17 {
			// Keep the fuzzer away from valid but expensive parameters.
			if binary.LittleEndian.Uint32(b[8:]) > 2 || binary.LittleEndian.Uint32(b[12:]) > 1024 || b[16] > 2 {
				return
			}
		}
		_, err := OpenSecretKey(b, []byte("pw"))
		if err != nil && !errors.Is(err, ErrMalformedKey) && !errors.Is(err, ErrWrongPassphrase) {
			t.Fatalf("unexpected error: %v", err)
		}
	})
}

// TestOpenSecretKeyReadsMinisignFormat: keys stored by earlier versions in
// minisign's encrypted format still open.
func TestOpenSecretKeyReadsMinisignFormat(t *testing.T) {
	_, sec, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	enc, err := EncryptSecretKey(sec, []byte("mật khẩu ký"))
	if err != nil {
		t.Fatal(err)
	}
	if IsSealed(enc) {
		t.Fatal("minisign format taken for sealed")
	}
	got, err := OpenSecretKey(enc, []byte("mật khẩu ký"))
	if err != nil || got.KeyID() != sec.KeyID() {
		t.Fatalf("OpenSecretKey(minisign) = %v, %v", got.KeyID(), err)
	}
}
