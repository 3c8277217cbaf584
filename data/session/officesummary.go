package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"daumoi/data/audit"
	"daumoi/data/incidents"
	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/tabular"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// SummaryKind is which provincial report to make.
type SummaryKind string

// The provincial reports.
const (
	SummaryAnnual  SummaryKind = "annual"  // the consolidated report to the People's Committee (20/12)
	SummaryMonthly SummaryKind = "monthly" // the situation report to the Chairman (the 5th)
)

var (
	// ErrUnknownSummaryKind is returned for a summary kind other than
	// annual or monthly.
	ErrUnknownSummaryKind = errors.New("session: unknown provincial report kind (annual or monthly)")
	// ErrBadSummaryPeriod is returned for a year or month out of range.
	ErrBadSummaryPeriod = errors.New("session: invalid year or month of the provincial report")
	// ErrNoSummaryRule means no active pack has the office's deadline for
	// that report (the deadline is never assumed).
	ErrNoSummaryRule = errors.New("session: no active regulation pack sets the deadline of this provincial report")
)

// SummaryRequest says which provincial report to make.
type SummaryRequest struct {
	Kind SummaryKind
	// Year (0: the year of Today) and, for the monthly report, Month (0:
	// the month before Today's).
	Year, Month int
	// Today is the report's date and the day the status is counted on
	// (zero: the session's clock).
	Today time.Time
	// Number and Symbol go on the number line (Symbol empty: "BC-" and
	// the office's abbreviation).
	Number, Symbol string
	// Recommendations is the officer's text for "Kiến nghị, đề xuất".
	Recommendations string
	AppVersion      string
	// SignPDF, when set, signs the rendered PDF (PAdES, on the head's
	// token) before it is written or put in the bundle.
	SignPDF func(pdf []byte, layout pdfdoc.Layout) ([]byte, error)
}

// ProvinceSummary is a provincial report built: its document and the data
// it was made from (data.json of its bundle).
type ProvinceSummary struct {
	Request  SummaryRequest
	Document pdfdoc.Document
	Data     docs.ProvinceData
	// From and To are the report's data period.
	From, To time.Time
}

// BundleKind is the bundle kind of the report ("province-annual").
func (p ProvinceSummary) BundleKind() string { return "province-" + string(p.Request.Kind) }

// FileName is the report's PDF name in its bundle and the name offered
// when saving ("province-annual-2026.pdf", "province-monthly-2026-11.pdf").
func (p ProvinceSummary) FileName() string {
	name := p.BundleKind() + "-" + strconv.Itoa(p.Request.Year)
	if p.Request.Kind == SummaryMonthly {
		name += fmt.Sprintf("-%02d", p.Request.Month)
	}
	return name + ".pdf"
}

// normalize fills the defaults of r on the clock's now and checks it.
func (r SummaryRequest) normalize(now time.Time) (SummaryRequest, error) {
	if r.Today.IsZero() {
		r.Today = now
	}
	r.Today = office.Day(r.Today)
	switch r.Kind {
	case SummaryAnnual:
		r.Month = 0
		if r.Year == 0 {
			r.Year = r.Today.Year()
		}
	case SummaryMonthly:
		if r.Year == 0 && r.Month == 0 {
			prev := r.Today.AddDate(0, 0, -r.Today.Day())
			r.Year, r.Month = prev.Year(), int(prev.Month())
		}
		if r.Year == 0 {
			r.Year = r.Today.Year()
		}
		if r.Month < 1 || r.Month > 12 {
			return r, fmt.Errorf("%w: month %d", ErrBadSummaryPeriod, r.Month)
		}
	default:
		return r, fmt.Errorf("%w: %q", ErrUnknownSummaryKind, r.Kind)
	}
	if r.Year < 2000 || r.Year > 9999 {
		return r, fmt.Errorf("%w: year %d", ErrBadSummaryPeriod, r.Year)
	}
	r.Number, r.Symbol = strings.TrimSpace(r.Number), strings.TrimSpace(r.Symbol)
	r.Recommendations = strings.TrimSpace(r.Recommendations)
	return r, nil
}

// ProvinceSummary builds the provincial report of req from the office
// vault (any office user): the status of every registered agency, the
// incidents received, the office's profile and head. It changes nothing.
func (s *Session) ProvinceSummary(req SummaryRequest) (ProvinceSummary, error) {
	req, err := req.normalize(s.now())
	if err != nil {
		return ProvinceSummary{}, err
	}
	status, agencyDeadline, err := s.ProvinceStatus(req.Year, req.Today)
	if err != nil {
		return ProvinceSummary{}, err
	}
	out := ProvinceSummary{Request: req}
	err = s.read(users.PermRead, func(tx *vault.ReadTx, me users.User) error {
		return s.buildSummary(tx, me, &out, status, agencyDeadline)
	})
	return out, err
}

// buildSummary lays out the report of out.Request from the status.
func (s *Session) buildSummary(tx *vault.ReadTx, me users.User, out *ProvinceSummary, status []office.AgencyStatus, agencyDeadline time.Time) error {
	req := out.Request
	active, _, err := activePacks(tx)
	if err != nil {
		return err
	}
	var due time.Time
	var ok bool
	if req.Kind == SummaryAnnual {
		due, ok = office.ProvincialDeadline(active, req.Year)
		out.From, out.To = DefaultAnnualPeriod(req.Year)
	} else {
		due, ok = office.MonthlyDeadline(active, req.Year, req.Month)
		out.From = time.Date(req.Year, time.Month(req.Month), 1, 0, 0, 0, 0, time.UTC)
		out.To = out.From.AddDate(0, 1, -1)
	}
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoSummaryRule, req.Kind)
	}
	h, p, err := s.summaryHeader(tx, me, req)
	if err != nil {
		return err
	}
	agencies := provinceAgencies(status)
	out.Data = docs.ProvinceData{Kind: string(req.Kind), Office: docs.DataAgency{Name: p.Name, Abbreviation: p.Signing.Abbreviation, OwnerAuthority: p.OwnerAuthority},
		Year: req.Year, Month: req.Month, Period: docs.DataPeriod{AsOf: req.Today.Format(time.DateOnly)}, Due: due.Format(time.DateOnly),
		AgencyDeadline: agencyDeadline.Format(time.DateOnly), Agencies: agencies, Recommendations: req.Recommendations}
	if req.Kind == SummaryAnnual {
		out.Document = docs.ProvinceAnnualDocument(docs.Province{Header: h, Year: req.Year, AgencyDeadline: agencyDeadline, Due: due, AsOf: req.Today,
			Agencies: agencies, Recommendations: req.Recommendations})
		return nil
	}
	if out.Data.Incidents, err = monthIncidents(tx, out.From, out.To, s.clockAt(req.Today), status); err != nil {
		return err
	}
	if out.Data.Warnings, out.Data.WarningRecords, err = monthWarnings(tx, out.From, out.To, len(status)); err != nil {
		return err
	}
	out.Document = docs.ProvinceMonthlyDocument(docs.ProvinceMonth{Header: h, Year: req.Year, Month: req.Month, Due: due, AsOf: req.Today,
		Incidents: out.Data.Incidents, Warnings: out.Data.Warnings, WarningRecords: out.Data.WarningRecords,
		AgencyDeadline: agencyDeadline, Agencies: agencies, Recommendations: req.Recommendations})
	return nil
}

// summaryHeader is the office's document header: its name, parent
// authority and abbreviation from the vault's profile, signed by the
// office head (the acting user when head, else the first head).
func (s *Session) summaryHeader(q rowQuerier, me users.User, req SummaryRequest) (docs.Header, registers.Profile, error) {
	p, err := readProfile(q)
	if err != nil {
		return docs.Header{}, registers.Profile{}, err
	}
	signer := me
	if !me.Has(users.RoleHead) {
		heads, err := queryUsers(q, `SELECT `+userColumns+` FROM users WHERE disabled = 0 AND (',' || roles || ',') LIKE '%,head,%' ORDER BY name LIMIT 1`)
		if err != nil {
			return docs.Header{}, registers.Profile{}, err
		}
		signer = users.User{}
		if len(heads) > 0 {
			signer = heads[0]
		}
	}
	symbol := req.Symbol
	if symbol == "" {
		symbol = p.Signing.Symbol("BC")
	}
	authority, position := p.Signing.SignatureLines(signer.Position)
	to := "Ủy ban nhân dân tỉnh (để báo cáo);"
	if req.Kind == SummaryMonthly {
		to = "Chủ tịch Ủy ban nhân dân tỉnh (để báo cáo);"
	}
	recipients := []string{to}
	if p.OwnerAuthority != "" {
		recipients = append(recipients, p.OwnerAuthority+";")
	}
	h := docs.Header{OwnerAuthority: p.OwnerAuthority, Agency: p.Name, AgencyAbbreviation: p.Signing.Abbreviation,
		Number: req.Number, Symbol: symbol, Place: p.Signing.Place, Date: req.Today, SignerAuthority: authority, SignerPosition: position,
		SignerName: signer.FullName, Recipients: append(recipients, "Lưu: VT.")}
	return h, p, nil
}

// provinceAgencies turns the status into the report's lines.
func provinceAgencies(status []office.AgencyStatus) []docs.ProvinceAgency {
	out := make([]docs.ProvinceAgency, 0, len(status))
	for _, st := range status {
		received := ""
		if t, err := time.Parse(time.RFC3339, st.FirstReceived); err == nil {
			received = t.In(incidents.Zone()).Format(time.DateOnly)
		}
		levels := map[string]int{}
		for k, v := range st.SystemsByLevel {
			levels[k] = v
		}
		out = append(out, docs.ProvinceAgency{Code: st.Agency.Code, Name: st.Agency.Name, Kind: string(st.Agency.Kind), Parent: st.Agency.Parent,
			State: string(st.State), Received: received, HasData: st.HasData, Compliance: st.Compliance, ItemsMet: st.ItemsMet,
			ItemsAssessed: st.ItemsAssessed, Systems: st.Systems, SystemsByLevel: levels, DossiersApproved: st.DossiersApproved,
			Violations: st.Violations, FindingsOpen: st.FindingsOpen, FindingsOverdue: st.FindingsOverdue,
			IncidentsIn: st.IncidentsReceived, IncidentsOpen: st.OpenIncidents})
	}
	return out
}

// monthIncidents are the incidents whose bundle the office received in
// [from, to] (civil days in Vietnam) and held at the moment at, each in
// the state of its latest version held then, in the order received.
func monthIncidents(tx *vault.ReadTx, from, to, at time.Time, status []office.AgencyStatus) ([]docs.ProvinceIncident, error) {
	subs, err := receivedBy(tx, at)
	if err != nil {
		return nil, err
	}
	byID := map[int64]office.Submission{}
	for _, sub := range subs {
		byID[sub.BundleID] = sub
	}
	names := map[string]string{}
	for _, st := range status {
		names[st.Agency.Code] = st.Agency.Name
	}
	var out []docs.ProvinceIncident
	seen := map[int64]bool{}
	for _, sub := range subs {
		day := office.Day(sub.ReceivedAt)
		if sub.Kind != "incident" || day.Before(from) || day.After(to) {
			continue
		}
		last := sub
		for steps := 0; !last.Current && byID[last.SupersededBy].BundleID != 0 && steps < len(subs); steps++ {
			last = byID[last.SupersededBy]
		}
		if seen[last.BundleID] {
			continue
		}
		seen[last.BundleID] = true
		var d IncidentDetails
		if err := json.Unmarshal([]byte(last.Data), &d); err != nil {
			return nil, fmt.Errorf("%w: %w", ErrIntakeBadData, err)
		}
		out = append(out, docs.ProvinceIncident{AgencyCode: sub.AgencyCode, Agency: names[sub.AgencyCode], Title: d.Title, Type: d.Type, State: string(d.State),
			StateLabel: upperFirst(incidents.State(d.State).Label()), Detected: d.Detected, Received: sub.ReceivedAt})
	}
	return out, nil
}

// RenderProvinceSummary builds the report of req, renders it as PDF to w
// and records it in the history (any office user). It returns the PDF's
// SHA-256 (hex).
func (s *Session) RenderProvinceSummary(req SummaryRequest, w io.Writer) (string, error) {
	sum, err := s.ProvinceSummary(req)
	if err != nil {
		return "", err
	}
	pdf, err := renderPDF(sum.Document, req.SignPDF)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(pdf)
	hash := hex.EncodeToString(h[:])
	if _, err := w.Write(pdf); err != nil {
		return "", err
	}
	err = s.write(users.PermRead, func(tx *vault.Tx, _ users.User) error {
		return s.recordIssued(tx, issued{kind: sum.BundleKind(), format: "pdf", from: sum.From, to: sum.To, sha256: hash})
	})
	return hash, err
}

// BuildProvinceBundle builds the signed bundle of the provincial report
// of req and writes the ZIP to out: the report as PDF, data.json
// (docs.ProvinceDataSchema) and the agencies as CSV, signed with the
// office head's key (PermOfficeSign; ErrNoSigningKey,
// ErrWrongSigningPassphrase) in the format every bundle has (kind
// province-annual or province-monthly), so that `daumoi verify` checks it
// with the head's public key. It is recorded in the history before out is
// published, and in the same transaction the report counts as submitted
// (markProvinceSubmitted), so that the office's own obligation is met.
// signingPassphrase is wiped.
func (s *Session) BuildProvinceBundle(req SummaryRequest, signingPassphrase []byte, out Output) (BundleInfo, error) {
	if _, err := s.check(users.PermOfficeSign); err != nil {
		clear(signingPassphrase)
		return BundleInfo{}, err
	}
	var sum ProvinceSummary
	return s.signBundleAs(users.PermOfficeSign, signingPassphrase, out, func(me users.User, created time.Time) (bundle.Bundle, error) {
		var err error
		if sum, err = s.ProvinceSummary(req); err != nil {
			return bundle.Bundle{}, err
		}
		return s.provinceBundle(me, sum, created, req.AppVersion)
	}, func(tx *vault.Tx, _ bundle.Bundle, created time.Time, info BundleInfo) error {
		if err := s.recordIssued(tx, issued{kind: sum.BundleKind(), format: "bundle", from: sum.From, to: sum.To, sha256: info.SHA256,
			keyID: info.KeyID}); err != nil {
			return err
		}
		return s.markProvinceSubmitted(tx, sum, created, info)
	})
}

// markProvinceSubmitted records the provincial report of sum as
// submitted (the activity the office's rule counts, agency-wide), dated
// the report's date (not after the bundle was made) and naming the
// bundle's SHA-256, as markSubmitted does for an agency's annual report.
// The report of a period has one such activity: a bundle rebuilt names
// its SHA-256 in the activity of the first one, whose date stays (the
// report was submitted then). Nothing is recorded when no pack knows the
// activity kind.
func (s *Session) markProvinceSubmitted(tx *vault.Tx, sum ProvinceSummary, created time.Time, info BundleInfo) error {
	kind, period := office.ProvincialAnnualActivity, fmt.Sprintf("Báo cáo tổng hợp năm %d của tỉnh", sum.Request.Year)
	if sum.Request.Kind == SummaryMonthly {
		kind, period = office.MonthlySummaryActivity, fmt.Sprintf("Báo cáo tình hình tháng %02d/%d của tỉnh", sum.Request.Month, sum.Request.Year)
	}
	kinds, err := activityKinds(tx)
	if err != nil || !slices.Contains(kinds, kind) {
		return err
	}
	note := period + ", gói đã ký " + sum.FileName() + ", SHA-256 " + info.SHA256
	res, err := tx.Exec(`UPDATE activities SET note = ? WHERE kind = ? AND system_id = 0 AND instr(note, ?) = 1`, note, kind, period+",")
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	day := office.Day(sum.Request.Today)
	if made := office.Day(created); day.After(made) {
		day = made
	}
	id, err := nextID(tx, "activities")
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO activities (id, kind, system_id, date, note, recorded_by, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)`,
		id, kind, day.Format(time.DateOnly), note, s.user, stamp(s.now()))
	return err
}

// provinceBundle gathers the files and manifest facts of a provincial
// bundle.
func (s *Session) provinceBundle(me users.User, sum ProvinceSummary, created time.Time, version string) (bundle.Bundle, error) {
	var head audit.ChainHead
	var code string
	err := s.read(users.PermOfficeSign, func(tx *vault.ReadTx, _ users.User) error {
		p, err := readProfile(tx)
		if err != nil {
			return err
		}
		code = p.Code
		head, err = audit.Head(tx)
		return err
	})
	if err != nil {
		return bundle.Bundle{}, err
	}
	pdf, err := renderPDF(sum.Document, sum.Request.SignPDF)
	if err != nil {
		return bundle.Bundle{}, err
	}
	data, err := docs.ProvinceDataJSON(sum.Data, sum.From, sum.To, created)
	if err != nil {
		return bundle.Bundle{}, err
	}
	var csv bytes.Buffer
	if err := WriteProvinceAgenciesCSV(&csv, sum.Data.Agencies); err != nil {
		return bundle.Bundle{}, err
	}
	if version == "" {
		version = "dev"
	}
	return bundle.Bundle{
		Kind: sum.BundleKind(), Agency: bundle.Agency{Name: sum.Data.Office.Name, Code: code},
		Period: bundle.Period{From: sum.From, To: sum.To}, Created: created, AppVersion: version,
		AuditHead: bundle.AuditHead{Seq: head.Seq, Hash: head.Hash}, SignerName: me.FullName,
		Files: []bundle.File{
			bundle.BytesFile("report/"+sum.FileName(), pdf),
			bundle.BytesFile("data/data.json", data),
			bundle.BytesFile("data/agencies.csv", csv.Bytes()),
		},
	}, nil
}

// ProvinceAgencyColumns are the columns of data/agencies.csv in a
// provincial bundle (the names of the JSON fields of docs.ProvinceAgency).
func ProvinceAgencyColumns() []string {
	return []string{"code", "name", "kind", "parent", "state", "received", "compliance", "items_met", "items_assessed", "systems",
		"dossiers_approved", "violations", "findings_open", "findings_overdue", "incidents_received", "incidents_open"}
}

// WriteProvinceAgenciesCSV writes the agencies' lines as CSV (UTF-8 with
// a BOM, tabular.WriteCSV): compliance with one decimal and a point,
// empty when nothing was assessed.
func WriteProvinceAgenciesCSV(w io.Writer, list []docs.ProvinceAgency) error {
	rows := make([][]string, 0, len(list))
	n := strconv.Itoa
	for _, a := range list {
		compliance := ""
		if a.ItemsAssessed > 0 {
			compliance = strconv.FormatFloat(a.Compliance, 'f', 1, 64)
		}
		rows = append(rows, []string{a.Code, a.Name, a.Kind, a.Parent, a.State, a.Received, compliance, n(a.ItemsMet), n(a.ItemsAssessed),
			n(a.Systems), n(a.DossiersApproved), n(a.Violations), n(a.FindingsOpen), n(a.FindingsOverdue), n(a.IncidentsIn), n(a.IncidentsOpen)})
	}
	return tabular.WriteCSV(w, ProvinceAgencyColumns(), rows)
}

// upperFirst writes the first letter of s in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
