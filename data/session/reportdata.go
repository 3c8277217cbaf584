package session

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"daumoi/data/incidents"
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// Errors of reports.
var (
	// ErrUnknownReportKind is returned for a report kind other than the
	// ReportKind constants.
	ErrUnknownReportKind = errors.New("session: unknown report kind")
	// ErrBadReportPeriod is returned for a year outside 2000–9999 or a data
	// period that ends before it starts.
	ErrBadReportPeriod = errors.New("session: invalid report year or period")
)

// ReportKind names a report.
type ReportKind string

// The report kinds.
const (
	ReportSystems    ReportKind = "systems"    // information-system inventory
	ReportAssets     ReportKind = "assets"     // asset register extract
	ReportAssessment ReportKind = "assessment" // one assessment's result
	ReportAnnual     ReportKind = "annual"     // annual report on Chỉ thị 11
	ReportPlan       ReportKind = "plan"       // implementation plan
)

// ReportKinds lists the kinds in menu order.
func ReportKinds() []ReportKind {
	return []ReportKind{ReportAnnual, ReportPlan, ReportSystems, ReportAssessment, ReportAssets}
}

// directivePack is the regulation pack whose source "ct11" lists the
// directive's items.
const directivePack = "ct11-vinhlong-2023"

// ReportRequest says which report to build.
type ReportRequest struct {
	Kind ReportKind
	// Year of the annual report or plan; 0 means the current year.
	Year int
	// From and To override the annual report's data period (default 15/12
	// of the previous year to 14/12 of Year).
	From, To time.Time
	// AssessmentID is the assessment of a ReportAssessment.
	AssessmentID int64
	// ViolationsOnly limits the asset extract to violations.
	ViolationsOnly bool
	// Number and Symbol are the document's registration number and
	// symbol; empty leaves the number blank and uses the document type's
	// symbol with the agency's abbreviation ("BC-SNV").
	Number, Symbol string
	// SignerAuthority, when not empty, replaces the authority lines the
	// profile's way of signing gives (lines separated by "\n", e.g. "KT.
	// GIÁM ĐỐC").
	SignerAuthority string
	// Tasks, when not nil, replace the plan's derived tasks (the user's
	// edited list, from PlanTasks).
	Tasks []docs.PlanTask
	// SignPDF, when set, signs the rendered PDF before it is written (a
	// PAdES signature made on the official's token, Nghị định 30's
	// appearance in the signature block the layout locates).
	SignPDF func(pdf []byte, layout pdfdoc.Layout) ([]byte, error)
	// countedAt, set by countedTo, is the report's moment when the figures
	// are counted to the report's date rather than the period's end.
	countedAt time.Time
}

// DefaultAnnualPeriod is the data period of the annual report for year:
// 15 December of the previous year to 14 December (Chỉ thị 11 item 1k).
func DefaultAnnualPeriod(year int) (from, to time.Time) {
	return time.Date(year-1, 12, 15, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 14, 0, 0, 0, 0, time.UTC)
}

// normalize fills the year and period defaults and checks them.
func (r ReportRequest) normalize(now time.Time) (ReportRequest, error) {
	if r.Year == 0 {
		r.Year = now.Year()
	}
	if r.Year < 2000 || r.Year > 9999 {
		return r, fmt.Errorf("%w: year %d", ErrBadReportPeriod, r.Year)
	}
	from, to := DefaultAnnualPeriod(r.Year)
	if r.From.IsZero() {
		r.From = from
	}
	if r.To.IsZero() {
		r.To = to
	}
	if r.To.Before(r.From) {
		return r, fmt.Errorf("%w: %s is before %s", ErrBadReportPeriod, r.To.Format(time.DateOnly), r.From.Format(time.DateOnly))
	}
	r.Number, r.Symbol = strings.TrimSpace(textnorm.NFC(r.Number)), strings.TrimSpace(textnorm.NFC(r.Symbol))
	r.SignerAuthority = strings.TrimSpace(textnorm.NFC(r.SignerAuthority))
	for i, t := range r.Tasks {
		r.Tasks[i] = docs.PlanTask{Item: t.Item, Task: strings.TrimSpace(textnorm.NFC(t.Task)), Owner: strings.TrimSpace(textnorm.NFC(t.Owner)), Start: t.Start, Due: t.Due}
	}
	return r, nil
}

// reportHeader builds the administrative header: the agency from the
// profile, the signer — the acting user if a manager, else the first
// enabled manager — with the authority lines of the profile's way of
// signing (Nghị định 30, Điều 13), and the symbol: the document type's
// abbreviation (symbol) with the agency's ("BC-SNV"). The request's own
// symbol and authority lines, when given, replace them.
func (s *Session) reportHeader(q rowQuerier, me users.User, req ReportRequest, symbol string) (docs.Header, error) {
	p, err := readProfile(q)
	if err != nil {
		return docs.Header{}, err
	}
	signer := me
	if !me.Has(users.RoleManager) {
		managers, err := queryUsers(q, `SELECT `+userColumns+` FROM users WHERE disabled = 0 AND (',' || roles || ',') LIKE '%,manager,%' ORDER BY name LIMIT 1`)
		if err != nil {
			return docs.Header{}, err
		}
		if len(managers) > 0 {
			signer = managers[0]
		} else {
			signer = users.User{}
		}
	}
	symbol = p.Signing.Symbol(symbol)
	if req.Symbol != "" {
		symbol = req.Symbol
	}
	authority, position := p.Signing.SignatureLines(signer.Position)
	if req.SignerAuthority != "" {
		authority = nil
		for _, l := range strings.Split(req.SignerAuthority, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				authority = append(authority, l)
			}
		}
	}
	h := docs.Header{
		OwnerAuthority: p.OwnerAuthority, Agency: p.Name, AgencyAbbreviation: p.Signing.Abbreviation, Number: req.Number, Symbol: symbol,
		Place: p.Signing.Place, Date: s.now(), SignerAuthority: authority, SignerPosition: position, SignerName: signer.FullName,
		Recipients: []string{"Lưu: VT."},
	}
	if p.ReceivingOffice.Name != "" {
		h.Recipients = []string{p.ReceivingOffice.Name + ";", "Lưu: VT."}
	}
	return h, nil
}

// ReportDocument gathers the data of req from the vault and lays it out as
// an administrative document (any user: PermRead). It changes nothing;
// RenderReport renders it and records it.
func (s *Session) ReportDocument(req ReportRequest) (docs.Rendered, error) {
	req, err := req.normalize(s.now())
	if err != nil {
		return docs.Rendered{}, err
	}
	var out docs.Rendered
	err = s.read(users.PermRead, func(tx *vault.ReadTx, me users.User) error {
		out, err = s.buildReport(tx, me, req)
		return err
	})
	return out, err
}

func (s *Session) buildReport(q rowQuerier, me users.User, req ReportRequest) (docs.Rendered, error) {
	switch req.Kind {
	case ReportSystems:
		in, err := s.inventoryData(q, me, req)
		return docs.Rendered{Document: docs.InventoryDocument(in)}, err
	case ReportAssets:
		in, err := s.assetExtractData(q, me, req)
		return docs.Rendered{Document: docs.AssetExtractDocument(in)}, err
	case ReportAssessment:
		in, err := s.assessmentData(q, me, req)
		return docs.Rendered{Document: docs.AssessmentDocument(in)}, err
	case ReportAnnual:
		in, err := s.annualData(q, me, req)
		return docs.Rendered{Document: docs.AnnualDocument(in), Annual: &in}, err
	case ReportPlan:
		in, err := s.planData(q, me, req)
		return docs.Rendered{Document: docs.PlanDocument(in), Plan: &in}, err
	}
	return docs.Rendered{}, fmt.Errorf("%w: %q", ErrUnknownReportKind, req.Kind)
}

func (s *Session) inventoryData(q rowQuerier, me users.User, req ReportRequest) (docs.Inventory, error) {
	h, err := s.reportHeader(q, me, req, "BC")
	if err != nil {
		return docs.Inventory{}, err
	}
	systems, err := readSystems(q)
	if err != nil {
		return docs.Inventory{}, err
	}
	counts, err := assetCounts(q)
	return docs.Inventory{Header: h, Systems: systems, AssetCounts: counts}, err
}

// assetCounts is the number of assets per system.
func assetCounts(q rowQuerier) (map[int64]int, error) {
	rows, err := q.Query(`SELECT system_id, COUNT(*) FROM asset_systems GROUP BY system_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

func systemNames(systems []registers.System) map[int64]string {
	out := make(map[int64]string, len(systems))
	for _, s := range systems {
		out[s.ID] = s.Name
	}
	return out
}

func (s *Session) assetExtractData(q rowQuerier, me users.User, req ReportRequest) (docs.AssetExtract, error) {
	h, err := s.reportHeader(q, me, req, "BC")
	if err != nil {
		return docs.AssetExtract{}, err
	}
	systems, err := readSystems(q)
	if err != nil {
		return docs.AssetExtract{}, err
	}
	assets, err := queryAssets(q, AssetFilter{ViolationsOnly: req.ViolationsOnly})
	if err != nil {
		return docs.AssetExtract{}, err
	}
	in := docs.AssetExtract{Header: h, Assets: assets, SystemNames: systemNames(systems)}
	if req.ViolationsOnly {
		in.Selection = "chỉ các thiết bị vi phạm"
	}
	return in, nil
}

func (s *Session) assessmentData(q rowQuerier, me users.User, req ReportRequest) (docs.AssessmentResult, error) {
	h, err := s.reportHeader(q, me, req, "BC")
	if err != nil {
		return docs.AssessmentResult{}, err
	}
	a, err := loadAssessment(q, req.AssessmentID)
	if err != nil {
		return docs.AssessmentResult{}, err
	}
	in := docs.AssessmentResult{
		Header: h, SystemName: a.SystemName, Level: a.Level, Period: a.Period, Revision: a.Revision,
		Approved: a.State == AssessmentApproved, ApprovedAt: a.ApprovedAt, ApprovedBy: fullName(q, a.ApprovedBy),
	}
	titles, numbers := directiveTitles(q), packNumbers(q)
	for _, g := range a.Groups {
		group := docs.AssessmentGroup{Title: groupTitle(g, titles, numbers)}
		for _, it := range g.Items {
			group.Items = append(group.Items, docs.AssessmentLine{ID: it.ItemID, Text: it.TextVI, Status: string(it.Status), Note: it.Note})
		}
		in.Groups = append(in.Groups, group)
	}
	return in, nil
}

// groupTitle names a group of checklist items: the directive item with
// its title for Chỉ thị 11, else the pack's legal document and the group.
func groupTitle(g AssessmentGroup, titles, numbers map[string]string) string {
	if t, ok := titles[g.Group]; ok && g.PackID == directivePack {
		return "Mục 1 điểm " + strings.TrimPrefix(g.Group, "1") + ": " + t
	}
	label := map[string]string{"management": "Yêu cầu quản lý", "technical": "Yêu cầu kỹ thuật"}[g.Group]
	if label == "" {
		label = "Nhóm " + g.Group
	}
	if n := numbers[g.PackID]; n != "" {
		return n + ": " + label
	}
	return label
}

// packNumbers maps each pack id to the number of its first legal source
// ("12/2022/TT-BTTTT").
func packNumbers(q rowQuerier) map[string]string {
	out := map[string]string{}
	reg, err := loadRegistry(q)
	if err != nil {
		return out
	}
	for _, e := range reg.Entries() {
		if len(e.Pack.Sources) > 0 {
			out[e.Pack.ID] = e.Pack.Sources[0].Number
		}
	}
	return out
}

// fullName is the user's full name, or the account name if unknown.
func fullName(q rowQuerier, name string) string {
	if u, err := getUser(q, name); err == nil && u.FullName != "" {
		return u.FullName
	}
	return name
}

// directiveItems lists the directive's items 1a–1k from the pack's source
// articles ("mục 1 điểm a" → "1a"), in the pack's order.
func directiveItems(q rowQuerier) []docs.DirectiveItem {
	reg, err := loadRegistry(q)
	if err != nil {
		return nil
	}
	entry, err := reg.Get(directivePack)
	if err != nil {
		return nil
	}
	return itemsOf(entry.Pack)
}

func itemsOf(p packs.Pack) []docs.DirectiveItem {
	var out []docs.DirectiveItem
	for _, src := range p.Sources {
		for _, a := range src.Articles {
			if letter, ok := strings.CutPrefix(a.Ref, "mục 1 điểm "); ok {
				out = append(out, docs.DirectiveItem{Code: "1" + letter, Title: a.TitleVI})
			}
		}
	}
	return out
}

func directiveTitles(q rowQuerier) map[string]string {
	out := map[string]string{}
	for _, it := range directiveItems(q) {
		out[it.Code] = it.Title
	}
	return out
}

// inPeriod reports whether the yyyy-mm-dd (or RFC 3339) date d falls in
// the request's data period.
func (r ReportRequest) inPeriod(d string) bool {
	if len(d) < 10 {
		return false
	}
	d = d[:10]
	return d >= r.From.Format(time.DateOnly) && d <= r.To.Format(time.DateOnly)
}

func (s *Session) annualData(q rowQuerier, me users.User, req ReportRequest) (docs.Annual, error) {
	h, err := s.reportHeader(q, me, req, "BC")
	if err != nil {
		return docs.Annual{}, err
	}
	systems, err := readSystems(q)
	if err != nil {
		return docs.Annual{}, err
	}
	counts, err := assetCounts(q)
	if err != nil {
		return docs.Annual{}, err
	}
	counted := req.countedTo(h.Date)
	in := docs.Annual{Header: h, Year: req.Year, From: req.From, To: req.To, AsOf: counted.To, Directive: directiveItems(q), Systems: systems, AssetCounts: counts}
	f := systemFigures(systems, counted)
	steps := []func(rowQuerier, ReportRequest, *docs.AnnualFigures) error{
		assetFigures, lifecycleFigures, evidenceFigures, profileFigures, activityFigures, obligationFigures,
		findingFigures, incidentFigures,
	}
	for _, step := range steps {
		if err := step(q, counted, &f); err != nil {
			return in, err
		}
	}
	in.Compliance, err = complianceOf(q, systems, req.Year, &f)
	in.Figures = f
	return in, err
}

// countedTo is the request whose data period ends on the day the figures
// are counted to: the report's date (Vietnam time) when it falls before
// the period's end, else the period's end. Obligations and overdue
// findings are then judged on that day, so a report dated 02/12 says what
// the app says on 02/12.
func (r ReportRequest) countedTo(reportDate time.Time) ReportRequest {
	y, m, d := reportDate.In(incidents.Zone()).Date()
	if day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC); day.Before(r.To) {
		r.To = day
		r.countedAt = reportDate
	}
	return r
}

// judgedAt is the moment obligations are judged at for the figures: the
// report's moment when counted to its date, else the last hour of the
// period's end.
func (r ReportRequest) judgedAt() time.Time {
	if !r.countedAt.IsZero() {
		return r.countedAt
	}
	return r.To.Add(23 * time.Hour)
}

func systemFigures(systems []registers.System, req ReportRequest) docs.AnnualFigures {
	f := docs.AnnualFigures{Systems: len(systems), SystemsByLevel: map[string]int{}, DossierByState: map[string]int{}, Activities: map[string]int{}}
	for _, st := range registers.DossierStates() {
		f.DossierByState[string(st)] = 0
	}
	for _, sys := range systems {
		f.SystemsByLevel[strconv.Itoa(sys.Level())]++
		state := sys.Dossier.State
		if state == "" {
			state = registers.DossierDrafting
		}
		f.DossierByState[string(state)]++
		if state == registers.DossierApproved && req.inPeriod(sys.Dossier.Decision.Date) {
			f.DossiersApprovedInPeriod++
		}
		if sys.TestedBeforeGoLive {
			f.TestedBeforeGoLive++
		}
		if req.inPeriod(sys.GoLiveDate) {
			f.WentLiveInPeriod++
		}
		if sys.PlanSummary()[registers.PlanFull] == len(registers.PlanParts()) {
			f.ProtectionPlanFull++
		}
		if sys.Regulation.Issued {
			f.RegulationIssued++
		}
		if sys.Level() >= 3 {
			f.Level3Plus++
		}
	}
	return f
}

func assetFigures(q rowQuerier, _ ReportRequest, f *docs.AnnualFigures) error {
	return q.QueryRow(`SELECT COUNT(*),
		COALESCE(SUM(status = 'in_use'), 0),
		COALESCE(SUM(internet <> 0), 0),
		COALESCE(SUM(state_secret <> 0 AND (internet <> 0 OR lan <> 0)), 0),
		COALESCE(SUM(supplier <> ''), 0) FROM assets`).Scan(&f.Assets, &f.AssetsInUse, &f.AssetsOnInternet, &f.Violations, &f.AssetsWithSupplier)
}

func lifecycleFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	from, to := req.From.Format(time.DateOnly), req.To.Format(time.DateOnly)
	if err := q.QueryRow(`SELECT COUNT(*), COALESCE(SUM(for_status = 'disposed'), 0), COALESCE(SUM(for_status = 'repurposed'), 0)
		FROM asset_sanitisations WHERE date BETWEEN ? AND ?`, from, to).Scan(&f.SanitisedInPeriod, &f.DisposedInPeriod, &f.RepurposedInPeriod); err != nil {
		return err
	}
	return q.QueryRow(`SELECT COUNT(*) FROM asset_repairs WHERE date BETWEEN ? AND ?`, from, to).Scan(&f.RepairsInPeriod)
}

func evidenceFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	from, to := req.From.Format(time.DateOnly), req.To.Format(time.DateOnly)
	return q.QueryRow(`SELECT COUNT(*), COALESCE(SUM(substr(added_at, 1, 10) BETWEEN ? AND ?), 0) FROM evidence`, from, to).Scan(&f.Evidence, &f.EvidenceInPeriod)
}

func profileFigures(q rowQuerier, _ ReportRequest, f *docs.AnnualFigures) error {
	p, err := readProfile(q)
	if err != nil {
		return err
	}
	for _, fp := range p.FocalPoints {
		f.FocalPoints = append(f.FocalPoints, joinNonEmpty(", ", fp.Name, fp.Position, fp.Phone, fp.Email))
	}
	f.IncidentPhone, f.IncidentEmail = p.IncidentContact.Phone, p.IncidentContact.Email
	f.IncidentContactURL = p.IncidentContact.PublishedURL
	return nil
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

func activityFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	list, err := readActivities(q, ActivityFilter{})
	if err != nil {
		return err
	}
	for _, a := range list {
		if req.inPeriod(a.Date) {
			f.Activities[a.Kind]++
		}
	}
	return nil
}

// findingFigures counts the findings found and fixed in the period, those
// still open and, of them, those past their due date at the period's end,
// and the official warnings received and closed in the period.
func findingFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	from, to := req.From.Format(time.DateOnly), req.To.Format(time.DateOnly)
	if err := q.QueryRow(`SELECT COALESCE(SUM(first_seen BETWEEN ? AND ?), 0),
			COALESCE(SUM(status = 'fixed' AND closed_on BETWEEN ? AND ?), 0),
			COALESCE(SUM(status IN ('open', 'in_progress')), 0),
			COALESCE(SUM(status IN ('open', 'in_progress') AND due_date <> '' AND due_date < ?), 0)
		FROM findings`, from, to, from, to, to).Scan(&f.FindingsFound, &f.FindingsFixed, &f.FindingsOpen, &f.FindingsOverdue); err != nil {
		return err
	}
	return q.QueryRow(`SELECT COALESCE(SUM(date BETWEEN ? AND ?), 0), COALESCE(SUM(status = 'closed' AND closed_on BETWEEN ? AND ?), 0)
		FROM warnings`, from, to, from, to).Scan(&f.WarningsReceived, &f.WarningsClosed)
}

// incidentFigures counts the incidents detected in the period (and of
// them those closed), the notices and reports sent about incidents in it,
// and the awareness sessions held in it.
func incidentFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	from, to := req.From.Format(time.DateOnly), req.To.Format(time.DateOnly)
	if err := q.QueryRow(`SELECT COUNT(*), COALESCE(SUM(state = ?), 0) FROM incidents WHERE substr(detected_at, 1, 10) BETWEEN ? AND ?`,
		string(IncidentClosed), from, to).Scan(&f.Incidents, &f.IncidentsClosed); err != nil {
		return err
	}
	if err := q.QueryRow(`SELECT COUNT(*) FROM incident_notifications WHERE substr(at, 1, 10) BETWEEN ? AND ?`, from, to).Scan(&f.IncidentReports); err != nil {
		return err
	}
	return q.QueryRow(`SELECT COUNT(*), COALESCE(SUM(attendees), 0) FROM awareness_sessions WHERE date BETWEEN ? AND ?`, from, to).
		Scan(&f.AwarenessSessions, &f.AwarenessAttendees)
}

// obligationFigures counts the obligations done and overdue on the day
// the figures are counted to (see countedTo).
func obligationFigures(q rowQuerier, req ReportRequest, f *docs.AnnualFigures) error {
	in, err := obligationInput(q, req.judgedAt())
	if err != nil {
		return err
	}
	list, err := obligations.Evaluate(in)
	if err == nil {
		err = applyMarks(q, list)
	}
	if err != nil {
		return err
	}
	for _, o := range list {
		switch o.Status {
		case obligations.StatusDone:
			f.ObligationsDone++
		case obligations.StatusOverdue:
			f.ObligationsOverdue++
		}
	}
	return nil
}

// latestAssessments returns, by system id, the id of each system's latest
// assessment of a period of year: the latest period, then the highest
// revision. The annual report and the bundle's OSCAL both use it.
func latestAssessments(q rowQuerier, year int) (map[int64]int64, error) {
	rows, err := q.Query(`SELECT system_id, id FROM (
			SELECT system_id, id, row_number() OVER (PARTITION BY system_id ORDER BY period DESC, revision DESC) AS n
			FROM assessments WHERE substr(period, 1, 4) = ?)
		WHERE n = 1`, strconv.Itoa(year))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	latest := map[int64]int64{}
	for rows.Next() {
		var sys, id int64
		if err := rows.Scan(&sys, &id); err != nil {
			return nil, err
		}
		latest[sys] = id
	}
	return latest, rows.Err()
}

// complianceOf returns, per system, its latest assessment of a period of
// year (the highest revision), with its compliance percentage; it also
// counts the year's assessments in f.
func complianceOf(q rowQuerier, systems []registers.System, year int, f *docs.AnnualFigures) ([]docs.SystemCompliance, error) {
	latest, err := latestAssessments(q, year)
	if err != nil {
		return nil, err
	}
	var out []docs.SystemCompliance
	for _, sys := range systems {
		id, ok := latest[sys.ID]
		if !ok {
			continue
		}
		sum, err := loadSummary(q, id)
		if err != nil {
			return nil, err
		}
		if err := countProgress(q, &sum); err != nil {
			return nil, err
		}
		f.Assessments++
		approved := sum.State == AssessmentApproved
		if approved {
			f.AssessmentsApproved++
		}
		out = append(out, docs.NewSystemCompliance(sys.ID, sys.Name, sum.Period, approved, sum.Progress.Compliance()))
	}
	return out, nil
}
