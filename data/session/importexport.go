package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of imports and exports.
var (
	// ErrUnknownFormat is returned for a file name whose extension is not
	// .csv, .xlsx (or .json for exports).
	ErrUnknownFormat = errors.New("session: unknown file format; use .csv, .xlsx or .json")
	// ErrStrictRejected is returned by a strict import that had invalid
	// rows: nothing was imported; the report says why.
	ErrStrictRejected = errors.New("session: some rows are invalid; nothing was imported (strict mode)")
	// ErrNoValidRows is returned by an import (not a dry run) whose file has
	// no valid data row: nothing was imported; the report says why.
	ErrNoValidRows = errors.New("session: the file has no valid row to import")
)

// Format is a register file format.
type Format string

// The formats.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
	FormatJSON Format = "json"
)

// FormatOf returns the format a file name's extension names.
func FormatOf(path string) (Format, error) {
	switch f := Format(strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")); f {
	case FormatCSV, FormatXLSX, FormatJSON:
		return f, nil
	}
	return "", fmt.Errorf("%w: %s", ErrUnknownFormat, filepath.Base(path))
}

// LoadSheet reads a .csv or .xlsx file with tabular's bounded readers. A
// file it cannot read gives an error wrapping a tabular sentinel (ErrEmpty,
// ErrNotCSV, ErrNotXLSX, ErrTooLarge …) and nothing else happens.
func LoadSheet(path string, opts tabular.ReadOptions) (tabular.Sheet, error) {
	format, err := FormatOf(path)
	if err != nil || format == FormatJSON {
		return tabular.Sheet{}, fmt.Errorf("%w: %s", ErrUnknownFormat, filepath.Base(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return tabular.Sheet{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return tabular.Sheet{}, err
	}
	if !st.Mode().IsRegular() {
		return tabular.Sheet{}, &os.PathError{Op: "read", Path: path, Err: os.ErrInvalid}
	}
	if format == FormatCSV {
		return tabular.ReadCSV(f, opts)
	}
	return tabular.ReadXLSX(f, st.Size(), opts)
}

// ImportOptions steer an import.
type ImportOptions struct {
	DryRun bool // validate and report only; change nothing
	Strict bool // import nothing if any row is invalid
}

// SkippedRow is an imported row that was refused, with every reason.
type SkippedRow struct {
	Row      int // the row number the user sees in the spreadsheet
	Problems []registers.Problem
}

// RowMatch is an imported row that describes an asset already in the
// register: which asset, by which key it was found ("code", "hostname",
// "serial", "macs", "ips" or "name"), and the fields the row changes
// (none for an unchanged row). For a new row, ID is 0 and Name the row's.
type RowMatch struct {
	Row     int
	ID      int64
	Name    string // the asset's name before the import
	By      string
	Changes []registers.FieldChange
}

// ImportReport says what an import did (or, for a dry run, would do).
type ImportReport struct {
	Rows       int        // data rows read below the header
	Imported   int        // rows stored, new or updated (0 for a dry run, a strict rejection or a failure)
	Valid      int        // rows that passed validation: new, updated and unchanged
	New        int        // valid rows that add an entry
	Added      []RowMatch // those rows (ID 0, the name the row gives; assets only)
	Updated    []RowMatch // valid rows that change an entry already there
	Unchanged  []RowMatch // valid rows that say what the register already holds
	Skipped    []SkippedRow
	Unknown    []tabular.Column // header cells naming no field, ignored
	Duplicates []tabular.Column // second columns for a field, ignored
	HeaderRow  int
}

// ImportAssets validates every row of sheet mapped by m (from
// tabular.DetectHeader with registers.AssetFields, possibly edited by the
// user) and stores the valid rows in one transaction. A row that describes
// an asset already in the register (found by its code in the register, then
// its host name, serial number, MAC address, IP address, and last its type
// and name; see matchAsset) updates that asset with the row's filled cells,
// so importing an export back, or the same file twice, adds nothing; the
// report says which rows are new, which update which asset with which
// changes, and which are unchanged. Rows are refused for a bad value, an
// unknown type or system, a formula-like cell, a host name another asset or
// row has, two rows for one asset, or a status change the lifecycle does
// not allow. A dry run stores nothing; a strict import stores nothing if
// any row is refused (ErrStrictRejected); a file without any valid row
// gives ErrNoValidRows. Needs PermEditRegisters, also for a dry run.
func (s *Session) ImportAssets(sheet tabular.Sheet, m tabular.Mapping, opts ImportOptions) (ImportReport, error) {
	if err := m.Validate(registers.AssetFields()); err != nil {
		return ImportReport{}, err
	}
	return s.runImport(m, opts, func(q rowQuerier, rep *ImportReport) (func(tx *vault.Tx) error, error) {
		plan, err := planAssets(q, sheet, m, rep)
		if err != nil {
			return nil, err
		}
		return func(tx *vault.Tx) error { return s.storeAssets(tx, plan) }, nil
	})
}

// runImport runs plan (which validates the rows and fills the report)
// inside a read transaction for a dry run, or inside the write
// transaction that then stores the rows.
func (s *Session) runImport(m tabular.Mapping, opts ImportOptions, plan func(q rowQuerier, rep *ImportReport) (func(tx *vault.Tx) error, error)) (ImportReport, error) {
	return s.runImportAs(users.PermEditRegisters, m, opts, plan)
}

// runImportAs is runImport for a user with perm.
func (s *Session) runImportAs(perm users.Permission, m tabular.Mapping, opts ImportOptions, plan func(q rowQuerier, rep *ImportReport) (func(tx *vault.Tx) error, error)) (ImportReport, error) {
	rep := ImportReport{Unknown: m.Unknown, Duplicates: m.Duplicates, HeaderRow: m.HeaderRow}
	if opts.DryRun {
		err := s.read(perm, func(tx *vault.ReadTx, _ users.User) error {
			_, err := plan(tx, &rep)
			return err
		})
		return rep, err
	}
	err := s.write(perm, func(tx *vault.Tx, _ users.User) error {
		store, err := plan(tx, &rep)
		if err != nil {
			return err
		}
		if opts.Strict && len(rep.Skipped) > 0 {
			return ErrStrictRejected
		}
		if rep.Valid == 0 {
			return ErrNoValidRows
		}
		return store(tx)
	})
	if err == nil && !opts.DryRun {
		rep.Imported = rep.New + len(rep.Updated)
	}
	return rep, err
}

func namesOf(assets []registers.Asset) string {
	const show = 20
	var names []string
	for i, a := range assets {
		if i == show {
			names = append(names, fmt.Sprintf("… và %d tài sản khác", len(assets)-show))
			break
		}
		names = append(names, a.Name)
	}
	return strings.Join(names, ", ")
}

// ImportSystems imports information systems like ImportAssets: each valid
// row becomes a new system whose dossier starts drafting (its steps are
// then recorded one by one). A row naming a system of the register that
// says what the register holds (the register's export read back) is
// unchanged; another row with a name already in the file or the register
// is refused (systems change on their own screen, where the dossier's
// rules apply).
func (s *Session) ImportSystems(sheet tabular.Sheet, m tabular.Mapping, opts ImportOptions) (ImportReport, error) {
	if err := m.Validate(registers.SystemFields()); err != nil {
		return ImportReport{}, err
	}
	return s.runImport(m, opts, func(q rowQuerier, rep *ImportReport) (func(tx *vault.Tx) error, error) {
		systems, err := planSystems(q, sheet, m, rep)
		if err != nil {
			return nil, err
		}
		return func(tx *vault.Tx) error {
			for _, sys := range systems {
				if _, err := s.saveSystemTx(tx, sys); err != nil {
					return err
				}
			}
			return nil
		}, nil
	})
}

func planSystems(q rowQuerier, sheet tabular.Sheet, m tabular.Mapping, rep *ImportReport) ([]registers.System, error) {
	existing, err := readSystems(q)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	byKey := map[string]registers.System{}
	for _, sys := range existing {
		seen[registers.SystemKey(sys.Name)] = 0
		byKey[registers.SystemKey(sys.Name)] = sys
	}
	mapped := map[string]bool{}
	for _, k := range m.Columns {
		mapped[k] = true
	}
	var out []registers.System
	for _, rec := range tabular.TrimFooter(tabular.Records(sheet, m), "name") {
		rep.Rows++
		sys, probs := registers.SystemFromRecord(rec)
		key := registers.SystemKey(sys.Name)
		if old, ok := byKey[key]; ok && len(probs) == 0 && seen[key] == 0 && registers.SystemMatches(old, sys, mapped) {
			// The register's own export read back: nothing to add.
			rep.Valid++
			rep.Unchanged = append(rep.Unchanged, RowMatch{Row: rec.Row, ID: old.ID, Name: old.Name, By: "system_name"})
			seen[key] = rec.Row
			continue
		}
		if len(probs) == 0 {
			if row, dup := seen[registers.SystemKey(sys.Name)]; dup {
				err := fmt.Errorf("%w: %s", ErrSystemExists, sys.Name)
				if row > 0 {
					err = fmt.Errorf("%w: %s (row %d)", ErrSystemExists, sys.Name, row)
				}
				probs = append(probs, registers.Problem{Field: "name", Err: err})
			} else {
				seen[registers.SystemKey(sys.Name)] = rec.Row
			}
		}
		if len(probs) > 0 {
			rep.Skipped = append(rep.Skipped, SkippedRow{Row: rec.Row, Problems: probs})
			continue
		}
		out = append(out, sys)
	}
	rep.Valid += len(out)
	rep.New = len(out)
	return out, nil
}

// assetExport is an asset as written in JSON exports: with the names of
// the systems it serves and whether it is a violation.
type assetExport struct {
	registers.Asset
	SystemNames []string `json:"system_names"`
	Violation   bool     `json:"violation"`
}

// ExportAssets writes the whole asset register to w as CSV (UTF-8 with
// BOM), XLSX (formatted sheet) or JSON (with repair logs and sanitisation
// records), and returns the number of assets. Sheet cells are neutralised
// against formula injection by package tabular. Needs PermRead.
func (s *Session) ExportAssets(w io.Writer, format Format) (int, error) {
	var assets []registers.Asset
	names := map[int64]string{}
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if assets, err = queryAssets(tx, AssetFilter{}); err != nil {
			return err
		}
		if err := attachLogs(tx, assets); err != nil {
			return err
		}
		systems, err := readSystems(tx)
		for _, sys := range systems {
			names[sys.ID] = sys.Name
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	systemName := func(id int64) string { return names[id] }
	var tag string
	if err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		tag, err = registerTag(tx)
		return err
	}); err != nil {
		return 0, err
	}
	switch format {
	case FormatJSON:
		out := make([]assetExport, 0, len(assets))
		for _, a := range assets {
			x := assetExport{Asset: a, Violation: a.Violation(), SystemNames: []string{}}
			for _, id := range a.Systems {
				x.SystemNames = append(x.SystemNames, names[id])
			}
			out = append(out, x)
		}
		return len(assets), writeJSON(w, out)
	case FormatCSV, FormatXLSX:
		rows := make([][]string, 0, len(assets))
		for _, a := range assets {
			rows = append(rows, registers.AssetRow(a, registers.AssetCode(tag, a.ID), systemName))
		}
		return len(assets), writeSheet(w, format, "Tài sản", registers.AssetHeaders(), rows, registers.AssetDateColumns())
	}
	return 0, fmt.Errorf("%w: %s", ErrUnknownFormat, format)
}

// attachLogs fills every asset's repairs and sanitisations with two
// queries.
func attachLogs(q rowQuerier, assets []registers.Asset) error {
	index := map[int64]int{}
	for i, a := range assets {
		index[a.ID] = i
	}
	rows, err := q.Query(`SELECT asset_id, id, date, by_whom, vendor, what, returned_on FROM asset_repairs ORDER BY asset_id, date, id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var aid int64
		var r registers.Repair
		if err := rows.Scan(&aid, &r.ID, &r.Date, &r.By, &r.Vendor, &r.What, &r.ReturnedOn); err != nil {
			rows.Close()
			return err
		}
		if i, ok := index[aid]; ok {
			assets[i].Repairs = append(assets[i].Repairs, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = q.Query(`SELECT asset_id, id, method, date, performer, witness, evidence_id, for_status FROM asset_sanitisations ORDER BY asset_id, id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var aid int64
		var x registers.Sanitisation
		if err := rows.Scan(&aid, &x.ID, &x.Method, &x.Date, &x.Performer, &x.Witness, &x.EvidenceID, &x.ForStatus); err != nil {
			return err
		}
		if i, ok := index[aid]; ok {
			assets[i].Sanitisations = append(assets[i].Sanitisations, x)
		}
	}
	return rows.Err()
}

// ExportSystems writes the system register as CSV, XLSX or JSON (JSON
// keeps every field, including the dossier history and protection plan).
// Needs PermRead.
func (s *Session) ExportSystems(w io.Writer, format Format) (int, error) {
	systems, err := s.ListSystems(SystemFilter{})
	if err != nil {
		return 0, err
	}
	switch format {
	case FormatJSON:
		if systems == nil {
			systems = []registers.System{}
		}
		return len(systems), writeJSON(w, systems)
	case FormatCSV, FormatXLSX:
		rows := make([][]string, 0, len(systems))
		for _, sys := range systems {
			rows = append(rows, registers.SystemRow(sys))
		}
		return len(systems), writeSheet(w, format, "Hệ thống thông tin", registers.SystemHeaders(), rows, registers.SystemDateColumns())
	}
	return 0, fmt.Errorf("%w: %s", ErrUnknownFormat, format)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeSheet writes a register sheet; in XLSX the date columns hold date
// cells shown dd/mm/yyyy.
func writeSheet(w io.Writer, format Format, sheet string, header []string, rows [][]string, dateCols []int) error {
	if format == FormatCSV {
		return tabular.WriteCSV(w, header, rows)
	}
	return tabular.WriteXLSXWith(w, sheet, header, rows, tabular.XLSXOptions{DateColumns: dateCols})
}
