package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"daumoi/data/audit"
	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// ErrUnknownBundleKind is returned for a bundle kind other than "annual".
var ErrUnknownBundleKind = errors.New("session: unknown bundle kind (only annual)")

// Output receives a signed bundle. Write puts its bytes where nobody sees
// them yet (a temporary file); Publish gives them their final name. The
// bundle services publish only after the bundle is recorded in the history
// (so no signed file exists that the history does not name), and never
// when recording fails; the caller then drops what was written.
type Output interface {
	io.Writer
	Publish() error
}

// RenderReport builds the report of req, renders it as PDF (signed by
// req.SignPDF when set) to w and records it in the history and the list of issued reports (any user:
// PermRead). It returns the PDF's SHA-256 (hex).
func (s *Session) RenderReport(req ReportRequest, w io.Writer) (string, error) {
	req, err := req.normalize(s.now())
	if err != nil {
		return "", err
	}
	rendered, err := s.ReportDocument(req)
	if err != nil {
		return "", err
	}
	pdf, err := renderPDF(rendered.Document, req.SignPDF)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(pdf)
	hash := hex.EncodeToString(sum[:])
	if _, err := w.Write(pdf); err != nil {
		return "", err
	}
	err = s.write(users.PermRead, func(tx *vault.Tx, _ users.User) error {
		return s.recordIssued(tx, issued{kind: string(req.Kind), format: "pdf", from: req.From, to: req.To, sha256: hash})
	})
	return hash, err
}

// renderPDF renders doc, then has sign (when set) sign it, telling it
// where the signature block is.
func renderPDF(doc pdfdoc.Document, sign func([]byte, pdfdoc.Layout) ([]byte, error)) ([]byte, error) {
	var buf bytes.Buffer
	layout, err := pdfdoc.RenderLayout(doc, &buf)
	if err != nil || sign == nil {
		return buf.Bytes(), err
	}
	return sign(buf.Bytes(), layout)
}

// issued is one row of reports_issued.
type issued struct {
	kind, format, sha256, keyID, submittedOn string
	from, to                                 time.Time
}

func (s *Session) recordIssued(tx *vault.Tx, r issued) error {
	res, err := tx.Exec(`INSERT INTO reports_issued (kind, format, period_from, period_to, sha256, key_id, submitted_on, issued_by, issued_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.kind, r.format, r.from.Format(time.DateOnly), r.to.Format(time.DateOnly),
		r.sha256, r.keyID, r.submittedOn, s.user, stamp(s.now()))
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	action, summary := "report.render", fmt.Sprintf("báo cáo %s (%s đến %s), SHA-256 %s", r.kind, r.from.Format(time.DateOnly), r.to.Format(time.DateOnly), r.sha256)
	if r.format == "bundle" {
		action, summary = "bundle.build", fmt.Sprintf("gói %s đã ký bằng khóa %s (%s đến %s), SHA-256 %s", r.kind, r.keyID, r.from.Format(time.DateOnly), r.to.Format(time.DateOnly), r.sha256)
	}
	return s.record(tx, action, "report", strconv.FormatInt(id, 10), summary)
}

// IssuedReport is a report rendered or a bundle built, as recorded.
type IssuedReport struct {
	ID          int64
	Kind        string
	Format      string // pdf or bundle
	PeriodFrom  string
	PeriodTo    string
	SHA256      string
	KeyID       string // signing key of a bundle
	SubmittedOn string // date an annual bundle was made (counts as submitted)
	IssuedBy    string
	IssuedAt    string
}

// IssuedReports lists the reports rendered and bundles built, newest
// first (any user).
func (s *Session) IssuedReports() ([]IssuedReport, error) {
	var list []IssuedReport
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT id, kind, format, period_from, period_to, sha256, key_id, submitted_on, issued_by, issued_at
			FROM reports_issued ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r IssuedReport
			if err := rows.Scan(&r.ID, &r.Kind, &r.Format, &r.PeriodFrom, &r.PeriodTo, &r.SHA256, &r.KeyID, &r.SubmittedOn, &r.IssuedBy, &r.IssuedAt); err != nil {
				return err
			}
			list = append(list, r)
		}
		return rows.Err()
	})
	return list, err
}

// BundleRequest says which signed bundle to build.
type BundleRequest struct {
	Kind string // "annual"
	Year int    // 0: the current year
	// From and To override the data period (default: DefaultAnnualPeriod).
	From, To time.Time
	// Number, Symbol and SignerAuthority go on the report (ReportRequest).
	Number, Symbol, SignerAuthority string
	EvidenceIDs                     []string
	AppVersion                      string
	// SignPDF, if set, signs the report PDF (a PAdES signature with the
	// official's certificate, see reports/pades) before it goes into the
	// bundle; layout tells where the signature block is. Its error stops
	// the bundle.
	SignPDF func(pdf []byte, layout pdfdoc.Layout) ([]byte, error)
}

// BundleInfo describes a bundle built.
type BundleInfo struct {
	KeyID  string
	SHA256 string
	Files  int
}

// BuildBundle builds the signed annual bundle of req and writes the ZIP to
// out: the annual report as PDF, data.json (docs.DataSchema), the systems and
// assets as CSV, the year's assessments as OSCAL assessment-results and
// the chosen evidence files; the manifest names the agency, the data
// period, the audit-chain head and the signer's key. Only a user who may
// sign (PermSign) and knows the signing passphrase of their key in the
// vault can build one (ErrNoSigningKey, ErrWrongSigningPassphrase). The
// permission is checked before any work; the bundle is recorded in the
// history, and the annual report counts as submitted on the bundle's date,
// before out is published (see Output). The output depends only on the vault and
// the clock. signingPassphrase is wiped.
func (s *Session) BuildBundle(req BundleRequest, signingPassphrase []byte, out Output) (BundleInfo, error) {
	if req.Kind != string(ReportAnnual) {
		clear(signingPassphrase)
		return BundleInfo{}, fmt.Errorf("%w: %q", ErrUnknownBundleKind, req.Kind)
	}
	rreq, err := ReportRequest{Kind: ReportAnnual, Year: req.Year, From: req.From, To: req.To,
		Number: req.Number, Symbol: req.Symbol, SignerAuthority: req.SignerAuthority}.normalize(s.now())
	if err != nil {
		clear(signingPassphrase)
		return BundleInfo{}, err
	}
	return s.signBundle(signingPassphrase, out, func(me users.User, created time.Time) (bundle.Bundle, error) {
		return s.bundleContent(me, rreq, req, created)
	}, func(tx *vault.Tx, _ bundle.Bundle, created time.Time, info BundleInfo) error {
		if err := s.recordIssued(tx, issued{kind: req.Kind, format: "bundle", from: rreq.From, to: rreq.To, sha256: info.SHA256,
			keyID: info.KeyID, submittedOn: created.Format(time.DateOnly)}); err != nil {
			return err
		}
		return s.markSubmitted(tx, created, info)
	})
}

// signBundle is signBundleAs for the agency's manager (PermSign).
func (s *Session) signBundle(signingPassphrase []byte, out Output,
	content func(me users.User, created time.Time) (bundle.Bundle, error),
	record func(tx *vault.Tx, b bundle.Bundle, created time.Time, info BundleInfo) error) (BundleInfo, error) {
	return s.signBundleAs(users.PermSign, signingPassphrase, out, content, record)
}

// signBundleAs is what every signed bundle does: it checks perm, gathers
// the bundle with content while the signing key is decrypted (the key
// derivation takes seconds), signs it to out, records it with record in one
// transaction and then publishes out. signingPassphrase is wiped.
func (s *Session) signBundleAs(perm users.Permission, signingPassphrase []byte, out Output,
	content func(me users.User, created time.Time) (bundle.Bundle, error),
	record func(tx *vault.Tx, b bundle.Bundle, created time.Time, info BundleInfo) error) (BundleInfo, error) {
	encrypted, me, err := s.ownEncryptedKey(perm)
	if err != nil {
		clear(signingPassphrase)
		return BundleInfo{}, err
	}
	pending := decryptInBackground(encrypted, signingPassphrase)
	created := s.now().UTC().Truncate(time.Second)
	b, err := content(me, created)
	opened := <-pending
	if opened.err != nil {
		return BundleInfo{}, opened.err
	}
	if err != nil {
		return BundleInfo{}, err
	}
	h := sha256.New()
	if err := bundle.Build(io.MultiWriter(out, h), b, opened.key); err != nil {
		return BundleInfo{}, err
	}
	info := BundleInfo{KeyID: opened.key.KeyID(), SHA256: hex.EncodeToString(h.Sum(nil)), Files: len(b.Files)}
	if err := s.write(perm, func(tx *vault.Tx, _ users.User) error { return record(tx, b, created, info) }); err != nil {
		return BundleInfo{}, err
	}
	return info, out.Publish()
}

// submittedKind is the activity that meets the annual-report obligation.
const submittedKind = "annual_report_submitted"

// markSubmitted records the annual report as submitted on the bundle's
// date (an agency-wide activity naming the bundle's hash), so that the
// obligation to report counts as met. Nothing is recorded when no pack
// knows the activity kind.
func (s *Session) markSubmitted(tx *vault.Tx, created time.Time, info BundleInfo) error {
	kinds, err := activityKinds(tx)
	if err != nil || !slices.Contains(kinds, submittedKind) {
		return err
	}
	id, err := nextID(tx, "activities")
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO activities (id, kind, system_id, date, note, recorded_by, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)`,
		id, submittedKind, created.Format(time.DateOnly), "Gói báo cáo năm đã ký, SHA-256 "+info.SHA256, s.user, stamp(s.now()))
	return err
}

// bundleContent gathers the bundle's files and manifest facts in one read
// transaction.
func (s *Session) bundleContent(me users.User, rreq ReportRequest, req BundleRequest, created time.Time) (bundle.Bundle, error) {
	var b bundle.Bundle
	var annual docs.Annual
	var head audit.ChainHead
	var code string
	var oscal bundle.Assessment
	var evidence []bundle.File
	var evidenceRecords []Evidence
	var evidencePaths []string
	err := s.read(users.PermSign, func(tx *vault.ReadTx, _ users.User) error {
		rendered, err := s.buildReport(tx, me, rreq)
		if err != nil {
			return err
		}
		annual = *rendered.Annual
		if head, err = audit.Head(tx); err != nil {
			return err
		}
		p, err := readProfile(tx)
		if err != nil {
			return err
		}
		code = p.Code
		var included map[string]string
		if evidence, evidenceRecords, evidencePaths, included, err = s.evidenceFiles(tx, req.EvidenceIDs); err != nil {
			return err
		}
		oscal, err = oscalAssessment(tx, p.Name, p.Code, rreq.Year, created, annual.Systems, included)
		return err
	})
	if err != nil {
		return b, err
	}
	files, err := s.bundleFiles(annual, docs.AnnualDocument(annual), req.SignPDF, created, evidenceRecords, evidencePaths, oscal)
	if err != nil {
		return b, err
	}
	version := req.AppVersion
	if version == "" {
		version = "dev"
	}
	return bundle.Bundle{
		Kind: req.Kind, Agency: bundle.Agency{Name: annual.Header.Agency, Code: code},
		Period: bundle.Period{From: rreq.From, To: rreq.To}, Created: created, AppVersion: version,
		AuditHead: bundle.AuditHead{Seq: head.Seq, Hash: head.Hash}, SignerName: me.FullName,
		Files: append(files, evidence...),
	}, nil
}

// oscalPath is where the OSCAL document sits in the annual bundle.
const oscalPath = "oscal/assessment-results.json"

// bundleFiles renders the report, data.json, the CSV registers and OSCAL,
// whose back-matter names each of the other files and every evidence file
// with its SHA-256.
func (s *Session) bundleFiles(annual docs.Annual, doc pdfdoc.Document, signPDF func([]byte, pdfdoc.Layout) ([]byte, error),
	created time.Time, evidence []Evidence, evidencePaths []string, oscal bundle.Assessment) ([]bundle.File, error) {
	var rendered bytes.Buffer
	layout, err := pdfdoc.RenderLayout(doc, &rendered)
	if err != nil {
		return nil, err
	}
	pdf := rendered.Bytes()
	if signPDF != nil {
		if pdf, err = signPDF(pdf, layout); err != nil {
			return nil, err
		}
	}
	data, err := docs.AnnualDataJSON(annual, created, evidencePaths)
	if err != nil {
		return nil, err
	}
	var systemsCSV, assetsCSV bytes.Buffer
	if _, err := s.ExportSystems(&systemsCSV, FormatCSV); err != nil {
		return nil, err
	}
	if _, err := s.ExportAssets(&assetsCSV, FormatCSV); err != nil {
		return nil, err
	}
	year := strconv.Itoa(annual.Year)
	files := []struct {
		path, title, mediaType string
		data                   []byte
	}{
		{"report/annual-" + year + ".pdf", "Báo cáo năm " + year, "application/pdf", pdf},
		{"data/data.json", "Số liệu của báo cáo (data.json)", "application/json", data},
		{"data/systems.csv", "Danh mục hệ thống thông tin", "text/csv", systemsCSV.Bytes()},
		{"data/assets.csv", "Danh mục tài sản", "text/csv", assetsCSV.Bytes()},
	}
	var out []bundle.File
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		oscal.Resources = append(oscal.Resources, bundle.Resource{Path: f.path, Title: f.title, MediaType: f.mediaType, SHA256: hex.EncodeToString(sum[:])})
		out = append(out, bundle.BytesFile(f.path, f.data))
	}
	for i, e := range evidence {
		oscal.Resources = append(oscal.Resources, bundle.Resource{Path: evidencePaths[i], Title: "Minh chứng: " + e.Title, MediaType: e.MediaType, SHA256: e.SHA256})
	}
	oscal.Path = oscalPath
	oscalJSON, err := bundle.AssessmentResultsJSON(oscal)
	if err != nil {
		return nil, err
	}
	return append(out, bundle.BytesFile(oscalPath, oscalJSON)), nil
}

// evidenceFiles returns the chosen evidence files, read from the vault
// when the bundle is written, as evidence/<id><ext>; their records and
// paths (in the same order); and the path of each evidence id.
func (s *Session) evidenceFiles(q rowQuerier, ids []string) ([]bundle.File, []Evidence, []string, map[string]string, error) {
	var files []bundle.File
	var records []Evidence
	var paths []string
	included := map[string]string{}
	for _, id := range cleanIDs(ids) {
		if included[id] != "" {
			continue
		}
		e, err := getEvidence(q, id)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		p := "evidence/" + safeName(e.ID) + safeExt(e.FileName)
		included[id] = p
		records = append(records, e)
		paths = append(paths, p)
		files = append(files, bundle.File{Path: p, Open: func() (io.ReadCloser, error) {
			_, rc, err := s.OpenEvidence(id)
			return rc, err
		}})
	}
	return files, records, paths, included, nil
}

// safeName keeps letters, digits, '-' and '_'.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			return r
		}
		return -1
	}, s)
}

// safeExt is the file's extension in lower case if it is short and plain.
func safeExt(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if len(ext) < 2 || len(ext) > 6 || safeName(ext[1:]) != ext[1:] {
		return ""
	}
	return ext
}

// oscalAssessment is the year's latest assessment of each system for
// OSCAL; with none, an empty assessment whose title says so. Items cite
// the evidence files included in the bundle (included: id → path).
func oscalAssessment(q rowQuerier, agency, code string, year int, created time.Time, systems []registers.System, included map[string]string) (bundle.Assessment, error) {
	a := bundle.Assessment{
		Title: fmt.Sprintf("Kết quả tự kiểm tra, đánh giá an toàn thông tin năm %d", year), Version: strconv.Itoa(year),
		LastModified: created, Agency: bundle.Agency{Name: agency, Code: code}, PlanTitle: "Gói quy định đang áp dụng",
	}
	latest, err := latestAssessments(q, year)
	if err != nil {
		return a, err
	}
	for _, sys := range systems {
		id, ok := latest[sys.ID]
		if !ok {
			continue
		}
		full, err := loadAssessment(q, id)
		if err != nil {
			return a, err
		}
		a.Systems = append(a.Systems, oscalSystem(full, included))
	}
	switch {
	case len(systems) == 0:
		a.Title += " (chưa có hệ thống thông tin nào)"
		a.Empty = "Chưa có hệ thống thông tin nào: không có hệ thống để đánh giá"
	case len(a.Systems) == 0:
		a.Title += " (chưa có kết quả đánh giá trong năm)"
		a.Empty = "Chưa có kết quả đánh giá trong năm của hệ thống thông tin nào"
	}
	return a, nil
}

func oscalSystem(full Assessment, included map[string]string) bundle.SystemAssessment {
	sa := bundle.SystemAssessment{ID: strconv.FormatInt(full.SystemID, 10), Name: full.SystemName, Level: full.Level, Start: parseStamp(full.CreatedAt)}
	if full.State == AssessmentApproved {
		sa.Approved = true
		sa.End = parseStamp(full.ApprovedAt)
	}
	for _, g := range full.Groups {
		for _, it := range g.Items {
			item := bundle.AssessmentItem{RequirementID: it.Key(), Title: it.TextVI, Status: bundle.ItemStatus(docs.StatusLabel(string(it.Status))), Note: it.Note}
			for _, id := range it.EvidenceIDs {
				if p := included[id]; p != "" {
					item.Evidence = append(item.Evidence, p)
				}
			}
			sa.Items = append(sa.Items, item)
		}
	}
	return sa
}

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}
