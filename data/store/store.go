// Package store holds the application's database schema as a list of
// versioned migrations, applied by the vault when it is opened. A migration,
// once released, never changes: changes come as new migrations.
package store

import (
	"daumoi/data/audit"
	"daumoi/data/vault"
)

// Migrations returns the schema steps in order.
func Migrations() []vault.Migration {
	return []vault.Migration{
		{Version: 1, Name: "agency, users, history, evidence", SQL: schemaV1()},
	}
}

func schemaV1() []string {
	s := []string{
		`CREATE TABLE agency (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			name TEXT NOT NULL,
			receiving_office TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE TABLE users (
			name TEXT PRIMARY KEY,
			full_name TEXT NOT NULL DEFAULT '',
			position TEXT NOT NULL DEFAULT '',
			roles TEXT NOT NULL,
			disabled INTEGER NOT NULL DEFAULT 0,
			must_reset INTEGER NOT NULL DEFAULT 0,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE TABLE evidence (
			id TEXT PRIMARY KEY,
			blob_id TEXT NOT NULL UNIQUE REFERENCES vault_blobs(id),
			title TEXT NOT NULL,
			file_name TEXT NOT NULL,
			media_type TEXT NOT NULL,
			size INTEGER NOT NULL,
			sha256 TEXT NOT NULL,
			description TEXT NOT NULL DEFAULT '',
			effective_date TEXT NOT NULL DEFAULT '',
			expiry_date TEXT NOT NULL DEFAULT '',
			added_by TEXT NOT NULL,
			added_at TEXT NOT NULL
		)`,
		`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	}
	return append(s, audit.Schema()...)
}
