package vault

import (
	"daumoi/data/fsx/fsxtest"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// Schema and generators of benchmark fixtures: asset-like and history-like
// rows of realistic width, inserted by one recursive statement each so that
// a 100,000-row fixture takes a few large transactions.
const (
	benchSchemaAsset = `CREATE TABLE asset (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT, owner TEXT,
		location TEXT, criticality INTEGER, notes TEXT, updated TEXT)`
	benchSchemaHistory = `CREATE TABLE history (id INTEGER PRIMARY KEY, asset INTEGER, at TEXT, actor TEXT,
		action TEXT, summary TEXT, hash TEXT)`
	benchIndexHistory = `CREATE INDEX history_asset ON history(asset)`
	benchFillAsset    = `INSERT INTO asset (name, kind, owner, location, criticality, notes, updated)
		WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
		SELECT printf('Máy chủ ứng dụng số %d', n), 'server', printf('Phòng Công nghệ thông tin %d', n % 17),
		       printf('Tầng %d, trụ sở chính', n % 9), n % 4,
		       printf('Ghi chú về tài sản %d: hệ điều hành, dịch vụ, phiên bản, người phụ trách', n),
		       '2026-11-25T08:00:00Z' FROM s`
	benchFillHistory = `INSERT INTO history (asset, at, actor, action, summary, hash)
		WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
		SELECT n % 10000 + 1, printf('2026-11-%02dT08:00:00Z', n % 28 + 1), 'Nguyễn Văn An', 'update',
		       printf('Cập nhật tài sản %d: thay đổi người phụ trách và mức độ quan trọng', n),
		       printf('%064x', n) FROM s`
)

// buildBenchVault creates a vault with assets and history rows (in chunks of
// at most 50,000 rows per transaction), compacts it and returns it open with
// a secret slot for fast unlocking.
func buildBenchVault(b *testing.B, assets, history int) (*Vault, string, []byte) {
	b.Helper()
	dir := filepath.Join(fsxtest.TempDir(b), "vault")
	v, _, err := Create(dir, CreateOptions{User: testUser, Passphrase: []byte(testPass), KDF: fastKDF()})
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{benchSchemaAsset, benchSchemaHistory, benchIndexHistory} {
		mustExec(b, v, q)
	}
	fill := func(q string, total int) {
		for done := 0; done < total; done += 50000 {
			mustExec(b, v, q, min(50000, total-done))
		}
	}
	fill(benchFillAsset, assets)
	fill(benchFillHistory, history)
	if err := v.Compact(); err != nil {
		b.Fatal(err)
	}
	secret, err := v.AddSecretSlot("bench")
	if err != nil {
		b.Fatal(err)
	}
	return v, dir, secret
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / float64(time.Millisecond)
}

// BenchmarkCommitOneRow measures a durable one-row commit into a table of
// 1,000 and of 100,000 rows. The target is a median under 15 ms and a
// ratio of at most 2 between the two sizes (reported as median-ms).
func BenchmarkCommitOneRow(b *testing.B) {
	for _, rows := range []int{1000, 100000} {
		b.Run("rows="+strconv.Itoa(rows), func(b *testing.B) {
			v, _, _ := buildBenchVault(b, 0, rows)
			defer v.Close()
			var times []time.Duration
			i := 0
			for b.Loop() {
				i++
				start := time.Now()
				err := v.Update(func(tx *Tx) error {
					_, err := tx.Exec(`INSERT INTO history (asset, at, actor, action, summary, hash) VALUES (?, ?, ?, ?, ?, ?)`,
						i%1000+1, "2026-11-25T09:00:00Z", "Trần Thị Bình", "create", "Thêm một dòng lịch sử", strconv.Itoa(i))
					return err
				})
				times = append(times, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(median(times), "median-ms")
		})
	}
}

// BenchmarkOpen measures opening (after key derivation: UnlockSecret uses
// HKDF only) a vault of 10,000 asset-like and 100,000 history-like rows,
// with 1,000 commits in the journal past the snapshot. Target: under 1 s.
func BenchmarkOpen(b *testing.B) {
	v, dir, secret := buildBenchVault(b, 10000, 100000)
	for i := range 1000 {
		mustExec(b, v, `UPDATE asset SET criticality = ? WHERE id = ?`, i%4, i+1)
	}
	if err := v.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		l, err := OpenLocked(dir)
		if err != nil {
			b.Fatal(err)
		}
		v, err := l.UnlockSecret("bench", secret)
		if err != nil {
			b.Fatal(err)
		}
		if err := v.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultKDF measures one Argon2id derivation with DefaultKDF, the
// cost of unlocking with a passphrase (target about 0.5 s).
func BenchmarkDefaultKDF(b *testing.B) {
	salt := randomBytes(keySize)
	for b.Loop() {
		clear(passphraseKEK([]byte(testPass), salt, DefaultKDF()))
	}
}
