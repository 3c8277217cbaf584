package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
)

// Notices are small messages that a vault can receive while it is locked —
// a failed unlock attempt, recorded so that the application can write it to
// the history at the next unlock. A notice is encrypted with age to the
// vault's public notice key (noticeKeyFile, the recipient of the blob
// identity, published at every unlock), so it holds no plaintext, and only
// an unlocked vault can read it. Notices are not part of the database, the
// journal or a backup; deleting them loses only those messages.
const (
	noticesDir    = "notices"
	noticeKeyFile = "notice.pub"
	// maxNoticeSize bounds one notice's plaintext and ciphertext.
	maxNoticeSize = 4096
	// maxNotices bounds how many notice files are read at once.
	maxNotices = 1000
)

// ErrNoNoticeKey is returned by PostNotice when the vault has not published
// its notice key yet (a vault never unlocked by this version).
var ErrNoNoticeKey = errors.New("vault: the vault has no notice key yet")

// Notice is one message received while the vault was locked.
type Notice struct {
	Name string // file name, for DeleteNotices
	Data []byte
}

// PostNotice stores msg as an encrypted notice. It needs no key and does
// not touch the database.
func (l *Locked) PostNotice(msg []byte, now time.Time) error {
	if len(msg) > maxNoticeSize {
		return fmt.Errorf("vault: notice too large (%d bytes)", len(msg))
	}
	raw, err := os.ReadFile(filepath.Join(l.dir, noticeKeyFile))
	if errors.Is(err, os.ErrNotExist) {
		return ErrNoNoticeKey
	}
	if err != nil {
		return fmt.Errorf("vault: read notice key: %w", err)
	}
	rcpt, err := age.ParseX25519Recipient(strings.TrimSpace(string(raw)))
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrCorrupt, noticeKeyFile, err)
	}
	var ct bytes.Buffer
	w, err := age.Encrypt(&ct, rcpt)
	if err != nil {
		return fmt.Errorf("vault: encrypt notice: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("vault: encrypt notice: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("vault: encrypt notice: %w", err)
	}
	return l.writeNotice(ct.Bytes(), now)
}

func (l *Locked) writeNotice(ct []byte, now time.Time) error {
	if err := os.MkdirAll(filepath.Join(l.dir, noticesDir), 0o700); err != nil {
		return fmt.Errorf("vault: notices folder: %w", err)
	}
	suffix := make([]byte, 6)
	if _, err := rand.Read(suffix); err != nil {
		return err
	}
	name := strconv.FormatInt(now.UnixNano(), 10) + "-" + hex.EncodeToString(suffix) + ".age"
	f, err := os.CreateTemp(filepath.Join(l.dir, tmpDir), "notice.*.tmp")
	if err != nil {
		return fmt.Errorf("vault: write notice: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(ct)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(l.dir, noticesDir, name))
	}
	if err != nil {
		return fmt.Errorf("vault: write notice: %w", err)
	}
	return syncDir(filepath.Join(l.dir, noticesDir))
}

// NoticesSince counts the notices posted at or after t (by their file
// names), without decrypting them.
func (l *Locked) NoticesSince(t time.Time) int {
	names, err := noticeNames(l.dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, name := range names {
		if at, ok := noticeTime(name); ok && !at.Before(t) {
			n++
		}
	}
	return n
}

// LatestNotice returns the time of the newest notice (zero if none).
func (l *Locked) LatestNotice() time.Time {
	names, err := noticeNames(l.dir)
	if err != nil || len(names) == 0 {
		return time.Time{}
	}
	at, _ := noticeTime(names[len(names)-1])
	return at
}

// PublishNoticeKey writes the public notice key, so that PostNotice works
// while the vault is locked. It is called at every unlock by the
// application and rewrites the file only when it differs.
func (v *Vault) PublishNoticeKey() error {
	id, err := v.noticeIdentity()
	if err != nil {
		return err
	}
	want := []byte(id.Recipient().String() + "\n")
	if have, err := os.ReadFile(filepath.Join(v.dir, noticeKeyFile)); err == nil && bytes.Equal(have, want) {
		return nil
	}
	return writeFileAtomic(v.dir, noticeKeyFile, want)
}

// Notices decrypts every notice, oldest first. A notice that does not
// decrypt (damaged, or encrypted to a forged key) is returned with nil Data
// so the caller can delete it.
func (v *Vault) Notices() ([]Notice, error) {
	id, err := v.noticeIdentity()
	if err != nil {
		return nil, err
	}
	names, err := noticeNames(v.dir)
	if err != nil {
		return nil, err
	}
	out := make([]Notice, 0, len(names))
	for _, name := range names {
		out = append(out, Notice{Name: name, Data: readNotice(filepath.Join(v.dir, noticesDir, name), id)})
	}
	return out, nil
}

// DeleteNotices removes the named notices.
func (v *Vault) DeleteNotices(names []string) error {
	var errs []error
	for _, name := range names {
		if _, ok := noticeTime(name); !ok {
			continue
		}
		if err := os.Remove(filepath.Join(v.dir, noticesDir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (v *Vault) noticeIdentity() (*age.X25519Identity, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return nil, err
	}
	return v.sec.notice, nil
}

func readNotice(path string, id *age.X25519Identity) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	r, err := age.Decrypt(io.LimitReader(f, 2*maxNoticeSize), id)
	if err != nil {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r, maxNoticeSize+1))
	if err != nil || len(b) > maxNoticeSize {
		return nil
	}
	return b
}

// noticeNames lists notice files, oldest first, at most maxNotices.
func noticeNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, noticesDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("vault: list notices: %w", err)
	}
	var names []string
	for _, e := range entries {
		if _, ok := noticeTime(e.Name()); ok && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) > maxNotices {
		names = names[len(names)-maxNotices:]
	}
	return names, nil
}

// noticeTime parses the time in a notice file name "<unix-nanos>-<hex>.age".
func noticeTime(name string) (time.Time, bool) {
	stem, ok := strings.CutSuffix(name, ".age")
	if !ok {
		return time.Time{}, false
	}
	nanos, rest, ok := strings.Cut(stem, "-")
	if !ok || len(rest) != 12 {
		return time.Time{}, false
	}
	if _, err := hex.DecodeString(rest); err != nil {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(nanos, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, false
	}
	return time.Unix(0, n), true
}
