package session

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"daumoi/data/audit"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Failed unlocks reach the history as one summarised entry per unlock. The
// notices they come from (vault.Vault.Notices) are not authenticated: anyone
// who can write the vault folder can add one with any content and any time
// in its name. So the entry is written by the system (no actor), at the
// unlock's own time; it reports a count, a time range clamped to [previous
// unlock, now] and the user names claimed, bounded and checked.

// lastUnlockKey is the settings row holding the time of the latest
// successful unlock: the floor of the reported failures' times, kept in the
// database because notice file names can say anything.
const lastUnlockKey = "last_unlock"

// maxClaimedNames bounds the user names a failure entry lists.
const maxClaimedNames = 5

// failureReport is what one unlock found about the failures since the
// previous one.
type failureReport struct {
	notices []vault.Notice
	more    bool      // the folder holds notices beyond the listing bound
	pending []failure // failures seen by this process without a notice key
}

// takeNotices reads the failures left as notices, for the history.
func takeNotices(v *vault.Vault, pending []failure) failureReport {
	ns, more, _ := v.Notices() // unreadable folder: nothing to report
	return failureReport{notices: ns, more: more, pending: pending}
}

// names returns the notice files to delete once the entry is committed.
func (r failureReport) names() []string {
	names := make([]string, len(r.notices))
	for i, n := range r.notices {
		names[i] = n.Name
	}
	return names
}

// record writes the report's history entry (if anything was reported) and
// the new last-unlock time, inside the unlock's transaction.
func (r failureReport) record(tx *vault.Tx, now time.Time) error {
	floor, err := previousUnlock(tx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`,
		lastUnlockKey, now.UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	if len(r.notices) == 0 && len(r.pending) == 0 {
		return nil
	}
	_, err = audit.Record(tx, audit.Entry{
		At: now, Actor: "", Action: "unlock.failed", EntityType: "vault",
		Summary: r.summarise(floor, now).text(),
	})
	return err
}

// previousUnlock returns the latest authenticated time the failures cannot
// predate: the previous unlock, or the newest history entry if later (or if
// the vault was last unlocked by a version that did not keep the time).
func previousUnlock(tx *vault.Tx) (time.Time, error) {
	var last, head string
	err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, lastUnlockKey).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, err
	}
	err = tx.QueryRow(`SELECT at FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&head)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, err
	}
	a, _ := time.Parse(time.RFC3339Nano, last)
	b, _ := time.Parse(time.RFC3339, head)
	if b.After(a) {
		return b, nil
	}
	return a, nil
}

// failureSummary is a failureReport counted, with clamped times.
type failureSummary struct {
	count, unread, damaged, recovery int
	names                            []string // valid, distinct, at most maxClaimedNames
	otherNames                       int      // further distinct valid names
	invalidNames                     int      // failures claiming a name no user can have
	first, last                      time.Time
	more                             bool
}

// summarise counts the report; every time is clamped to [floor, now] (floor
// itself at most now), so no notice can place a failure before the previous
// unlock or in the future.
func (r failureReport) summarise(floor, now time.Time) failureSummary {
	floor = minTime(floor, now)
	s := failureSummary{more: r.more}
	seen := map[string]bool{}
	add := func(at time.Time, f *failure) {
		at = maxTime(floor, minTime(at, now))
		if s.count == 0 || at.Before(s.first) {
			s.first = at
		}
		if s.count == 0 || at.After(s.last) {
			s.last = at
		}
		s.count++
		if f == nil {
			return
		}
		if f.Recovery {
			s.recovery++
		}
		s.claim(f.User, seen)
	}
	for _, n := range r.notices {
		var f failure
		switch {
		case n.Unread:
			s.unread++
			add(n.At, nil)
		case n.Data == nil || json.Unmarshal(n.Data, &f) != nil:
			s.damaged++
			add(n.At, nil)
		default:
			add(n.At, &f)
		}
	}
	for _, f := range r.pending {
		at, _ := time.Parse(time.RFC3339, f.At)
		add(at, &f)
	}
	return s
}

// claim notes a user name from a failure: counted in invalidNames if no
// user could have it (users.CheckName: control characters, spaces, quotes,
// over 64 characters), else listed if new and there is room, else counted
// in otherNames once.
func (s *failureSummary) claim(name string, seen map[string]bool) {
	name = textnorm.NFC(name)
	if users.CheckName(name) != nil {
		s.invalidNames++
		return
	}
	if seen[name] {
		return
	}
	seen[name] = true
	if len(s.names) < maxClaimedNames {
		s.names = append(s.names, name)
		return
	}
	s.otherNames++
}

// text is the history summary, in Vietnamese like every history entry.
func (s failureSummary) text() string {
	var b strings.Builder
	const layout = "02/01/2006 15:04"
	first, last := s.first.Local().Format(layout), s.last.Local().Format(layout)
	if first == last {
		fmt.Fprintf(&b, "%d lần mở khóa sai được báo khi kho đang khóa, lúc %s", s.count, first)
	} else {
		fmt.Fprintf(&b, "%d lần mở khóa sai được báo khi kho đang khóa, từ %s đến %s", s.count, first, last)
	}
	b.WriteString(" (thông báo không xác thực: ai ghi được vào thư mục kho cũng tạo được)")
	if len(s.names) > 0 {
		fmt.Fprintf(&b, "; tên người dùng được khai: %s", strings.Join(s.names, ", "))
	}
	if s.otherNames > 0 {
		fmt.Fprintf(&b, " và %d tên khác", s.otherNames)
	}
	if s.invalidNames > 0 {
		fmt.Fprintf(&b, "; %d lần với tên không hợp lệ (không ghi lại)", s.invalidNames)
	}
	if s.recovery > 0 {
		fmt.Fprintf(&b, "; %d lần bằng mã khôi phục", s.recovery)
	}
	if s.unread > 0 {
		fmt.Fprintf(&b, "; %d thông báo không được đọc (mỗi lần mở khóa chỉ đọc %d thông báo mới nhất)", s.unread, vault.MaxNoticesRead)
	}
	if s.damaged > 0 {
		fmt.Fprintf(&b, "; %d thông báo hỏng, quá lớn hoặc không giải mã được", s.damaged)
	}
	if s.more {
		b.WriteString("; còn thông báo khác, sẽ được tính ở lần mở khóa sau")
	}
	return b.String()
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
