package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
)

// Reasons a bundle is refused at intake, besides the sentinels of
// reports/bundle (tampering, ZIP bombs, unknown key) and of data/office
// (key not valid on the signing day).
var (
	// ErrIntakeUnreadable means the file could not be opened or read.
	ErrIntakeUnreadable = errors.New("session: the bundle file cannot be read")
	// ErrIntakeChanged means the file changed while it was being received.
	ErrIntakeChanged = errors.New("session: the bundle file changed while it was being received")
	// ErrIntakeUnknownAgency means the manifest names an agency code the
	// registry does not know.
	ErrIntakeUnknownAgency = errors.New("session: the bundle's agency is not in the registry")
	// ErrIntakeKeyOfOtherAgency means the bundle was signed by a key
	// registered for another agency than the one its manifest names.
	ErrIntakeKeyOfOtherAgency = errors.New("session: the bundle is signed by a key of another agency")
	// ErrIntakeUnknownKind means the bundle's kind is not a report kind
	// the office receives.
	ErrIntakeUnknownKind = errors.New("session: unknown kind of report bundle")
	// ErrIntakePeriod means the period the manifest states is not
	// plausible for its kind.
	ErrIntakePeriod = errors.New("session: the bundle's period is not plausible")
	// ErrIntakeBadData means the bundle's data file (data/data.json,
	// data/incident.json) is missing, too large, or does not follow its
	// format, or disagrees with the manifest.
	ErrIntakeBadData = errors.New("session: the bundle's data file is missing or malformed")
	// ErrIntakeOlder means a newer bundle of the same report (agency,
	// kind, period, subject) was already received: an older version cannot
	// supersede it.
	ErrIntakeOlder = errors.New("session: a newer bundle of this report was already received")
)

// IntakeOutcome is what intake did with one bundle file.
type IntakeOutcome string

// The outcomes of intake.
const (
	IntakeAccepted   IntakeOutcome = "accepted"
	IntakeDuplicate  IntakeOutcome = "duplicate"
	IntakeSuperseded IntakeOutcome = "superseded"
	IntakeRefused    IntakeOutcome = "refused"
)

// IntakeResult is the outcome of receiving one bundle file.
type IntakeResult struct {
	FileName string
	Outcome  IntakeOutcome
	// Bundle is the stored bundle (for a duplicate: the one already
	// there); zero when refused.
	Bundle ReceivedBundle
	// Supersedes is, for IntakeSuperseded, the id of the earlier bundle
	// now superseded.
	Supersedes int64
	// Reason is, for IntakeRefused, why: it wraps a sentinel of this
	// package, of reports/bundle or of data/office (app/errtext has the
	// Vietnamese text).
	Reason error
}

// maxDataJSON bounds the data file intake reads into data_json.
const maxDataJSON = 4 << 20

// IntakeFile verifies the bundle file at path and stores it (receiving
// officer only: PermReceive). A bad bundle is not an error: it is an
// IntakeRefused result, and nothing about it is stored except a line in
// the history. err is for failures of the office's vault itself (not
// permitted, disk, ctx cancelled). progress, if not nil, receives bytes
// done out of a total (the file is read twice: hashed, then stored).
//
// The checks, in order: the file's SHA-256 is not already stored
// (IntakeDuplicate); bundle.VerifyWithLimits against every key of the
// registry with bundle.DefaultLimits; the manifest's agency is registered
// (ErrIntakeUnknownAgency) and the signing key is that agency's
// (ErrIntakeKeyOfOtherAgency) and valid on the day the manifest says it
// was made (office.KeyFor); the kind is annual or incident
// (ErrIntakeUnknownKind) with a plausible period (ErrIntakePeriod); its
// data file follows its format (ErrIntakeBadData). A bundle of the same
// agency, kind and period (for an incident: the same incident) as a
// current one supersedes it (IntakeSuperseded) unless it was made earlier
// (ErrIntakeOlder). The original bytes are stored encrypted in a blob and
// the record written in one transaction: a crash leaves at most an
// unreferenced blob, which the next unlock deletes.
func (s *Session) IntakeFile(ctx context.Context, path string, progress func(done, total int64)) (IntakeResult, error) {
	res := IntakeResult{FileName: filepath.Base(path)}
	if _, err := s.check(users.PermReceive); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	r, err := s.receive(ctx, path, progress)
	if err != nil {
		return res, err
	}
	r.FileName = res.FileName
	switch r.Outcome {
	case IntakeRefused:
		return r, s.recordRefusal(r)
	case IntakeDuplicate:
		return r, s.recordDuplicate(r)
	}
	return r, nil
}

// intakeFile is an open bundle file with its whole-file hash.
type intakeFile struct {
	f      *os.File
	size   int64
	sha256 string
	name   string
}

// receive opens, hashes, checks and stores one file; a refusal is a
// result, an error is the vault's.
func (s *Session) receive(ctx context.Context, path string, progress func(done, total int64)) (IntakeResult, error) {
	refused := func(reason error) (IntakeResult, error) {
		return IntakeResult{Outcome: IntakeRefused, Reason: reason}, nil
	}
	in, err := openIntakeFile(ctx, path, progress)
	if err != nil {
		if ctx.Err() != nil {
			return IntakeResult{}, ctx.Err()
		}
		return refused(err)
	}
	defer in.f.Close()
	dup, found, err := s.receivedBySHA(in.sha256)
	switch {
	case err != nil:
		return IntakeResult{}, err
	case found:
		return IntakeResult{Outcome: IntakeDuplicate, Bundle: dup}, nil
	}
	registry, err := s.intakeRegistry()
	if err != nil {
		return IntakeResult{}, err
	}
	b, err := checkBundle(in, registry)
	if err != nil {
		return refused(err)
	}
	return s.store(ctx, in, b, progress)
}

// openIntakeFile opens path and hashes it (ErrIntakeUnreadable).
func openIntakeFile(ctx context.Context, path string, progress func(done, total int64)) (intakeFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return intakeFile{}, fmt.Errorf("%w: %w", ErrIntakeUnreadable, err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = errors.New("not a regular file")
	}
	if err != nil {
		f.Close()
		return intakeFile{}, fmt.Errorf("%w: %w", ErrIntakeUnreadable, err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, &progressReader{ctx: ctx, r: f, report: progress, total: 2 * st.Size()}); err != nil {
		f.Close()
		return intakeFile{}, fmt.Errorf("%w: %w", ErrIntakeUnreadable, err)
	}
	return intakeFile{f: f, size: st.Size(), sha256: hex.EncodeToString(h.Sum(nil)), name: filepath.Base(path)}, nil
}

// progressReader reports the bytes read through it, counted from base,
// and stops when ctx is cancelled.
type progressReader struct {
	ctx               context.Context
	r                 io.Reader
	report            func(done, total int64)
	base, total, done int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	if err := p.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.report != nil && n > 0 {
		p.report(p.base+p.done, p.total)
	}
	return n, err
}

// receivedBySHA finds a stored bundle by its file's SHA-256.
func (s *Session) receivedBySHA(sum string) (ReceivedBundle, bool, error) {
	var b ReceivedBundle
	found := false
	err := s.read(users.PermReceive, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		b, err = scanReceived(tx.QueryRow(`SELECT `+receivedColumns+` FROM office_bundles WHERE sha256 = ?`, sum).Scan)
		if isNoRows(err) {
			return nil
		}
		found = err == nil
		return err
	})
	return b, found, err
}

// registry is every registered agency's keys, by agency code.
type registry map[string][]office.Key

// intakeRegistry reads the registry's keys.
func (s *Session) intakeRegistry() (registry, error) {
	reg := registry{}
	err := s.read(users.PermReceive, func(tx *vault.ReadTx, _ users.User) error {
		agencies, err := queryAll(tx, scanAgency, `SELECT `+agencyColumns+` FROM office_agencies`)
		if err != nil {
			return err
		}
		for _, a := range agencies {
			if reg[a.Code], err = agencyKeys(tx, a.Code); err != nil {
				return err
			}
		}
		return nil
	})
	return reg, err
}

// trust is every key of the registry, named by its agency's code.
func (r registry) trust() bundle.Trust {
	var keys []bundle.TrustedKey
	for code, list := range r {
		for _, k := range list {
			keys = append(keys, bundle.TrustedKey{Name: code, Key: k.PublicKey})
		}
	}
	return bundle.TrustKeys(keys)
}

// checked is a bundle that passed every check of intake.
type checked struct {
	result  bundle.Result
	subject string
	data    string
	items   string // per-system requirement results (annual), JSON
}

// checkBundle verifies the bundle in in against the registry.
func checkBundle(in intakeFile, reg registry) (checked, error) {
	res, err := bundle.VerifyWithLimits(in.f, in.size, reg.trust(), bundle.DefaultLimits())
	if err != nil {
		return checked{}, err
	}
	keys, known := reg[res.Agency.Code]
	switch {
	case !known:
		return checked{}, fmt.Errorf("%w: %q", ErrIntakeUnknownAgency, res.Agency.Code)
	case res.TrustedAs != res.Agency.Code:
		return checked{}, fmt.Errorf("%w: key %s is registered for %q, the bundle names %q", ErrIntakeKeyOfOtherAgency, res.Signer.KeyID, res.TrustedAs, res.Agency.Code)
	}
	if _, err := office.KeyFor(keys, res.Signer.KeyID, res.Created); err != nil {
		return checked{}, err
	}
	if err := checkIntakePeriod(res); err != nil {
		return checked{}, err
	}
	subject, data, err := readBundleData(in, res)
	if err != nil {
		return checked{}, err
	}
	items, err := readBundleItems(in, res)
	if err != nil {
		return checked{}, err
	}
	return checked{result: res, subject: subject, data: data, items: items}, nil
}

// Report kinds the office receives, with their data file.
var intakeKinds = map[string]string{"annual": "data/data.json", "incident": "data/incident.json"}

// maxAnnualDays is the longest annual period: a year and a day.
const maxAnnualDays = 367

// checkIntakePeriod checks the kind and its period: From ≤ To, years 2000–9999,
// an annual report at most a year long (the default period is 15/12 of the
// year before to 14/12, Chỉ thị 11), an incident's starting no later than
// the bundle was made.
func checkIntakePeriod(res bundle.Result) error {
	if _, ok := intakeKinds[res.Kind]; !ok {
		return fmt.Errorf("%w: %q", ErrIntakeUnknownKind, res.Kind)
	}
	from, to := res.Period.From, res.Period.To
	switch {
	case to.Before(from):
		return fmt.Errorf("%w: ends before it starts", ErrIntakePeriod)
	case from.Year() < 2000 || to.Year() > 9999:
		return fmt.Errorf("%w: year", ErrIntakePeriod)
	case res.Kind == "annual" && to.Sub(from) > maxAnnualDays*24*time.Hour:
		return fmt.Errorf("%w: an annual report of more than a year", ErrIntakePeriod)
	case res.Kind == "incident" && from.After(office.Day(res.Created)):
		return fmt.Errorf("%w: the incident starts after the bundle was made", ErrIntakePeriod)
	}
	return nil
}

// store puts the file's bytes in a blob and records the bundle.
func (s *Session) store(ctx context.Context, in intakeFile, b checked, progress func(done, total int64)) (IntakeResult, error) {
	if _, err := in.f.Seek(0, io.SeekStart); err != nil {
		return IntakeResult{}, err
	}
	blob, err := s.v.PutBlob(ctx, &progressReader{ctx: ctx, r: in.f, report: progress, base: in.size, total: 2 * in.size}, nil)
	if err != nil {
		return IntakeResult{}, err
	}
	if blob.SHA256 != in.sha256 || blob.Size != in.size {
		return IntakeResult{Outcome: IntakeRefused, Reason: ErrIntakeChanged}, s.v.DeleteBlob(blob.ID)
	}
	r, err := s.recordIntake(in, b, blob.ID)
	if err != nil || r.Outcome == IntakeRefused || r.Outcome == IntakeDuplicate {
		return r, errors.Join(err, s.v.DeleteBlob(blob.ID))
	}
	return r, nil
}

// recordIntake inserts the bundle, supersedes the current bundle of the
// same report, and records both in one transaction.
func (s *Session) recordIntake(in intakeFile, b checked, blobID string) (IntakeResult, error) {
	var r IntakeResult
	err := s.write(users.PermReceive, func(tx *vault.Tx, me users.User) error {
		if dup, err := scanReceived(tx.QueryRow(`SELECT `+receivedColumns+` FROM office_bundles WHERE sha256 = ?`, in.sha256).Scan); err == nil {
			r = IntakeResult{Outcome: IntakeDuplicate, Bundle: dup}
			return nil
		}
		nb := newReceived(in, b, blobID, me, s.now())
		current, err := currentReceived(tx, nb)
		if err != nil {
			return err
		}
		if current.ID != 0 && nb.Created.Before(current.Created) {
			r = IntakeResult{Outcome: IntakeRefused, Reason: fmt.Errorf("%w: bundle %d made %s", ErrIntakeOlder, current.ID, current.Created.Format(time.RFC3339))}
			return nil
		}
		if nb.ID, err = nextID(tx, "office_bundles"); err != nil {
			return err
		}
		if err := insertReceived(tx, nb); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE office_bundles SET items_json = ? WHERE id = ?`, b.items, nb.ID); err != nil {
			return err
		}
		r = IntakeResult{Outcome: IntakeAccepted, Bundle: nb}
		if current.ID != 0 {
			r.Outcome, r.Supersedes = IntakeSuperseded, current.ID
			if _, err := tx.Exec(`UPDATE office_bundles SET superseded_by = ?, superseded_at = ?, superseded_user = ? WHERE id = ?`,
				nb.ID, stamp(nb.ReceivedAt), me.Name, current.ID); err != nil {
				return err
			}
		}
		return s.record(tx, "office.intake", "received_bundle", fmt.Sprint(nb.ID), intakeSummary(r))
	})
	return r, err
}

// newReceived is the record of a bundle about to be stored.
func newReceived(in intakeFile, b checked, blobID string, me users.User, now time.Time) ReceivedBundle {
	res := b.result
	return ReceivedBundle{
		AgencyCode: res.Agency.Code, Kind: res.Kind, From: res.Period.From, To: res.Period.To, Subject: b.subject,
		SHA256: in.sha256, ManifestSHA256: res.ManifestSHA256, Size: in.size, BlobID: blobID, FileName: in.name,
		KeyID: res.Signer.KeyID, Signer: res.Signer.Name, Created: res.Created.UTC(), ReceivedAt: now.UTC().Truncate(time.Second),
		ReceivedBy: me.Name, Data: b.data,
	}
}

// currentReceived is the bundle not superseded of the same report as b,
// or a zero record: same agency, kind and period, or for a report with a
// subject (an incident, whose period grows while it is open) same agency,
// kind and subject.
func currentReceived(tx *vault.Tx, b ReceivedBundle) (ReceivedBundle, error) {
	cur, err := scanReceived(tx.QueryRow(`SELECT `+receivedColumns+` FROM office_bundles
		WHERE agency_code = ? AND kind = ? AND subject = ? AND superseded_by = 0
		AND (subject != '' OR (period_from = ? AND period_to = ?))
		ORDER BY id DESC LIMIT 1`, b.AgencyCode, b.Kind, b.Subject, b.From.Format(time.DateOnly), b.To.Format(time.DateOnly)).Scan)
	if isNoRows(err) {
		return ReceivedBundle{}, nil
	}
	return cur, err
}

func insertReceived(tx *vault.Tx, b ReceivedBundle) error {
	_, err := tx.Exec(`INSERT INTO office_bundles (`+receivedColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', '', ?)`,
		b.ID, b.AgencyCode, b.Kind, b.From.Format(time.DateOnly), b.To.Format(time.DateOnly), b.Subject, b.SHA256, b.ManifestSHA256,
		b.Size, b.BlobID, b.FileName, b.KeyID, b.Signer, stamp(b.Created), stamp(b.ReceivedAt), b.ReceivedBy, b.Data)
	return err
}

// intakeSummary tells in the history what intake did.
func intakeSummary(r IntakeResult) string {
	b := r.Bundle
	what := fmt.Sprintf("gói %s của %s (%s đến %s", b.Kind, b.AgencyCode, b.From.Format("02/01/2006"), b.To.Format("02/01/2006"))
	if b.Subject != "" {
		what += ", sự cố " + b.Subject
	}
	what += fmt.Sprintf("), tệp %s, ký bằng khóa %s, SHA-256 %s", b.FileName, b.KeyID, b.SHA256)
	if r.Outcome == IntakeSuperseded {
		return fmt.Sprintf("tiếp nhận bản sửa đổi thay cho hồ sơ số %d: %s", r.Supersedes, what)
	}
	return "tiếp nhận " + what
}

// recordRefusal writes the refusal of a bundle to the history, the only
// trace it leaves.
func (s *Session) recordRefusal(r IntakeResult) error {
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "office.intake_refuse", "received_bundle", "",
			fmt.Sprintf("từ chối tệp %s: %s", r.FileName, refusalWords(r.Reason)))
	})
}

// recordDuplicate notes in the history a file received again.
func (s *Session) recordDuplicate(r IntakeResult) error {
	return s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		return s.record(tx, "office.intake_duplicate", "received_bundle", fmt.Sprint(r.Bundle.ID),
			fmt.Sprintf("tệp %s đã được tiếp nhận trước đó (hồ sơ số %d), không thay đổi gì", r.FileName, r.Bundle.ID))
	})
}

// IntakeFiles receives each of paths in order, a folder standing for the
// *.zip files directly inside it (not its subfolders), by name; each, if
// not nil, is called after each file with its index, the number of files
// and its result. It stops at the first error of the vault (see
// IntakeFile), returning the results so far.
func (s *Session) IntakeFiles(ctx context.Context, paths []string, each func(i, n int, r IntakeResult)) ([]IntakeResult, error) {
	if _, err := s.check(users.PermReceive); err != nil {
		return nil, err
	}
	files, err := expandIntakePaths(paths)
	if err != nil {
		return nil, err
	}
	var results []IntakeResult
	for i, p := range files {
		r, err := s.IntakeFile(ctx, p, nil)
		if err != nil {
			return results, err
		}
		results = append(results, r)
		if each != nil {
			each(i, len(files), r)
		}
	}
	return results, nil
}

// expandIntakePaths replaces each folder by the *.zip files in it, sorted
// by name; a path that is not a folder stays (a missing file is refused by
// IntakeFile).
func expandIntakePaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrIntakeUnreadable, err)
		}
		var names []string
		for _, e := range entries {
			if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".zip") {
				names = append(names, filepath.Join(p, e.Name()))
			}
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	return out, nil
}
