package session

import (
	"bufio"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/crypto/chacha20poly1305"
)

// vaultTmpDir is the vault folder's tmp/, which the vault empties every
// time it opens (data/vault/FORMAT.md).
const vaultTmpDir = "tmp"

// maxSpoolChunk bounds one sealed chunk when it is read back.
const maxSpoolChunk = 64 << 20

// errSpoolDamaged is returned when a spool chunk does not open or decode.
var errSpoolDamaged = errors.New("session: scan import spool damaged")

// scanSpool keeps the parsed findings of an import until the whole report
// has been read, so that a report that cannot be read writes nothing to
// the vault. The findings are sealed (ChaCha20-Poly1305) under a key that
// exists only in memory, in a file of the vault's tmp/ that is unlinked at
// once where the system allows it and otherwise deleted when the import
// ends or the vault next opens.
type scanSpool struct {
	f      *os.File
	aead   cipher.AEAD
	chunks uint64
}

func newScanSpool(vaultDir string) (*scanSpool, error) {
	key := make([]byte, chacha20poly1305.KeySize)
	rand.Read(key)
	aead, err := chacha20poly1305.New(key)
	clear(key)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Join(vaultDir, vaultTmpDir), "scan.*.tmp")
	if err != nil {
		return nil, fmt.Errorf("session: scan import spool: %w", err)
	}
	_ = os.Remove(f.Name()) // fails on Windows while the file is open: see close
	return &scanSpool{f: f, aead: aead}, nil
}

// nonce numbers the chunks: each is sealed once under a fresh key.
func (sp *scanSpool) nonce(i uint64) []byte {
	n := make([]byte, sp.aead.NonceSize())
	binary.BigEndian.PutUint64(n[len(n)-8:], i)
	return n
}

// put appends one sealed batch of findings.
func (sp *scanSpool) put(batch []stagedFinding) error {
	var plain []byte
	for _, f := range batch {
		plain = appendFinding(plain, f)
	}
	sealed := sp.aead.Seal(make([]byte, 4, 4+len(plain)+sp.aead.Overhead()), sp.nonce(sp.chunks), plain, nil)
	binary.BigEndian.PutUint32(sealed, uint32(len(sealed)-4))
	clear(plain)
	sp.chunks++
	if _, err := sp.f.Write(sealed); err != nil {
		return fmt.Errorf("session: scan import spool: %w", err)
	}
	return nil
}

// each reads the batches back in order and passes each to fn.
func (sp *scanSpool) each(fn func([]stagedFinding) error) error {
	if _, err := sp.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReader(sp.f)
	var head [4]byte
	for i := range sp.chunks {
		if _, err := io.ReadFull(r, head[:]); err != nil {
			return fmt.Errorf("%w: %w", errSpoolDamaged, err)
		}
		n := binary.BigEndian.Uint32(head[:])
		if n > maxSpoolChunk {
			return errSpoolDamaged
		}
		sealed := make([]byte, n)
		if _, err := io.ReadFull(r, sealed); err != nil {
			return fmt.Errorf("%w: %w", errSpoolDamaged, err)
		}
		plain, err := sp.aead.Open(sealed[:0], sp.nonce(i), sealed, nil)
		if err != nil {
			return errSpoolDamaged
		}
		batch, err := decodeFindings(plain)
		clear(plain)
		if err != nil {
			return err
		}
		if err := fn(batch); err != nil {
			return err
		}
	}
	return nil
}

// close deletes the spool.
func (sp *scanSpool) close() {
	sp.f.Close()
	_ = os.Remove(sp.f.Name())
}

func appendText(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendFinding(b []byte, f stagedFinding) []byte {
	for _, s := range []string{f.key, f.host, f.hostname, f.port, f.pluginID, f.cves, f.severity, f.name, f.solution} {
		b = appendText(b, s)
	}
	b = binary.AppendVarint(b, f.assetID)
	return binary.BigEndian.AppendUint64(b, math.Float64bits(f.cvss))
}

// spoolReader decodes what appendFinding wrote; err is set at the first
// problem and every later read returns zero values.
type spoolReader struct {
	b   []byte
	err error
}

func (r *spoolReader) text() string {
	n, k := binary.Uvarint(r.b)
	if r.err != nil || k <= 0 || n > uint64(len(r.b)-k) {
		r.err = errSpoolDamaged
		return ""
	}
	s := string(r.b[k : k+int(n)])
	r.b = r.b[k+int(n):]
	return s
}

func (r *spoolReader) int() int64 {
	v, k := binary.Varint(r.b)
	if r.err != nil || k <= 0 {
		r.err = errSpoolDamaged
		return 0
	}
	r.b = r.b[k:]
	return v
}

func (r *spoolReader) float() float64 {
	if r.err != nil || len(r.b) < 8 {
		r.err = errSpoolDamaged
		return 0
	}
	v := math.Float64frombits(binary.BigEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

func decodeFindings(plain []byte) ([]stagedFinding, error) {
	r := &spoolReader{b: plain}
	var batch []stagedFinding
	for len(r.b) > 0 && r.err == nil {
		f := stagedFinding{key: r.text(), host: r.text(), hostname: r.text(), port: r.text(), pluginID: r.text(),
			cves: r.text(), severity: r.text(), name: r.text(), solution: r.text()}
		f.assetID, f.cvss = r.int(), r.float()
		batch = append(batch, f)
	}
	return batch, r.err
}
