package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// Errors of the registry's imports.
var (
	// ErrSameAgencyTwice is a row of an agency list whose code an earlier
	// row of the same file already has.
	ErrSameAgencyTwice = errors.New("session: another row of the file has the same agency code")
	// ErrNotKeyFolder means the path given for a folder of .pub files is
	// not a folder, or holds no .pub file.
	ErrNotKeyFolder = errors.New("session: not a folder of .pub files")
)

// AgencyMatchBy is RowMatch.By for a row of an agency list that names an
// agency of the registry by its code.
const AgencyMatchBy = "agency_code"

// ImportAgencies reads the office's own list of agencies (sheet mapped by
// m, from tabular.DetectHeader with office.AgencyFields) and stores its
// valid rows in one transaction: a new code registers the agency, a code
// of the registry updates that agency's name, parent, kind and contact
// with the row's filled cells (Updated, with the changes), a row saying
// what the registry holds is Unchanged. Rows are refused for a missing or
// malformed code or name, an unknown kind, a formula-like cell or a code
// an earlier row has. Options as for ImportAssets; receiving officer only,
// also for a dry run.
func (s *Session) ImportAgencies(sheet tabular.Sheet, m tabular.Mapping, opts ImportOptions) (ImportReport, error) {
	if err := m.Validate(office.AgencyFields()); err != nil {
		return ImportReport{}, err
	}
	return s.runImportAs(users.PermReceive, m, opts, func(q rowQuerier, rep *ImportReport) (func(tx *vault.Tx) error, error) {
		adds, updates, err := planAgencies(q, sheet, m, rep)
		if err != nil {
			return nil, err
		}
		return func(tx *vault.Tx) error { return s.storeAgencies(tx, adds, updates) }, nil
	})
}

// planAgencies validates the rows and matches them to the registry.
func planAgencies(q rowQuerier, sheet tabular.Sheet, m tabular.Mapping, rep *ImportReport) (adds, updates []office.Agency, err error) {
	existing, err := queryAll(q, scanAgency, `SELECT `+agencyColumns+` FROM office_agencies ORDER BY code`)
	if err != nil {
		return nil, nil, err
	}
	byCode := map[string]office.Agency{}
	for _, a := range existing {
		byCode[a.Code] = a
	}
	seen := map[string]int{}
	for _, rec := range tabular.TrimFooter(tabular.Records(sheet, m), office.FieldCode, office.FieldName) {
		rep.Rows++
		before, known := byCode[strings.TrimSpace(rec.Values[office.FieldCode])]
		a, probs := agencyFromRecord(rec, before)
		if first, dup := seen[a.Code]; len(probs) == 0 && dup {
			probs = append(probs, registers.Problem{Field: office.FieldCode, Err: fmt.Errorf("%w: %q (row %d)", ErrSameAgencyTwice, a.Code, first)})
		}
		if len(probs) > 0 {
			rep.Skipped = append(rep.Skipped, SkippedRow{Row: rec.Row, Problems: probs})
			continue
		}
		seen[a.Code] = rec.Row
		rep.Valid++
		match := RowMatch{Row: rec.Row, Name: a.Code + " — " + a.Name, By: AgencyMatchBy}
		switch {
		case !known:
			rep.New++
			rep.Added = append(rep.Added, RowMatch{Row: rec.Row, Name: match.Name})
			adds = append(adds, a)
		case a == before:
			rep.Unchanged = append(rep.Unchanged, match)
		default:
			match.Changes = agencyChanges(before, a)
			rep.Updated = append(rep.Updated, match)
			updates = append(updates, a)
		}
	}
	return adds, updates, nil
}

// agencyFromRecord builds an agency from a row: base's values (the
// registry's, for a known code) where the row's cells are empty.
func agencyFromRecord(rec tabular.Record, base office.Agency) (office.Agency, []registers.Problem) {
	var probs []registers.Problem
	for _, f := range rec.Formulas {
		probs = append(probs, registers.Problem{Field: f, Err: fmt.Errorf("%w: %q", registers.ErrFormula, rec.Values[f])})
	}
	if len(probs) > 0 {
		return office.Agency{}, probs
	}
	v := rec.Values
	a := base
	for field, dst := range map[string]*string{office.FieldCode: &a.Code, office.FieldName: &a.Name, office.FieldParent: &a.Parent,
		office.FieldContactName: &a.ContactName, office.FieldContactPhone: &a.ContactPhone, office.FieldContactEmail: &a.ContactEmail} {
		if strings.TrimSpace(v[field]) != "" {
			*dst = v[field]
		}
	}
	if strings.TrimSpace(v[office.FieldKind]) != "" || a.Kind == "" {
		k, err := office.ParseKindLabel(v[office.FieldKind])
		if err != nil {
			return office.Agency{}, []registers.Problem{{Field: office.FieldKind, Err: err}}
		}
		a.Kind = k
	}
	for _, req := range []string{office.FieldCode, office.FieldName} {
		if strings.TrimSpace(v[req]) == "" {
			probs = append(probs, registers.Problem{Field: req, Err: registers.ErrRequired})
		}
	}
	if len(probs) > 0 {
		return office.Agency{}, probs
	}
	norm, err := office.Normalize(a)
	if err != nil {
		return office.Agency{}, []registers.Problem{{Err: err}}
	}
	return norm, nil
}

// agencyChanges lists the fields that differ, with the import's field keys.
func agencyChanges(before, after office.Agency) []registers.FieldChange {
	var out []registers.FieldChange
	for _, f := range []struct {
		key      string
		old, new string
	}{
		{office.FieldName, before.Name, after.Name}, {office.FieldParent, before.Parent, after.Parent},
		{office.FieldKind, string(before.Kind), string(after.Kind)}, {office.FieldContactName, before.ContactName, after.ContactName},
		{office.FieldContactPhone, before.ContactPhone, after.ContactPhone}, {office.FieldContactEmail, before.ContactEmail, after.ContactEmail},
	} {
		if f.old != f.new {
			out = append(out, registers.FieldChange{Field: f.key, Old: f.old, New: f.new})
		}
	}
	return out
}

// storeAgencies writes an import's new and changed agencies, recording each.
func (s *Session) storeAgencies(tx *vault.Tx, adds, updates []office.Agency) error {
	now := stamp(s.now())
	for _, a := range adds {
		if _, err := tx.Exec(`INSERT INTO office_agencies (`+agencyColumns+`, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Code, a.Name, a.Parent, string(a.Kind), a.ContactName, a.ContactPhone, a.ContactEmail, now, now); err != nil {
			return err
		}
		if err := s.record(tx, "registry.agency_add", "reporting_agency", a.Code, a.Name+" (nhập từ danh sách)"); err != nil {
			return err
		}
	}
	for _, a := range updates {
		before, err := getAgency(tx, a.Code)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE office_agencies SET name = ?, parent = ?, kind = ?, contact_name = ?, contact_phone = ?, contact_email = ?, updated_at = ? WHERE code = ?`,
			a.Name, a.Parent, string(a.Kind), a.ContactName, a.ContactPhone, a.ContactEmail, now, a.Code); err != nil {
			return err
		}
		if err := s.record(tx, "registry.agency_update", "reporting_agency", a.Code, a.Name+" (nhập từ danh sách): "+joinSummary(diffFields(before, a, "code"))); err != nil {
			return err
		}
	}
	return nil
}

// KeyOutcome is what a key import did with one .pub file.
type KeyOutcome string

// The outcomes of a key import.
const (
	KeyAdded         KeyOutcome = "added"
	KeyUnknownAgency KeyOutcome = "unknown_agency"
	KeyRegistered    KeyOutcome = "already_registered"
	KeyOfOther       KeyOutcome = "key_of_other"
	KeyMalformed     KeyOutcome = "malformed"
)

// KeyFileResult is one .pub file of a key import.
type KeyFileResult struct {
	File    string // the file's name in the folder
	Code    string // the agency code its name gives
	Outcome KeyOutcome
	Key     office.Key // the key added (KeyAdded), or read (KeyRegistered, KeyOfOther)
	Err     error      // why, for every outcome but KeyAdded
}

// maxKeyFile bounds a .pub file read by a key import.
const maxKeyFile = 4096

// ImportAgencyKeys registers the keys of a folder of .pub files, each named
// by its agency's code ("000.00.12.H62.pub"), as valid from the day from.
// Every file gets a result, in file name order: added, unknown agency,
// already registered (for that agency), registered for another agency, or
// malformed; the keys added are stored in one transaction (receiving
// officer only). A dry run stores nothing. Files not ending in .pub are
// not read; a path that is not a folder with a .pub file gives
// ErrNotKeyFolder and changes nothing.
func (s *Session) ImportAgencyKeys(dir string, from time.Time, dryRun bool) ([]KeyFileResult, error) {
	if _, err := s.check(users.PermReceive); err != nil {
		return nil, err
	}
	results, keys, err := readKeyFolder(dir)
	if err != nil {
		return nil, err
	}
	run := func(tx *vault.Tx, me users.User) error {
		for i := range results {
			if results[i].Outcome != "" {
				continue
			}
			var err error
			if results[i], err = s.importKeyFile(tx, me, results[i], keys[i], from); err != nil {
				return err
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	}
	err = s.write(users.PermReceive, run)
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return results, err
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("session: dry run")

// importKeyFile registers one file's key inside tx, or says why not; an
// error is a failure of the vault, which ends the whole import.
func (s *Session) importKeyFile(tx *vault.Tx, me users.User, res KeyFileResult, pub signing.PublicKey, from time.Time) (KeyFileResult, error) {
	res.Key = office.Key{AgencyCode: res.Code, PublicKey: pub, KeyID: pub.KeyID(), Fingerprint: pub.Fingerprint()}
	k, err := s.addAgencyKey(tx, me, res.Code, pub, from)
	switch {
	case err == nil:
		res.Outcome, res.Key = KeyAdded, k
	case errors.Is(err, ErrNoSuchAgency):
		res.Outcome, res.Err = KeyUnknownAgency, err
	case errors.Is(err, ErrKeyExists):
		res.Outcome, res.Err = KeyRegistered, err
	case errors.Is(err, ErrKeyOfOther):
		res.Outcome, res.Err = KeyOfOther, err
	default:
		return res, err
	}
	return res, nil
}

// readKeyFolder reads every .pub file of dir: the results of those that
// are malformed are filled in, the others wait for the registry.
func readKeyFolder(dir string) ([]KeyFileResult, []signing.PublicKey, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %s: %w", ErrNotKeyFolder, filepath.Base(dir), err)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.EqualFold(filepath.Ext(e.Name()), ".pub") {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, nil, fmt.Errorf("%w: %s", ErrNotKeyFolder, filepath.Base(dir))
	}
	sort.Strings(names)
	results := make([]KeyFileResult, len(names))
	keys := make([]signing.PublicKey, len(names))
	for i, name := range names {
		results[i] = KeyFileResult{File: name, Code: strings.TrimSpace(name[:len(name)-len(filepath.Ext(name))])}
		pub, err := readKeyFile(filepath.Join(dir, name))
		if err != nil {
			results[i].Outcome, results[i].Err = KeyMalformed, err
			continue
		}
		keys[i] = pub
	}
	return results, keys, nil
}

// readKeyFile reads a small .pub file.
func readKeyFile(path string) (signing.PublicKey, error) {
	f, err := os.Open(path)
	if err != nil {
		return signing.PublicKey{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return signing.PublicKey{}, err
	}
	return signing.ParsePublicKey(data)
}

// KeyOutcomes lists the outcomes in display order.
func KeyOutcomes() []KeyOutcome {
	return []KeyOutcome{KeyAdded, KeyRegistered, KeyOfOther, KeyUnknownAgency, KeyMalformed}
}

// CountOutcomes counts results by outcome.
func CountOutcomes(results []KeyFileResult) map[KeyOutcome]int {
	n := map[KeyOutcome]int{}
	for _, r := range results {
		if slices.Contains(KeyOutcomes(), r.Outcome) {
			n[r.Outcome]++
		}
	}
	return n
}
