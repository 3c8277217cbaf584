// Package store holds the application's database schema as a list of
// versioned migrations, applied by the vault when it is opened. A migration,
// once released, never changes: changes come as new migrations.
package store

import "daumoi/data/vault"

// Migrations returns the schema steps in order.
func Migrations() []vault.Migration {
	return []vault.Migration{
		{Version: 1, Name: "agency, users, history, evidence", SQL: schemaV1()},
		{Version: 2, Name: "agency profile, information systems, assets", SQL: schemaV2()},
		{Version: 3, Name: "regulation packs, assessments, evidence links, activities", SQL: schemaV3()},
		{Version: 4, Name: "signing keys, issued reports", SQL: schemaV4()},
		{Version: 5, Name: "incidents, scans and findings, plans, drills, warnings, awareness", SQL: schemaV5()},
		{Version: 6, Name: "scan import staging, remediation rule of a finding's due date", SQL: schemaV6()},
		{Version: 7, Name: "roster seal", SQL: []string{
			`CREATE TABLE roster_seal (id INTEGER PRIMARY KEY CHECK (id = 1), body TEXT NOT NULL, sig BLOB NOT NULL)`,
		}},
		{Version: 8, Name: "assessment returns, obligations marked not applicable", SQL: schemaV8()},
		{Version: 9, Name: "asset in-service date, year of manufacture, managing unit", SQL: []string{
			`ALTER TABLE assets ADD COLUMN in_service_date TEXT NOT NULL DEFAULT ''`,
			`ALTER TABLE assets ADD COLUMN manufacture_year INTEGER NOT NULL DEFAULT 0`,
			`ALTER TABLE assets ADD COLUMN managing_unit TEXT NOT NULL DEFAULT ''`,
		}},
		{Version: 10, Name: "vault kind; receiving office: agencies, their keys, received bundles, receipts", SQL: schemaV10()},
		// items_json is what intake read of an annual bundle's
		// oscal/assessment-results.json (per system, requirement → outcome);
		// NULL for bundles received before, read from their blob instead.
		{Version: 11, Name: "received bundles: per-requirement results", SQL: []string{
			`ALTER TABLE office_bundles ADD COLUMN items_json TEXT`,
		}},
		{Version: 12, Name: "receiving office: register of warnings received and relayed", SQL: schemaV12()},
	}
}

func schemaV1() []string {
	return []string{
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
		// The history (package audit), written out here as released: a
		// released migration takes nothing from another package.
		`CREATE TABLE audit (
		seq INTEGER PRIMARY KEY,
		at TEXT NOT NULL,
		actor TEXT NOT NULL,
		action TEXT NOT NULL,
		entity_type TEXT NOT NULL,
		entity_id TEXT NOT NULL,
		summary TEXT NOT NULL,
		prev_hash TEXT NOT NULL,
		hash TEXT NOT NULL
	)`,
	}
}

// schemaV2 adds the registers of issue 5. The agency profile and each
// system are stored as JSON documents (package registers' types) beside
// the columns queries need; assets have one column per field so that a
// listing of 10,000 needs no JSON decoding, and a folded search column
// (textnorm.Fold, computed in Go) for diacritic-insensitive search.
func schemaV2() []string {
	return []string{
		`ALTER TABLE agency ADD COLUMN profile TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE systems (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL,
			name_key TEXT NOT NULL UNIQUE,
			level INTEGER NOT NULL DEFAULT 0,
			dossier_state TEXT NOT NULL DEFAULT 'drafting',
			data TEXT NOT NULL,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE TABLE assets (
			id INTEGER PRIMARY KEY,
			type TEXT NOT NULL,
			name TEXT NOT NULL,
			name_key TEXT NOT NULL DEFAULT '',
			hostname TEXT NOT NULL DEFAULT '',
			hostname_key TEXT NOT NULL DEFAULT '',
			ips TEXT NOT NULL DEFAULT '',
			macs TEXT NOT NULL DEFAULT '',
			os TEXT NOT NULL DEFAULT '',
			os_version TEXT NOT NULL DEFAULT '',
			serial TEXT NOT NULL DEFAULT '',
			location TEXT NOT NULL DEFAULT '',
			responsible TEXT NOT NULL DEFAULT '',
			supplier TEXT NOT NULL DEFAULT '',
			internet INTEGER NOT NULL DEFAULT 0,
			lan INTEGER NOT NULL DEFAULT 0,
			state_secret INTEGER NOT NULL DEFAULT 0,
			status TEXT NOT NULL,
			notes TEXT NOT NULL DEFAULT '',
			search TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE UNIQUE INDEX assets_hostname ON assets (hostname_key) WHERE hostname_key <> ''`,
		`CREATE TABLE asset_systems (
			asset_id INTEGER NOT NULL REFERENCES assets(id),
			system_id INTEGER NOT NULL REFERENCES systems(id),
			PRIMARY KEY (asset_id, system_id)
		)`,
		`CREATE INDEX asset_systems_system ON asset_systems (system_id)`,
		`CREATE TABLE asset_repairs (
			id INTEGER PRIMARY KEY,
			asset_id INTEGER NOT NULL REFERENCES assets(id),
			date TEXT NOT NULL,
			by_whom TEXT NOT NULL DEFAULT '',
			vendor TEXT NOT NULL DEFAULT '',
			what TEXT NOT NULL,
			returned_on TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX asset_repairs_asset ON asset_repairs (asset_id)`,
		`CREATE TABLE asset_sanitisations (
			id INTEGER PRIMARY KEY,
			asset_id INTEGER NOT NULL REFERENCES assets(id),
			method TEXT NOT NULL,
			date TEXT NOT NULL,
			performer TEXT NOT NULL,
			witness TEXT NOT NULL DEFAULT '',
			evidence_id TEXT NOT NULL DEFAULT '',
			for_status TEXT NOT NULL
		)`,
		`CREATE INDEX asset_sanitisations_asset ON asset_sanitisations (asset_id)`,
	}
}

// schemaV3 adds the compliance data of issue 6: imported regulation packs
// (their exact bytes; shipped packs live in the program) and the user's
// choice of active packs; assessments of a system for a period, one
// revision per row, with one row per applicable checklist item; links of
// evidence files to checklist items, systems and assets; and dated
// activities (scans, drills, reports sent) that meet obligations.
func schemaV3() []string {
	return []string{
		`CREATE TABLE packs_imported (
			id TEXT PRIMARY KEY,
			version INTEGER NOT NULL,
			raw BLOB NOT NULL,
			sha256 TEXT NOT NULL,
			imported_by TEXT NOT NULL,
			imported_at TEXT NOT NULL
		)`,
		`CREATE TABLE pack_choices (
			id TEXT PRIMARY KEY,
			active INTEGER NOT NULL
		)`,
		`CREATE TABLE assessments (
			id INTEGER PRIMARY KEY,
			system_id INTEGER NOT NULL REFERENCES systems(id),
			period TEXT NOT NULL,
			revision INTEGER NOT NULL,
			level INTEGER NOT NULL,
			packs TEXT NOT NULL,
			state TEXT NOT NULL,
			previous_id INTEGER NOT NULL DEFAULT 0,
			created_by TEXT NOT NULL,
			created_at TEXT NOT NULL,
			approved_by TEXT NOT NULL DEFAULT '',
			approved_at TEXT NOT NULL DEFAULT '',
			UNIQUE (system_id, period, revision)
		)`,
		`CREATE TABLE assessment_items (
			assessment_id INTEGER NOT NULL REFERENCES assessments(id),
			pack_id TEXT NOT NULL,
			item_id TEXT NOT NULL,
			position INTEGER NOT NULL,
			status TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT '',
			evidence TEXT NOT NULL DEFAULT '',
			assessed_by TEXT NOT NULL DEFAULT '',
			assessed_at TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (assessment_id, pack_id, item_id)
		)`,
		`CREATE TABLE evidence_links (
			evidence_id TEXT NOT NULL REFERENCES evidence(id),
			kind TEXT NOT NULL,
			target TEXT NOT NULL,
			PRIMARY KEY (evidence_id, kind, target)
		)`,
		`CREATE INDEX evidence_links_target ON evidence_links (kind, target)`,
		`CREATE TABLE activities (
			id INTEGER PRIMARY KEY,
			kind TEXT NOT NULL,
			system_id INTEGER NOT NULL DEFAULT 0,
			date TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT '',
			evidence_id TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE INDEX activities_kind ON activities (kind, system_id, date)`,
	}
}

// schemaV4 adds issue 7: the managers' signing keys (the public key and the
// secret key encrypted with the manager's own signing passphrase, minisign
// format; a replaced key stays with its retirement date) and the reports
// rendered or bundled (kind, period, file hash; submitted_on for a signed
// annual bundle).
func schemaV4() []string {
	return []string{
		`CREATE TABLE signing_keys (
			id INTEGER PRIMARY KEY,
			user_name TEXT NOT NULL REFERENCES users(name),
			key_id TEXT NOT NULL,
			public_key TEXT NOT NULL,
			secret_key BLOB NOT NULL,
			created_at TEXT NOT NULL,
			retired_at TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE UNIQUE INDEX signing_keys_current ON signing_keys (user_name) WHERE retired_at = ''`,
		`CREATE TABLE reports_issued (
			id INTEGER PRIMARY KEY,
			kind TEXT NOT NULL,
			format TEXT NOT NULL,
			period_from TEXT NOT NULL,
			period_to TEXT NOT NULL,
			sha256 TEXT NOT NULL,
			key_id TEXT NOT NULL DEFAULT '',
			submitted_on TEXT NOT NULL DEFAULT '',
			issued_by TEXT NOT NULL,
			issued_at TEXT NOT NULL
		)`,
	}
}

// schemaV5 adds issue 8: incidents (the report fields as a JSON document
// beside the columns queries need; notifications sent, timeline entries and
// evidence links), scans and threat hunts with their findings and the
// findings' remediation, incident-response plans, drills, official
// warnings and awareness sessions.
func schemaV5() []string {
	return []string{
		`CREATE TABLE incidents (
			id INTEGER PRIMARY KEY,
			title TEXT NOT NULL,
			system_id INTEGER NOT NULL DEFAULT 0,
			type TEXT NOT NULL,
			detected_at TEXT NOT NULL,
			flags TEXT NOT NULL DEFAULT '',
			state TEXT NOT NULL,
			response_ended_at TEXT NOT NULL DEFAULT '',
			data TEXT NOT NULL,
			created_by TEXT NOT NULL,
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE TABLE incident_notifications (
			id INTEGER PRIMARY KEY,
			incident_id INTEGER NOT NULL REFERENCES incidents(id),
			kind TEXT NOT NULL,
			at TEXT NOT NULL,
			recipient TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL
		)`,
		`CREATE INDEX incident_notifications_incident ON incident_notifications (incident_id)`,
		`CREATE TABLE incident_timeline (
			id INTEGER PRIMARY KEY,
			incident_id INTEGER NOT NULL REFERENCES incidents(id),
			at TEXT NOT NULL,
			text TEXT NOT NULL,
			by_whom TEXT NOT NULL
		)`,
		`CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id)`,
		`CREATE TABLE incident_evidence (
			incident_id INTEGER NOT NULL REFERENCES incidents(id),
			evidence_id TEXT NOT NULL REFERENCES evidence(id),
			PRIMARY KEY (incident_id, evidence_id)
		)`,
		`CREATE TABLE scans (
			id INTEGER PRIMARY KEY,
			system_id INTEGER NOT NULL REFERENCES systems(id),
			date TEXT NOT NULL,
			kind TEXT NOT NULL,
			tool TEXT NOT NULL DEFAULT '',
			performer TEXT NOT NULL DEFAULT '',
			provider TEXT NOT NULL DEFAULT '',
			scope TEXT NOT NULL DEFAULT '',
			summary TEXT NOT NULL DEFAULT '',
			evidence_id TEXT NOT NULL DEFAULT '',
			activity_id INTEGER NOT NULL DEFAULT 0,
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE INDEX scans_system ON scans (system_id, date)`,
		`CREATE TABLE findings (
			id INTEGER PRIMARY KEY,
			scan_id INTEGER NOT NULL REFERENCES scans(id),
			system_id INTEGER NOT NULL,
			asset_id INTEGER NOT NULL DEFAULT 0,
			host TEXT NOT NULL,
			hostname TEXT NOT NULL DEFAULT '',
			port TEXT NOT NULL DEFAULT '',
			plugin_id TEXT NOT NULL DEFAULT '',
			cves TEXT NOT NULL DEFAULT '',
			cvss REAL NOT NULL DEFAULT 0,
			severity TEXT NOT NULL,
			name TEXT NOT NULL,
			solution TEXT NOT NULL DEFAULT '',
			match_key TEXT NOT NULL,
			status TEXT NOT NULL,
			owner TEXT NOT NULL DEFAULT '',
			due_date TEXT NOT NULL DEFAULT '',
			due_default INTEGER NOT NULL DEFAULT 0,
			fix_evidence_id TEXT NOT NULL DEFAULT '',
			closed_by_scan INTEGER NOT NULL DEFAULT 0,
			closed_on TEXT NOT NULL DEFAULT '',
			first_seen TEXT NOT NULL,
			last_seen TEXT NOT NULL
		)`,
		`CREATE INDEX findings_match ON findings (system_id, match_key)`,
		`CREATE INDEX findings_status ON findings (status)`,
		`CREATE TABLE response_plans (
			id INTEGER PRIMARY KEY,
			system_id INTEGER NOT NULL REFERENCES systems(id),
			version TEXT NOT NULL,
			title TEXT NOT NULL DEFAULT '',
			approved_on TEXT NOT NULL,
			approver TEXT NOT NULL DEFAULT '',
			evidence_id TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE TABLE drills (
			id INTEGER PRIMARY KEY,
			date TEXT NOT NULL,
			scenario TEXT NOT NULL,
			systems TEXT NOT NULL DEFAULT '',
			participants TEXT NOT NULL DEFAULT '',
			live_fire INTEGER NOT NULL DEFAULT 0,
			findings TEXT NOT NULL DEFAULT '',
			evidence_id TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE TABLE warnings (
			id INTEGER PRIMARY KEY,
			number TEXT NOT NULL,
			date TEXT NOT NULL,
			source TEXT NOT NULL DEFAULT '',
			products TEXT NOT NULL DEFAULT '',
			cves TEXT NOT NULL DEFAULT '',
			action TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL,
			closed_on TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
		`CREATE TABLE awareness_sessions (
			id INTEGER PRIMARY KEY,
			date TEXT NOT NULL,
			topic TEXT NOT NULL,
			audience TEXT NOT NULL DEFAULT '',
			attendees INTEGER NOT NULL DEFAULT 0,
			evidence_id TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
	}
}

// schemaV6 lets a large scan report be imported in chunks: its findings and
// hosts are staged under an import id by several small transactions, then
// one transaction moves them into findings and deletes them, so the journal
// never holds one record the size of the report. A finding's due date now
// names the pack rule it came from (due_rule; due_default is no longer
// written).
func schemaV6() []string {
	return []string{
		`CREATE TABLE scan_staging_findings (
			seq INTEGER PRIMARY KEY,
			import_id TEXT NOT NULL,
			match_key TEXT NOT NULL,
			asset_id INTEGER NOT NULL,
			host TEXT NOT NULL,
			hostname TEXT NOT NULL,
			port TEXT NOT NULL,
			plugin_id TEXT NOT NULL,
			cves TEXT NOT NULL,
			cvss REAL NOT NULL,
			severity TEXT NOT NULL,
			name TEXT NOT NULL,
			solution TEXT NOT NULL
		)`,
		`CREATE INDEX scan_staging_findings_key ON scan_staging_findings (import_id, match_key)`,
		`CREATE INDEX scan_staging_findings_host ON scan_staging_findings (import_id, host)`,
		`CREATE TABLE scan_staging_hosts (
			import_id TEXT NOT NULL,
			host TEXT NOT NULL,
			asset_id INTEGER NOT NULL,
			host_who TEXT NOT NULL,
			asset_who TEXT NOT NULL,
			PRIMARY KEY (import_id, host)
		)`,
		`ALTER TABLE findings ADD COLUMN due_rule TEXT NOT NULL DEFAULT ''`,
	}
}

// schemaV8 lets a manager return an assessment with a comment (the latest
// return is kept on the assessment), and lets the agency mark one
// obligation (by its stable id) as not applicable with a reason.
func schemaV8() []string {
	return []string{
		`ALTER TABLE assessments ADD COLUMN returned_by TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE assessments ADD COLUMN returned_at TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE assessments ADD COLUMN return_comment TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE obligation_waivers (
			obligation_id TEXT PRIMARY KEY,
			reason TEXT NOT NULL,
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL
		)`,
	}
}

// schemaV10 adds the receiving office (issue 17): the vault's kind (agency
// or office, fixed at creation); the registry of reporting agencies and
// their signing keys with the days each is valid; the bundles received,
// byte for byte in a blob, with what intake read from them (a correction
// supersedes an earlier bundle of the same agency, kind, period and
// subject, which is kept); the office's signed receipts; and, on an
// agency's side, the office's public key and the receipts it imported.
func schemaV10() []string {
	return []string{
		`ALTER TABLE agency ADD COLUMN kind TEXT NOT NULL DEFAULT 'agency'`,
		`ALTER TABLE agency ADD COLUMN office_public_key TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE office_agencies (
			code TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			parent TEXT NOT NULL DEFAULT '',
			kind TEXT NOT NULL DEFAULT 'other',
			contact_name TEXT NOT NULL DEFAULT '',
			contact_phone TEXT NOT NULL DEFAULT '',
			contact_email TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE TABLE office_agency_keys (
			id INTEGER PRIMARY KEY,
			agency_code TEXT NOT NULL REFERENCES office_agencies(code),
			key_id TEXT NOT NULL,
			public_key TEXT NOT NULL,
			valid_from TEXT NOT NULL,
			valid_until TEXT NOT NULL DEFAULT '',
			revoked INTEGER NOT NULL DEFAULT 0,
			reason TEXT NOT NULL DEFAULT '',
			added_by TEXT NOT NULL,
			added_at TEXT NOT NULL
		)`,
		`CREATE UNIQUE INDEX office_agency_keys_id ON office_agency_keys (agency_code, key_id)`,
		`CREATE TABLE office_bundles (
			id INTEGER PRIMARY KEY,
			agency_code TEXT NOT NULL REFERENCES office_agencies(code),
			kind TEXT NOT NULL,
			period_from TEXT NOT NULL,
			period_to TEXT NOT NULL,
			subject TEXT NOT NULL DEFAULT '',
			sha256 TEXT NOT NULL UNIQUE,
			manifest_sha256 TEXT NOT NULL,
			size INTEGER NOT NULL,
			blob_id TEXT NOT NULL,
			file_name TEXT NOT NULL DEFAULT '',
			key_id TEXT NOT NULL,
			signer TEXT NOT NULL DEFAULT '',
			created_at TEXT NOT NULL,
			received_at TEXT NOT NULL,
			received_by TEXT NOT NULL,
			superseded_by INTEGER NOT NULL DEFAULT 0,
			superseded_at TEXT NOT NULL DEFAULT '',
			superseded_user TEXT NOT NULL DEFAULT '',
			data_json TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX office_bundles_report ON office_bundles (agency_code, kind, period_from, period_to, subject)`,
		`CREATE TABLE office_receipts (
			bundle_id INTEGER PRIMARY KEY REFERENCES office_bundles(id),
			body TEXT NOT NULL,
			signature TEXT NOT NULL,
			key_id TEXT NOT NULL,
			signed_by TEXT NOT NULL,
			signed_at TEXT NOT NULL
		)`,
		`CREATE TABLE receipts_imported (
			id INTEGER PRIMARY KEY,
			bundle_sha256 TEXT NOT NULL UNIQUE,
			kind TEXT NOT NULL,
			period_from TEXT NOT NULL,
			period_to TEXT NOT NULL,
			received_at TEXT NOT NULL,
			office_key_id TEXT NOT NULL,
			body TEXT NOT NULL,
			signature TEXT NOT NULL,
			imported_by TEXT NOT NULL,
			imported_at TEXT NOT NULL
		)`,
	}
}

// schemaV12 is the receiving office's register of the security warnings
// it receives from above and relays to the agencies (days YYYY-MM-DD,
// relayed_on empty while not relayed). A warning relayed to all agencies
// has relayed_all set and no rows in office_warning_recipients.
func schemaV12() []string {
	return []string{
		`CREATE TABLE office_warnings (
			id INTEGER PRIMARY KEY,
			received_on TEXT NOT NULL,
			issued_on TEXT NOT NULL DEFAULT '',
			source TEXT NOT NULL,
			number TEXT NOT NULL DEFAULT '',
			subject TEXT NOT NULL,
			severity TEXT NOT NULL DEFAULT '',
			relayed_on TEXT NOT NULL DEFAULT '',
			relayed_all INTEGER NOT NULL DEFAULT 0,
			relay_number TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT '',
			recorded_by TEXT NOT NULL,
			recorded_at TEXT NOT NULL,
			updated_at TEXT NOT NULL
		)`,
		`CREATE INDEX office_warnings_received ON office_warnings (received_on)`,
		`CREATE INDEX office_warnings_relayed ON office_warnings (relayed_on)`,
		`CREATE TABLE office_warning_recipients (
			warning_id INTEGER NOT NULL REFERENCES office_warnings(id),
			agency_code TEXT NOT NULL REFERENCES office_agencies(code),
			PRIMARY KEY (warning_id, agency_code)
		)`,
	}
}
