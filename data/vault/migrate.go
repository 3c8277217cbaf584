package vault

import (
	"fmt"
)

// Migration is one step of the application schema. Versions start at 1 and
// increase; each migration runs in its own Update with its version recorded
// in the vault_migrations table.
type Migration struct {
	Version int
	Name    string
	SQL     []string
}

// Migrate applies, in order, the migrations whose version is not recorded
// yet. It returns ErrMigration for a list that is not strictly increasing
// from 1, and ErrSchemaTooNew when the database records a version the list
// does not contain.
func (v *Vault) Migrate(ms []Migration) error {
	for i, m := range ms {
		if m.Version <= 0 || (i > 0 && m.Version <= ms[i-1].Version) || len(m.SQL) == 0 {
			return fmt.Errorf("%w: migration %d (%q)", ErrMigration, m.Version, m.Name)
		}
	}
	applied, err := v.appliedMigrations()
	if err != nil {
		return err
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.Version] = true
	}
	for ver := range applied {
		if !known[ver] {
			return fmt.Errorf("%w: version %d", ErrSchemaTooNew, ver)
		}
	}
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		if err := v.Update(func(tx *Tx) error { return applyMigration(tx, m) }); err != nil {
			return fmt.Errorf("vault: migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	return nil
}

// applyMigration runs one migration and records it.
func applyMigration(tx *Tx, m Migration) error {
	for _, q := range m.SQL {
		if _, err := tx.Exec(q); err != nil {
			return err
		}
	}
	_, err := tx.Exec(`INSERT INTO vault_migrations (version, name) VALUES (?, ?)`, m.Version, m.Name)
	return err
}

// appliedMigrations returns the recorded versions.
func (v *Vault) appliedMigrations() (map[int]bool, error) {
	out := map[int]bool{}
	err := v.View(func(tx *ReadTx) error {
		rows, err := tx.Query(`SELECT version FROM vault_migrations`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				return err
			}
			out[n] = true
		}
		return rows.Err()
	})
	return out, err
}

// SchemaVersion returns the highest applied migration version (0 if none).
func (v *Vault) SchemaVersion() (int, error) {
	var n int
	err := v.View(func(tx *ReadTx) error {
		return tx.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM vault_migrations`).Scan(&n)
	})
	return n, err
}
