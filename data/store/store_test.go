package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
)

// released holds, per released migration, the SHA-256 of its name and
// statements (migrationHash). A released migration never changes (vaults
// already carry it): an edit, here or in what it once took from another
// package, fails this test. Changes come as new migrations, whose hash is
// added here when they are released.
var released = map[int]string{
	1:  "f14453d677b3859bac35bdf34071af94b1f89e304e47396557797f590665573f",
	2:  "1a2ceaebe72c78a54303300407c8281e39c44aae07491bfa8373e0a343d7e56c",
	3:  "872a0b3314f4e6aebf5338476dca75da9e3d66c2e0575d3013ec94cc09dab92e",
	4:  "b9ced6a0a82bf6aa87b95e41eaf17cc4f67140f5bac383f46bbf37e31e433d0b",
	5:  "179e9429f67b54702559b788395c091a1a5c5c97a73ab86fac9854e87b0f0f2c",
	6:  "9e24c03ddc8e73baf2099d03f75b27f59900d60b6f1d8f40f3f2746d6be1d2bd",
	7:  "6be638e37459aa4e2a9cf608e30c899524b7a5f316326c6e9dfba0c84208816f",
	8:  "93f01735d5040721391aedd6c5f6314a6e78f1ee45c3d255ffc71da95da1f5c4",
	9:  "67e246890de512a5c3de7ea6678ee7089c8b12226b22fec9e1628dd1a8807012",
	10: "ea5e8f8bad4a0a1ac6395f327324dc3ce1430863e29ca5ce404666d2560a4846",
	11: "edbade26c785e532096bf255d06be6375b5af442e8d31c0bb5b21454faeba7c0",
	12: "23737a34129bee02ece631a2f8eb5c3ec56da8b0b1808c32e9391f0a4ad14fa1",
}

// migrationHash hashes a migration's name and statements, each ended by a
// zero byte.
func migrationHash(name string, sql []string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", name)
	for _, q := range sql {
		fmt.Fprintf(h, "%s\x00", q)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestReleasedMigrationsNeverChange(t *testing.T) {
	seen := map[int]bool{}
	for _, m := range Migrations() {
		seen[m.Version] = true
		want, ok := released[m.Version]
		if !ok {
			t.Logf("migration %d (%q) is not released yet: add %q to released when it is", m.Version, m.Name, migrationHash(m.Name, m.SQL))
			continue
		}
		if got := migrationHash(m.Name, m.SQL); got != want {
			t.Errorf("released migration %d (%q) changed: hash %s, want %s; add a new migration instead", m.Version, m.Name, got, want)
		}
	}
	for v := range released {
		if !seen[v] {
			t.Errorf("released migration %d is gone", v)
		}
	}
}
