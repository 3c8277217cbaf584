package vault

import (
	"fmt"
	"os"
	"testing"

	"golang.org/x/crypto/argon2"
)

// KDFParams are the Argon2id parameters of a passphrase slot. They are
// stored in the slot, so they can change per slot without breaking old ones.
type KDFParams struct {
	Time      uint32 `json:"time"`       // number of passes
	MemoryKiB uint32 `json:"memory_kib"` // memory in KiB
	Threads   uint8  `json:"threads"`    // parallelism
}

// DefaultKDF returns the default for new passphrase slots: about 0.5 s on
// the reference 2-core machine (see FORMAT.md for the measurement).
func DefaultKDF() KDFParams { return KDFParams{Time: 10, MemoryKiB: 128 * 1024, Threads: 2} }

// InsecureFastKDF returns a tiny cost for tests only: it protects nothing.
func InsecureFastKDF() KDFParams { return KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }

// InsecureFastKDFEnv, when set to "1" in a test build, makes new passphrase
// slots and signing keys created without explicit parameters use
// InsecureFastKDF. A test build is a test binary (testing.Testing, which
// includes the command-line scripts that re-run it as "daumoi") or a binary
// built with the build tag daumoi_insecure_fast_kdf (the real-window smoke
// test). The binary users run is neither and ignores the variable.
const InsecureFastKDFEnv = "DAUMOI_INSECURE_FAST_KDF"

// NewSlotKDF returns the cost for a new passphrase slot or signing key:
// DefaultKDF, or InsecureFastKDF when InsecureFastKDFEnv is "1" in a test
// build.
func NewSlotKDF() KDFParams {
	if fastKDFAllowed() && os.Getenv(InsecureFastKDFEnv) == "1" {
		return InsecureFastKDF()
	}
	return DefaultKDF()
}

// fastKDFAllowed reports whether this binary may honour InsecureFastKDFEnv.
func fastKDFAllowed() bool { return fastKDFTag || testing.Testing() }

// Accepted parameter ranges. The upper bounds stop a forged header from
// making the program allocate or compute without limit.
const (
	maxKDFTime      = 64
	maxKDFMemoryKiB = 4 << 20 // 4 GiB
	maxKDFThreads   = 16
)

// defaultKDFFor returns p if not nil, else the default for new slots.
func defaultKDFFor(p *KDFParams) KDFParams {
	if p != nil {
		return *p
	}
	return NewSlotKDF()
}

// validate checks p is in the accepted range.
func (p KDFParams) validate() error {
	if p.Time < 1 || p.Time > maxKDFTime || p.Threads < 1 || p.Threads > maxKDFThreads ||
		p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxKDFMemoryKiB {
		return fmt.Errorf("%w: time=%d memory=%dKiB threads=%d", ErrInvalidKDF, p.Time, p.MemoryKiB, p.Threads)
	}
	return nil
}

// derive runs Argon2id on pass and salt.
func (p KDFParams) derive(pass, salt []byte) []byte {
	return argon2.IDKey(pass, salt, p.Time, p.MemoryKiB, p.Threads, keySize)
}
