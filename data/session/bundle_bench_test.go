package session_test

import (
	"testing"

	"daumoi/data/demo"
	"daumoi/data/session"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// BenchmarkBundleDemo builds the signed annual bundle of the demo vault
// (target: < 3 s). It includes opening the manager's sealed secret key
// (Argon2id with the vault's default cost, most of the time);
// BenchmarkOpenSigningKey measures that part alone.
func BenchmarkBundleDemo(b *testing.B) {
	dir := demoVault(b)
	s := openAs(b, dir, demo.ManagerUser)
	// The signing key with its real cost (demoVault sets the fast test KDF).
	b.Setenv(vault.InsecureFastKDFEnv, "")
	if _, err := s.CreateSigningKey([]byte("chỉ lãnh đạo biết 2026")); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026, AppVersion: "bench"}, []byte("chỉ lãnh đạo biết 2026"), &session.MemOutput{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenSigningKey opens a secret key sealed as the vault stores it
// (Argon2id with the vault's default cost): the fixed cost inside every
// bundle.
func BenchmarkOpenSigningKey(b *testing.B) {
	_, sec, err := signing.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	p := vault.DefaultKDF()
	sealed, err := signing.SealSecretKey(sec, []byte("mật khẩu ký"), signing.KDF{Time: p.Time, MemoryKiB: p.MemoryKiB, Threads: p.Threads})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := signing.OpenSecretKey(sealed, []byte("mật khẩu ký")); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenMinisignKey decrypts a key in minisign's own encrypted
// format (scrypt, 1 GiB), as key files for other tools are written: the
// cost the sealed form avoids.
func BenchmarkOpenMinisignKey(b *testing.B) {
	_, sec, err := signing.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	encrypted, err := signing.EncryptSecretKey(sec, []byte("mật khẩu ký"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := signing.DecryptSecretKey(encrypted, []byte("mật khẩu ký")); err != nil {
			b.Fatal(err)
		}
	}
}
