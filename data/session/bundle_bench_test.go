package session_test

import (
	"io"
	"testing"

	"daumoi/data/demo"
	"daumoi/data/session"
	"daumoi/reports/signing"
)

// BenchmarkBundleDemo builds the signed annual bundle of the demo vault
// (target: < 3 s). It includes opening the manager's secret key, which is
// minisign's scrypt and takes most of the time: BenchmarkOpenSigningKey
// measures that part alone.
func BenchmarkBundleDemo(b *testing.B) {
	dir := demoVault(b)
	s := openAs(b, dir, demo.ManagerUser)
	if _, err := s.CreateSigningKey([]byte("chỉ lãnh đạo biết 2026")); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.BuildBundle(session.BundleRequest{Kind: "annual", Year: 2026, AppVersion: "bench"}, []byte("chỉ lãnh đạo biết 2026"), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenSigningKey decrypts a minisign secret key (scrypt, as
// minisign encrypts it): the fixed cost inside every bundle.
func BenchmarkOpenSigningKey(b *testing.B) {
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
