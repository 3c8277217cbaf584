package session

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of official warnings.
var (
	// ErrNoSuchWarning is returned for a warning id not in the vault.
	ErrNoSuchWarning = errors.New("session: no such warning")
	// ErrBadWarningStatus is returned for a status not in WarningStatuses.
	ErrBadWarningStatus = errors.New("session: unknown warning status")
)

// Warning statuses.
const (
	WarningOpen        = "open"
	WarningInProgress  = "in_progress"
	WarningClosed      = "closed"
	WarningNotAffected = "not_affected"
)

// WarningStatuses lists the statuses of an official warning.
func WarningStatuses() []string {
	return []string{WarningOpen, WarningInProgress, WarningClosed, WarningNotAffected}
}

// Warning is an official security warning (cảnh báo) received from the
// authorities, which the agency must act on (Chỉ thị 11 item 1g).
type Warning struct {
	ID       int64
	Number   string // the warning's number and symbol
	Date     string // YYYY-MM-DD
	Source   string // who issued it
	Products []string
	CVEs     []string
	Action   string // action taken
	Status   string
	ClosedOn string
	// Assets are the assets affected, computed by ListWarnings: an open
	// finding with one of the CVEs, or a product named in the asset's
	// name, OS or notes (ignoring case and diacritics).
	Assets     []int64
	RecordedBy string
	RecordedAt string
}

func cleanList(list []string) []string {
	var out []string
	for _, v := range list {
		if v = strings.TrimSpace(textnorm.NFC(v)); v != "" {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// RecordWarning stores an official warning, open. Needs
// PermEditRegisters.
func (s *Session) RecordWarning(w Warning) (Warning, error) {
	for _, f := range []*string{&w.Number, &w.Date, &w.Source, &w.Action} {
		*f = strings.TrimSpace(textnorm.NFC(*f))
		if utf8.RuneCountInString(*f) > 5000 {
			return w, fmt.Errorf("%w: text too long", ErrInvalidInput)
		}
	}
	w.Products, w.CVEs = cleanList(w.Products), cleanList(w.CVEs)
	for i, c := range w.CVEs {
		w.CVEs[i] = strings.ToUpper(c)
	}
	if w.Number == "" {
		return w, fmt.Errorf("%w: the warning needs a number", ErrInvalidInput)
	}
	if err := checkPastDay(w.Date, s.now()); err != nil {
		return w, err
	}
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		var err error
		if w.ID, err = nextID(tx, "warnings"); err != nil {
			return err
		}
		w.Status, w.ClosedOn, w.RecordedBy, w.RecordedAt = WarningOpen, "", s.user, stamp(s.now())
		if _, err := tx.Exec(`INSERT INTO warnings (id, number, date, source, products, cves, action, status, closed_on, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, w.ID, w.Number, w.Date, w.Source, strings.Join(w.Products, "\n"), strings.Join(w.CVEs, " "),
			w.Action, w.Status, w.ClosedOn, w.RecordedBy, w.RecordedAt); err != nil {
			return err
		}
		return s.record(tx, "warning.add", "warning", fmt.Sprint(w.ID), fmt.Sprintf("cảnh báo %s ngày %s", w.Number, w.Date))
	})
	return w, err
}

// SetWarningStatus records the action taken on a warning and its status;
// closed and not_affected set the closing date to today. Needs
// PermEditRegisters.
func (s *Session) SetWarningStatus(id int64, status, action string) error {
	if !slices.Contains(WarningStatuses(), status) {
		return fmt.Errorf("%w: %q", ErrBadWarningStatus, status)
	}
	action = strings.TrimSpace(textnorm.NFC(action))
	return s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		var old string
		err := tx.QueryRow(`SELECT action FROM warnings WHERE id = ?`, id).Scan(&old)
		if isNoRows(err) {
			return fmt.Errorf("%w: %d", ErrNoSuchWarning, id)
		}
		if err != nil {
			return err
		}
		if action == "" {
			action = old
		}
		closed := ""
		if status == WarningClosed || status == WarningNotAffected {
			closed = s.now().Format(time.DateOnly)
		}
		if _, err := tx.Exec(`UPDATE warnings SET status = ?, action = ?, closed_on = ? WHERE id = ?`, status, action, closed, id); err != nil {
			return err
		}
		return s.record(tx, "warning.status", "warning", fmt.Sprint(id), status+": "+action)
	})
}

// ListWarnings returns the warnings, newest first, with the assets each
// affects. Needs PermRead.
func (s *Session) ListWarnings() ([]Warning, error) {
	var list []Warning
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if list, err = readWarnings(tx); err != nil {
			return err
		}
		// The assets' texts are read and folded once for all the
		// warnings, not once per warning.
		var texts []assetText
		if slices.ContainsFunc(list, func(w Warning) bool { return len(w.Products) > 0 }) {
			if texts, err = readAssetTexts(tx); err != nil {
				return err
			}
		}
		for i := range list {
			if list[i].Assets, err = warningAssets(tx, list[i], texts); err != nil {
				return err
			}
		}
		return nil
	})
	return list, err
}

func readWarnings(q rowQuerier) ([]Warning, error) {
	rows, err := q.Query(`SELECT id, number, date, source, products, cves, action, status, closed_on, recorded_by, recorded_at
		FROM warnings ORDER BY date DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Warning
	for rows.Next() {
		var w Warning
		var products, cves string
		if err := rows.Scan(&w.ID, &w.Number, &w.Date, &w.Source, &products, &cves, &w.Action, &w.Status, &w.ClosedOn,
			&w.RecordedBy, &w.RecordedAt); err != nil {
			return nil, err
		}
		if products != "" {
			w.Products = strings.Split(products, "\n")
		}
		w.CVEs = strings.Fields(cves)
		list = append(list, w)
	}
	return list, rows.Err()
}

// warningAssets matches a warning to assets by the CVEs of their open
// findings and by product names in their texts (readAssetTexts).
func warningAssets(q rowQuerier, w Warning, texts []assetText) ([]int64, error) {
	found := map[int64]bool{}
	for _, cve := range w.CVEs {
		rows, err := q.Query(`SELECT DISTINCT asset_id FROM findings WHERE asset_id <> 0 AND status IN ('open', 'in_progress')
			AND (' ' || cves || ' ') LIKE ?`, "% "+cve+" %")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			found[id] = true
		}
		rows.Close()
	}
	matchProducts(texts, w.Products, found)
	ids := make([]int64, 0, len(found))
	for id := range found {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// assetText is what a warning's products are looked for in: an asset's
// name, OS and notes. search is the asset's folded search text, which
// holds every word of them: a product one of whose words it lacks is not
// there, and the texts themselves are folded (text) only for the assets
// that pass that test.
type assetText struct {
	id                       int64
	search                   string
	name, os, version, notes string
	text                     string // folded when first needed
}

// readAssetTexts reads every asset's assetText.
func readAssetTexts(q rowQuerier) ([]assetText, error) {
	rows, err := q.Query(`SELECT id, search, name, os, os_version, notes FROM assets`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []assetText
	for rows.Next() {
		var a assetText
		if err := rows.Scan(&a.id, &a.search, &a.name, &a.os, &a.version, &a.notes); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// matchProducts marks in found the assets whose name, OS or notes name
// one of products, ignoring case and diacritics.
func matchProducts(texts []assetText, products []string, found map[int64]bool) {
	for _, p := range products {
		p = textnorm.Fold(p)
		words := strings.Fields(p)
		for i := range texts {
			a := &texts[i]
			if !containsAll(a.search, words) {
				continue
			}
			if a.text == "" {
				a.text = textnorm.Fold(strings.Join([]string{a.name, a.os, a.version, a.notes}, " "))
			}
			if strings.Contains(a.text, p) {
				found[a.id] = true
			}
		}
	}
}

// containsAll says whether text holds every one of words.
func containsAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
