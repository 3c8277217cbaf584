package vault

import (
	"bytes"
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"filippo.io/age"
)

// Notices are small messages that a vault can receive while it is locked —
// a failed unlock attempt, recorded so that the application can report it in
// the history at the next unlock. A notice is encrypted with age to the
// vault's public notice key (noticeKeyFile, the recipient of noticeIdentity,
// published at every unlock), so it holds no plaintext, and only an unlocked
// vault can read it. The key is public and age does not authenticate the
// sender, so a notice is an unauthenticated report: anyone who can write the
// folder can add one with any content and any time in its name. Reading is
// bounded (maxNoticesListed, MaxNoticesRead, maxNoticeFileSize). Notices are
// not part of the database, the journal or a backup; deleting them loses
// only those messages.
const (
	noticesDir    = "notices"
	noticeKeyFile = "notice.pub"
	// maxNoticeSize bounds one notice's plaintext.
	maxNoticeSize = 4096
	// maxNoticeFileSize bounds one notice file: larger files are counted
	// but never decrypted (age's header and tag add a few hundred bytes).
	maxNoticeFileSize = 2 * maxNoticeSize
	// maxNoticesListed bounds how many notice files one listing looks at;
	// further files wait for a later unlock.
	maxNoticesListed = 10000
	// noticeBatch is how many folder entries are read at a time.
	noticeBatch = 1000
)

// MaxNoticesRead bounds how many notices one call of Vault.Notices
// decrypts (the newest); older ones are only counted.
const MaxNoticesRead = 100

// ErrNoNoticeKey is returned by PostNotice when the vault has not published
// its notice key yet (a vault never unlocked by this version).
var ErrNoNoticeKey = errors.New("vault: the vault has no notice key yet")

// Notice is one message received while the vault was locked.
type Notice struct {
	Name string    // file name, for DeleteNotices
	At   time.Time // the time in the file name, as claimed by its writer
	Data []byte    // nil if not decrypted (see Vault.Notices)
	// Unread: beyond the bound of decrypted notices per call, so not even
	// tried (Data nil).
	Unread bool
}

// PostNotice stores msg as an encrypted notice. It needs no key and does
// not touch the database.
func (l *Locked) PostNotice(msg []byte, now time.Time) error {
	if len(msg) > maxNoticeSize {
		return fmt.Errorf("vault: notice too large (%d bytes)", len(msg))
	}
	ct, err := sealNotice(l.dir, msg)
	if err != nil {
		return err
	}
	return l.writeNotice(ct, now)
}

// sealNotice encrypts msg to the notice key published in dir.
func sealNotice(dir string, msg []byte) ([]byte, error) {
	raw, err := os.ReadFile(filepath.Join(dir, noticeKeyFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoNoticeKey
	}
	if err != nil {
		return nil, fmt.Errorf("vault: read notice key: %w", err)
	}
	rcpt, err := age.ParseX25519Recipient(strings.TrimSpace(string(raw)))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrCorrupt, noticeKeyFile, err)
	}
	return ageEncrypt(msg, rcpt)
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

// RecentNotices counts the notices posted at or after since, by their file
// names, without decrypting them, and returns the newest one's time. File
// names are written by whoever can write the folder, so each time is capped
// at now: a name far in the future counts as posted now, and the delay a
// caller derives from latest stays bounded. At most maxNoticesListed files
// are looked at.
func (l *Locked) RecentNotices(since, now time.Time) (n int, latest time.Time) {
	names, _, err := noticeNames(l.dir)
	if err != nil {
		return 0, time.Time{}
	}
	for _, name := range names {
		at, _ := noticeTime(name)
		if at.After(now) {
			at = now
		}
		if at.Before(since) {
			continue
		}
		n++
		if at.After(latest) {
			latest = at
		}
	}
	return n, latest
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

// Notices lists the notices, oldest first by their file names' times: at
// most maxNoticesListed files (more reports that the folder holds others,
// left for a later call). Only the newest MaxNoticesRead files of at most
// maxNoticeFileSize bytes are decrypted; the others, and those that do not
// decrypt (damaged, or encrypted to a forged key), have nil Data. Nothing
// in a notice is authenticated: anyone who can write the folder can add
// one, with any content and any time in its name.
func (v *Vault) Notices() (ns []Notice, more bool, err error) {
	id, err := v.noticeIdentity()
	if err != nil {
		return nil, false, err
	}
	names, more, err := noticeNames(v.dir)
	if err != nil {
		return nil, false, err
	}
	ns = make([]Notice, len(names))
	for i, name := range names {
		ns[i].Name = name
		ns[i].At, _ = noticeTime(name)
		if ns[i].Unread = i < len(names)-MaxNoticesRead; !ns[i].Unread {
			ns[i].Data = readNotice(filepath.Join(v.dir, noticesDir, name), id)
		}
	}
	return ns, more, nil
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

// readNotice decrypts one notice; nil if it is not a regular file of at
// most maxNoticeFileSize bytes, does not decrypt, or holds more than
// maxNoticeSize bytes.
func readNotice(path string, id *age.X25519Identity) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() > maxNoticeFileSize {
		return nil
	}
	r, err := age.Decrypt(io.LimitReader(f, maxNoticeFileSize), id)
	if err != nil {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r, maxNoticeSize+1))
	if err != nil || len(b) > maxNoticeSize {
		return nil
	}
	return b
}

// noticeNames lists notice files, oldest first by the time in their names
// (then by name). It looks at no more than maxNoticesListed folder entries,
// read in batches, so a folder filled by an attacker costs a bounded amount
// of work; more reports that the folder holds further entries.
func noticeNames(dir string) (names []string, more bool, err error) {
	d, err := os.Open(filepath.Join(dir, noticesDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("vault: list notices: %w", err)
	}
	defer d.Close()
	for seen := 0; ; {
		if seen >= maxNoticesListed {
			rest, _ := d.ReadDir(1)
			more = len(rest) > 0
			break
		}
		entries, err := d.ReadDir(min(noticeBatch, maxNoticesListed-seen))
		seen += len(entries)
		for _, e := range entries {
			if _, ok := noticeTime(e.Name()); ok && e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
		if errors.Is(err, io.EOF) || len(entries) == 0 {
			break
		}
		if err != nil {
			return nil, false, fmt.Errorf("vault: list notices: %w", err)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		ta, _ := noticeTime(a)
		tb, _ := noticeTime(b)
		return cmp.Or(ta.Compare(tb), strings.Compare(a, b))
	})
	return names, more, nil
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
