package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"daumoi/data/packs"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Regulation packs in the vault. The shipped packs come from the program
// (package packs, embedded files); imported pack files are validated by
// packs.Load before anything changes and kept in the vault byte for byte,
// so the same file gives the same rules on every computer. The user's
// choice of active packs is kept in the vault too; a pack the user never
// chose about is active.

// PackInfo describes one pack of the vault's registry.
type PackInfo struct {
	ID          string
	TitleVI     string
	TitleEN     string
	Version     int
	Published   string
	Imported    bool // false: shipped with the program
	Active      bool
	Unverified  bool
	Items       int // checklist items in all catalogues
	Criteria    int // level criteria
	Obligations int // obligation rules
	SHA256      string
}

// ListPacks returns every pack (shipped and imported), sorted by id, with
// whether it is active. Needs PermRead.
func (s *Session) ListPacks() ([]PackInfo, error) {
	var list []PackInfo
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		reg, err := loadRegistry(tx)
		if err != nil {
			return err
		}
		choices, err := packChoices(tx)
		if err != nil {
			return err
		}
		for _, e := range reg.Entries() {
			list = append(list, describePack(e, isActive(choices, e.Pack.ID)))
		}
		return nil
	})
	return list, err
}

func describePack(e packs.Entry, active bool) PackInfo {
	p := e.Pack
	items := 0
	for _, c := range p.Catalogues {
		items += len(c.Items)
	}
	sum := sha256.Sum256(e.Raw)
	return PackInfo{
		ID: p.ID, TitleVI: p.Title.VI, TitleEN: p.Title.EN, Version: p.Version, Published: p.Published,
		Imported: e.Origin == packs.Imported, Active: active, Unverified: p.Unverified,
		Items: items, Criteria: len(p.LevelCriteria), Obligations: len(p.Obligations), SHA256: hex.EncodeToString(sum[:]),
	}
}

// ImportPack validates raw as a regulation pack and stores it in the vault.
// A pack with the id of an installed one must have a higher version
// (packs.ErrNotNewer). Any problem — malformed JSON, a duplicate id, an
// unknown level, a dangling reference — is returned as the packs package's
// error (a *packs.ValidationError wrapping its sentinel, with the path of
// the problem), and nothing changes. The pack keeps the active choice of
// the pack it replaces; a new pack is active. Needs PermManagePacks.
func (s *Session) ImportPack(raw []byte) (PackInfo, error) {
	var info PackInfo
	err := s.write(users.PermManagePacks, func(tx *vault.Tx, _ users.User) error {
		reg, err := loadRegistry(tx)
		if err != nil {
			return err
		}
		next, p, err := reg.Import(raw)
		if err != nil {
			return err
		}
		entry, err := next.Get(p.ID)
		if err != nil {
			return err
		}
		info = describePack(entry, true)
		if _, err := tx.Exec(`INSERT OR REPLACE INTO packs_imported (id, version, raw, sha256, imported_by, imported_at)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, p.Version, entry.Raw, info.SHA256, s.user, stamp(s.now())); err != nil {
			return err
		}
		choices, err := packChoices(tx)
		if err != nil {
			return err
		}
		info.Active = isActive(choices, p.ID)
		return s.record(tx, "pack.import", "pack", p.ID,
			fmt.Sprintf("%s, phiên bản %d (SHA-256 %s)", p.Title.VI, p.Version, info.SHA256[:16]))
	})
	return info, err
}

// SetPackActive makes a pack active or inactive. An unknown id is
// packs.ErrUnknownPack. Needs PermManagePacks.
func (s *Session) SetPackActive(id string, active bool) error {
	return s.write(users.PermManagePacks, func(tx *vault.Tx, _ users.User) error {
		reg, err := loadRegistry(tx)
		if err != nil {
			return err
		}
		e, err := reg.Get(id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT OR REPLACE INTO pack_choices (id, active) VALUES (?, ?)`, id, active); err != nil {
			return err
		}
		action, word := "pack.deactivate", "tắt"
		if active {
			action, word = "pack.activate", "bật"
		}
		return s.record(tx, action, "pack", id, fmt.Sprintf("%s %s (phiên bản %d)", word, e.Pack.Title.VI, e.Pack.Version))
	})
}

// ActivePacks returns the active packs, sorted by id. Needs PermRead.
func (s *Session) ActivePacks() ([]packs.Pack, error) {
	var list []packs.Pack
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, _, err = activePacks(tx)
		return err
	})
	return list, err
}

// activePacks returns the active packs and the whole registry.
func activePacks(q rowQuerier) ([]packs.Pack, packs.Registry, error) {
	reg, err := loadRegistry(q)
	if err != nil {
		return nil, reg, err
	}
	choices, err := packChoices(q)
	if err != nil {
		return nil, reg, err
	}
	var list []packs.Pack
	for _, e := range reg.Entries() {
		if isActive(choices, e.Pack.ID) {
			list = append(list, e.Pack)
		}
	}
	return list, reg, nil
}

// loadRegistry returns the shipped packs with the vault's imported packs
// on top. A stored pack that the program now ships in the same or a
// higher version is left out (the shipped one wins); a stored pack that no
// longer loads is reported as vault.ErrCorrupt.
func loadRegistry(q rowQuerier) (packs.Registry, error) {
	reg, err := packs.ShippedRegistry()
	if err != nil {
		return reg, err
	}
	rows, err := q.Query(`SELECT id, raw FROM packs_imported ORDER BY id`)
	if err != nil {
		return reg, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return reg, err
		}
		next, _, err := reg.Import(bytes.Clone(raw))
		switch {
		case errors.Is(err, packs.ErrNotNewer):
			continue
		case err != nil:
			return reg, fmt.Errorf("%w: stored pack %s: %w", vault.ErrCorrupt, id, err)
		}
		reg = next
	}
	return reg, rows.Err()
}

// packChoices returns the user's explicit active/inactive choices.
func packChoices(q rowQuerier) (map[string]bool, error) {
	rows, err := q.Query(`SELECT id, active FROM pack_choices`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	choices := map[string]bool{}
	for rows.Next() {
		var id string
		var active bool
		if err := rows.Scan(&id, &active); err != nil {
			return nil, err
		}
		choices[id] = active
	}
	return choices, rows.Err()
}

// isActive applies the default: a pack nobody chose about is active.
func isActive(choices map[string]bool, id string) bool {
	active, chosen := choices[id]
	return active || !chosen
}
