package smoke

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestReleaseBinaryIgnoresFastKDF builds the binary users run (no build
// tags) and creates a vault with DAUMOI_INSECURE_FAST_KDF=1: every KDF
// parameter set in the header must be the default cost. It fails if the
// shipped program honours the test-only variable.
func TestReleaseBinaryIgnoresFastKDF(t *testing.T) {
	bin := buildBinary(t, moduleRoot(t))
	dir := filepath.Join(t.TempDir(), "v")
	cmd := exec.Command(bin, "init", "--vault", dir, "--org", "Sở thử nghiệm", "--user", "huong",
		"--recovery-key-out", filepath.Join(t.TempDir(), "rk.txt"))
	cmd.Env = append(os.Environ(), "DAUMOI_INSECURE_FAST_KDF=1",
		"DAUMOI_PASSPHRASE=mật khẩu thử nghiệm 2026", "HOME="+t.TempDir(), "DAUMOI_VAULT=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("daumoi init: %v\n%s", err, out)
	}
	kdfs := headerKDFs(t, filepath.Join(dir, "vault.header"))
	if len(kdfs) == 0 {
		t.Fatal("no passphrase slot with KDF parameters in the header")
	}
	// The default of data/vault.DefaultKDF, spelled out: this test must not
	// pass because both sides changed.
	want := kdf{Time: 10, MemoryKiB: 128 * 1024, Threads: 2}
	for _, got := range kdfs {
		if got != want {
			t.Errorf("slot KDF %+v, want the default %+v: the release binary honoured DAUMOI_INSECURE_FAST_KDF", got, want)
		}
	}
}

// kdf is a slot's Argon2id parameters as stored in the header.
type kdf struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// headerKDFs returns every "kdf" object in the header's JSON body (after the
// 8-byte magic and the big-endian u32 body length), wherever it is nested.
func headerKDFs(t *testing.T, path string) []kdf {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 12 {
		t.Fatalf("header of %d bytes", len(b))
	}
	n := binary.BigEndian.Uint32(b[8:12])
	if uint64(n) > uint64(len(b)-12) {
		t.Fatalf("header body length %d beyond the file (%d bytes)", n, len(b))
	}
	var body any
	if err := json.Unmarshal(b[12:12+n], &body); err != nil {
		t.Fatalf("header body: %v", err)
	}
	var out []kdf
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "kdf" && x != nil {
					raw, _ := json.Marshal(x)
					var p kdf
					if err := json.Unmarshal(raw, &p); err != nil {
						t.Fatalf("kdf %s: %v", raw, err)
					}
					out = append(out, p)
					continue
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(body)
	return out
}
