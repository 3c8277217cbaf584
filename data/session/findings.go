package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"daumoi/data/findings"
	"daumoi/data/scanimport"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of findings.
var (
	// ErrNoSuchFinding is returned for a finding id not in the vault.
	ErrNoSuchFinding = errors.New("session: no such finding")
	// ErrBadFindingStatus is returned for a status not in findings.Statuses.
	ErrBadFindingStatus = errors.New("session: unknown finding status")
	// ErrBadScanReport is returned (wrapping the parser's error) for a
	// scan report that cannot be read; nothing was changed.
	ErrBadScanReport = errors.New("session: the scan report cannot be read; nothing was changed")
)

// Finding statuses (the rules are in package findings).
const (
	FindingOpen          = findings.Open
	FindingInProgress    = findings.InProgress
	FindingFixed         = findings.Fixed
	FindingAcceptedRisk  = findings.AcceptedRisk
	FindingFalsePositive = findings.FalsePositive
)

// Finding is one vulnerability found by a scan on a host, with its
// remediation.
type Finding struct {
	ID       int64
	ScanID   int64 // the scan that first found it
	SystemID int64
	AssetID  int64 // 0 when the host matched no asset
	Host     string
	Hostname string
	Port     string // "443/tcp", "" for host-level findings
	PluginID string
	CVEs     []string
	CVSS     float64
	Severity string // low, medium, high, critical
	Name     string
	Solution string
	Status   string
	Owner    string
	DueDate  string // YYYY-MM-DD
	// DueRule is the pack rule the due date comes from, as "pack/rule"
	// ("" when the user set it, or no active pack has a remediation rule
	// for the finding's severity and system).
	DueRule       string
	FixEvidenceID string
	// ClosedByScan is the re-scan in which the finding no longer appeared.
	ClosedByScan int64
	ClosedOn     string
	FirstSeen    string
	LastSeen     string
}

// FindingFilter narrows ListFindings; zero values match everything.
type FindingFilter struct {
	Status string
	// Unresolved keeps the findings still to fix: open or in progress.
	Unresolved bool
	SystemID   int64
	Severity   string
}

// ScanImport says what a scan report is about.
type ScanImport struct {
	// SystemID is the system scanned; 0 takes the system served by most of
	// the matched assets (ErrScanNeedsSystem if none).
	SystemID int64
	// Date is the scan's day, YYYY-MM-DD; "" takes the day the report
	// says the scan started (today when it says nothing).
	Date string
	// ConfirmDate accepts a date the import would otherwise refuse: one
	// read from the report that is in the future or more than a year old
	// (ErrScanDateUnusual, see ScanDateUnusual), or a Date in the future.
	// The scan is recorded with that date.
	ConfirmDate bool
	Kind        string // default vulnerability_scan
	// Performer, Provider, Scope and EvidenceID as in Scan.
	Performer, Provider, Scope, EvidenceID string
	// Progress, if set, is called with the bytes read so far, about every
	// 64 KiB, from the goroutine that imports.
	Progress func(bytesRead int64)
	// Context, if set, cancels the import (nothing is stored).
	Context context.Context
}

// HostMatch is a scanned host and the asset it matched (0: none).
type HostMatch struct {
	Host      string
	Hostname  string
	AssetID   int64
	AssetName string
	// Findings counts the host's findings this scan stored (duplicates
	// merged); for an unmatched host, those still open that `finding
	// hosts` lists and AssignHost gives to an asset.
	Findings int
}

// ScanImportResult describes an imported report. Its figures are counted
// from what the import stored, so they agree with the scan's summary, the
// findings list and the unmatched hosts listed afterwards.
type ScanImportResult struct {
	Scan Scan
	// DateSource tells where Scan.Date comes from: ScanDateGiven,
	// ScanDateReport or ScanDateToday; ReportDate is the day the report
	// says the scan started ("" when it says nothing).
	DateSource, ReportDate string
	Format                 string
	// Hosts counts the scanned hosts: those the report describes and those
	// only its findings name; it is len(Matched)+len(Unmatched)+len(Clean).
	Hosts int
	// Findings counts the findings of this scan stored, duplicates in the
	// report merged (New + Seen); BySeverity splits them (low to
	// critical). Informational results are not stored: Info counts them
	// as the report lists them.
	Findings   int
	BySeverity map[string]int
	Info       int
	// Matched are the hosts matched to an asset; Unmatched those matching
	// none with open findings to give to an asset; Clean those matching
	// none with nothing to give (informational results only, or findings
	// marked accepted risk or false positive).
	Matched, Unmatched, Clean []HostMatch
	New                       int // findings not seen before
	Seen                      int // findings already known, seen again
	Closed                    int // open findings of the scanned hosts that no longer appear
	Problems                  []string
}

// ImportScanReport reads a Nessus or OpenVAS report and stores the scan
// (and its activity) on the day given, else the day the report says the
// scan started (Vietnam time; today when it says nothing) — a day read
// from the report that is in the future or more than a year old is refused
// with ErrScanDateUnusual unless ScanImport.ConfirmDate, and then recorded
// as it is — the findings of severity low and above matched to
// assets by IP or host name (case insensitive) with due dates by severity
// from the active packs' remediation rules in force on the scan's day
// (none when no rule applies), and closes the open findings of
// the scanned hosts that no longer appear (fixed by re-scan).
//
// The report is streamed: findings are staged in small transactions as
// they are read, then one transaction moves them into the registers, so
// memory does not grow with the report's size. A report it cannot read
// changes nothing (ErrBadScanReport wrapping the parser's sentinel); the
// staged rows are deleted. Needs PermEditRegisters.
func (s *Session) ImportScanReport(r io.Reader, imp ScanImport) (ScanImportResult, error) {
	var res ScanImportResult
	sc, err := Scan{SystemID: imp.SystemID, Date: imp.Date, Kind: imp.Kind, Performer: imp.Performer, Provider: imp.Provider,
		Scope: imp.Scope, EvidenceID: imp.EvidenceID}.normalizeFields()
	if err != nil {
		return res, err
	}
	if _, err := parseDay(sc.Date, true); err != nil {
		return res, err
	}
	if sc.Date != "" && !imp.ConfirmDate {
		if err := checkPastDay(sc.Date, s.now()); err != nil {
			return res, err
		}
	}
	// Check the permission before reading a possibly large file.
	var idx assetIndex
	if err := s.read(users.PermEditRegisters, func(tx *vault.ReadTx, _ users.User) error {
		idx, err = loadAssetIndex(tx)
		return err
	}); err != nil {
		return res, err
	}
	st := newScanStager(s, idx)
	sum, err := st.stageReport(r, scanimport.Options{Progress: imp.Progress, Context: imp.Context})
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrBadScanReport, err)
	}
	var source string
	sc.Date, source = chooseScanDate(sc.Date, sum.Started, s.now())
	if source == ScanDateReport && !imp.ConfirmDate && ScanDateUnusual(sc.Date, s.now()) {
		st.discard()
		return res, fmt.Errorf("%w: %q", ErrScanDateUnusual, sc.Date)
	}
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		res, err = s.storeStaged(tx, sc, st, sum)
		return err
	})
	res.DateSource, res.ReportDate = source, scanDay(sum.Started)
	if err != nil {
		st.discard()
	}
	return res, err
}

// storeStaged moves the staged findings of an import into the registers,
// in the transaction tx, and counts what it stored.
func (s *Session) storeStaged(tx *vault.Tx, sc Scan, st *scanStager, sum scanimport.Summary) (ScanImportResult, error) {
	res := ScanImportResult{Format: string(sum.Format), Problems: sum.Problems, Info: sum.BySeverity[scanimport.SeverityInfo]}
	id := st.importID
	// A host described after its findings (OpenVAS lists hosts last) may
	// have matched an asset its findings did not.
	if _, err := tx.Exec(`UPDATE scan_staging_findings SET asset_id = h.asset_id,
			match_key = 'asset:' || h.asset_id || substr(scan_staging_findings.match_key, instr(scan_staging_findings.match_key, '|'))
		FROM scan_staging_hosts h WHERE scan_staging_findings.import_id = ? AND h.import_id = ? AND h.host = scan_staging_findings.host
			AND h.asset_id <> 0 AND scan_staging_findings.asset_id <> h.asset_id`, id, id); err != nil {
		return res, err
	}
	var err error
	if sc.SystemID == 0 {
		if sc.SystemID, err = likelySystem(tx, id); err != nil {
			return res, err
		}
	}
	if res.BySeverity, err = stagedSeverities(tx, id); err != nil {
		return res, err
	}
	if err := tx.QueryRow(`SELECT COUNT(*) FROM scan_staging_hosts WHERE import_id = ?`, id).Scan(&res.Hosts); err != nil {
		return res, err
	}
	distinct := 0
	for _, n := range res.BySeverity {
		distinct += n
	}
	sc.Tool = map[string]string{"nessus": "Nessus", "openvas": "OpenVAS"}[res.Format]
	sc.Summary = fmt.Sprintf("%d máy, %d lỗ hổng (nghiêm trọng %d, cao %d, trung bình %d, thấp %d)", res.Hosts, distinct,
		res.BySeverity["critical"], res.BySeverity["high"], res.BySeverity["medium"], res.BySeverity["low"])
	if res.Scan, err = s.insertScan(tx, sc); err != nil {
		return res, err
	}
	if res.New, res.Seen, err = countStaged(tx, id, res.Scan.SystemID); err != nil {
		return res, err
	}
	res.Findings = res.New + res.Seen
	if err := markSeen(tx, id, res.Scan); err != nil {
		return res, err
	}
	found, err := time.Parse(time.DateOnly, res.Scan.Date)
	if err != nil {
		return res, fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	policy, err := remediationPolicy(tx, res.Scan.SystemID, found)
	if err != nil {
		return res, err
	}
	if err := insertNewFindings(tx, id, res.Scan, policy); err != nil {
		return res, err
	}
	if res.Closed, err = closeMissing(tx, id, res.Scan); err != nil {
		return res, err
	}
	if err := importedHosts(tx, st, res.Scan.SystemID, &res); err != nil {
		return res, err
	}
	if err := deleteStaged(tx, id); err != nil {
		return res, err
	}
	return res, s.record(tx, "scan.import", "scan", fmt.Sprint(res.Scan.ID),
		fmt.Sprintf("nhập báo cáo %s: %d máy, %d lỗ hổng mới, %d đã biết, %d đã khắc phục", res.Format, res.Hosts, res.New, res.Seen, res.Closed))
}

// stagedSeverities counts the distinct staged findings of an import (one
// per match key, as stored) by the severity of the key's first row, the
// one insertNewFindings and markSeen keep.
func stagedSeverities(q rowQuerier, importID string) (map[string]int, error) {
	counts := map[string]int{}
	rows, err := q.Query(`SELECT s.severity, COUNT(*) FROM scan_staging_findings s
		WHERE s.import_id = ? AND s.seq IN (SELECT MIN(seq) FROM scan_staging_findings WHERE import_id = ? GROUP BY match_key)
		GROUP BY s.severity`, importID, importID)
	if err != nil {
		return counts, err
	}
	defer rows.Close()
	for rows.Next() {
		var sev string
		var n int
		if err := rows.Scan(&sev, &n); err != nil {
			return counts, err
		}
		counts[sev] = n
	}
	return counts, rows.Err()
}

// importedHosts sorts the hosts of an import, after its findings were
// stored: matched to an asset (with their findings in this scan), matching
// none with open findings without an asset (exactly those ListUnmatchedHosts
// shows and AssignHost takes, with their number), or matching none with
// nothing to assign.
func importedHosts(q rowQuerier, st *scanStager, systemID int64, res *ScanImportResult) error {
	rows, err := q.Query(`SELECT h.host, h.asset_id, COALESCE(a.name, ''),
			COALESCE((SELECT MAX(s.hostname) FROM scan_staging_findings s WHERE s.import_id = h.import_id AND s.host = h.host), ''),
			(SELECT COUNT(DISTINCT s.match_key) FROM scan_staging_findings s WHERE s.import_id = h.import_id AND s.host = h.host),
			(SELECT COUNT(*) FROM findings f WHERE f.system_id = ? AND f.host = h.host AND f.asset_id = 0
				AND f.status IN ('open', 'in_progress')
				AND f.match_key IN (SELECT s.match_key FROM scan_staging_findings s WHERE s.import_id = h.import_id AND s.host = h.host))
		FROM scan_staging_hosts h LEFT JOIN assets a ON a.id = h.asset_id
		WHERE h.import_id = ? ORDER BY h.host`, systemID, st.importID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m HostMatch
		var stored, toAssign int
		if err := rows.Scan(&m.Host, &m.AssetID, &m.AssetName, &m.Hostname, &stored, &toAssign); err != nil {
			return err
		}
		if name := st.hosts[m.Host].Hostname; name != "" {
			m.Hostname = name
		}
		switch {
		case m.AssetID != 0:
			m.Findings = stored
			res.Matched = append(res.Matched, m)
		case toAssign > 0:
			m.Findings = toAssign
			res.Unmatched = append(res.Unmatched, m)
		default:
			res.Clean = append(res.Clean, m)
		}
	}
	return rows.Err()
}

// countStaged counts the distinct staged findings that are new to the
// system and those already open (or marked accepted risk or false
// positive) in it.
func countStaged(q rowQuerier, importID string, systemID int64) (newCount, seen int, err error) {
	var distinct int
	err = q.QueryRow(`SELECT COUNT(DISTINCT s.match_key),
			COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM findings f WHERE f.system_id = ? AND f.match_key = s.match_key
				AND f.status <> 'fixed') THEN s.match_key END)
		FROM scan_staging_findings s WHERE s.import_id = ?`, systemID, importID).Scan(&distinct, &seen)
	return distinct - seen, seen, err
}

// markSeen updates the latest unfixed finding of each staged key: last
// seen on the scan's day (unless seen later already), with the CVSS and severity of the key's first
// staged row. A fixed finding found again becomes a new finding; one
// marked accepted risk or false positive stays as the user marked it.
func markSeen(tx *vault.Tx, importID string, sc Scan) error {
	_, err := tx.Exec(`UPDATE findings SET last_seen = max(last_seen, ?),
			cvss = (SELECT s.cvss FROM scan_staging_findings s WHERE s.import_id = ? AND s.match_key = findings.match_key ORDER BY s.seq LIMIT 1),
			severity = (SELECT s.severity FROM scan_staging_findings s WHERE s.import_id = ? AND s.match_key = findings.match_key ORDER BY s.seq LIMIT 1)
		WHERE system_id = ? AND status <> 'fixed'
			AND match_key IN (SELECT match_key FROM scan_staging_findings WHERE import_id = ?)
			AND id = (SELECT MAX(f2.id) FROM findings f2 WHERE f2.system_id = findings.system_id AND f2.match_key = findings.match_key
				AND f2.status <> 'fixed')`, sc.Date, importID, importID, sc.SystemID, importID)
	return err
}

// insertNewFindings stores the first staged row of each key that has no
// unfixed finding in the system, with its due date by severity from the
// remediation policy and the pack rule it comes from (none when no rule
// covers the severity).
func insertNewFindings(tx *vault.Tx, importID string, sc Scan, policy RemediationPolicy) error {
	due, rule := map[string]string{}, map[string]string{}
	for _, sev := range []string{"critical", "high", "medium", "low"} {
		if d, ok := policy.Due(sev, sc.Date); ok {
			due[sev], rule[sev] = d, policy.Origins[sev]
		}
	}
	_, err := tx.Exec(`INSERT INTO findings (scan_id, system_id, asset_id, host, hostname, port, plugin_id, cves, cvss, severity, name,
			solution, match_key, status, due_date, due_rule, first_seen, last_seen)
		SELECT ?, ?, s.asset_id, s.host, s.hostname, s.port, s.plugin_id, s.cves, s.cvss, s.severity, s.name, s.solution, s.match_key, ?,
			CASE s.severity WHEN 'critical' THEN ? WHEN 'high' THEN ? WHEN 'medium' THEN ? WHEN 'low' THEN ? ELSE '' END,
			CASE s.severity WHEN 'critical' THEN ? WHEN 'high' THEN ? WHEN 'medium' THEN ? WHEN 'low' THEN ? ELSE '' END, ?, ?
		FROM scan_staging_findings s
		WHERE s.import_id = ? AND s.seq IN (SELECT MIN(seq) FROM scan_staging_findings WHERE import_id = ? GROUP BY match_key)
			AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.system_id = ? AND f.match_key = s.match_key AND f.status <> 'fixed')
		ORDER BY s.seq`,
		sc.ID, sc.SystemID, FindingOpen,
		due["critical"], due["high"], due["medium"], due["low"],
		rule["critical"], rule["high"], rule["medium"], rule["low"],
		sc.Date, sc.Date, importID, importID, sc.SystemID)
	return err
}

// closeMissing closes the open findings of the system on the hosts this
// scan covered that it did not find again, and returns how many. A
// finding seen after the scan's day (an older report imported late) stays
// open.
func closeMissing(tx *vault.Tx, importID string, sc Scan) (int, error) {
	res, err := tx.Exec(`UPDATE findings SET status = ?, closed_by_scan = ?, closed_on = ?
		WHERE system_id = ? AND status IN ('open', 'in_progress') AND last_seen <= ?
			AND (substr(match_key, 1, instr(match_key, '|') - 1) IN (SELECT host_who FROM scan_staging_hosts WHERE import_id = ?)
				OR substr(match_key, 1, instr(match_key, '|') - 1) IN (SELECT asset_who FROM scan_staging_hosts WHERE import_id = ? AND asset_who <> ''))
			AND match_key NOT IN (SELECT match_key FROM scan_staging_findings WHERE import_id = ?)`,
		FindingFixed, sc.ID, sc.Date, sc.SystemID, sc.Date, importID, importID, importID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// hostKey is the key the parser gives the host's findings (Finding.Host).
func hostKey(h scanimport.Host) string {
	return firstNonEmpty(h.IP, h.Hostname, h.FQDN)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// assetIndex finds assets by IP address and by host name (lower case,
// also its first label).
type assetIndex struct {
	byIP, byName map[string]int64
	names        map[int64]string
}

func loadAssetIndex(q rowQuerier) (assetIndex, error) {
	idx := assetIndex{byIP: map[string]int64{}, byName: map[string]int64{}, names: map[int64]string{}}
	rows, err := q.Query(`SELECT id, name, hostname, ips FROM assets ORDER BY id`)
	if err != nil {
		return idx, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, host, ips string
		if err := rows.Scan(&id, &name, &host, &ips); err != nil {
			return idx, err
		}
		idx.names[id] = name
		for _, ip := range splitStored(ips) {
			if _, dup := idx.byIP[ip]; !dup {
				idx.byIP[ip] = id
			}
		}
		for _, n := range nameKeys(host) {
			if _, dup := idx.byName[n]; !dup {
				idx.byName[n] = id
			}
		}
	}
	return idx, rows.Err()
}

// nameKeys are the lower-case forms a host name is matched by: the whole
// name and its first label.
func nameKeys(name string) []string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return nil
	}
	first, _, _ := strings.Cut(name, ".")
	if first == name {
		return []string{name}
	}
	return []string{name, first}
}

func (idx assetIndex) match(ip string, names ...string) HostMatch {
	m := HostMatch{Hostname: firstNonEmpty(names...)}
	if id, ok := idx.byIP[ip]; ok && ip != "" {
		m.AssetID = id
	}
	for _, n := range names {
		for _, k := range nameKeys(n) {
			if m.AssetID == 0 {
				m.AssetID = idx.byName[k]
			}
		}
	}
	m.AssetName = idx.names[m.AssetID]
	return m
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// likelySystem is the system most of the import's matched hosts serve
// (the lowest id on a tie).
func likelySystem(q rowQuerier, importID string) (int64, error) {
	var best int64
	err := q.QueryRow(`SELECT a.system_id FROM scan_staging_hosts h JOIN asset_systems a ON a.asset_id = h.asset_id
		WHERE h.import_id = ? AND h.asset_id <> 0 GROUP BY a.system_id ORDER BY COUNT(*) DESC, a.system_id LIMIT 1`, importID).Scan(&best)
	if isNoRows(err) {
		return 0, ErrScanNeedsSystem
	}
	return best, err
}

// findingKey identifies a finding across scans: the asset (else the host),
// the plugin (else the CVEs, else the name) and the port.
func findingKey(f scanimport.Finding, assetID int64) string {
	who := "host:" + strings.ToLower(f.Host)
	if assetID != 0 {
		who = "asset:" + strconv.FormatInt(assetID, 10)
	}
	what := f.PluginID
	if what == "" {
		what = strings.Join(f.CVEs, ",")
	}
	if what == "" {
		what = textnorm.Fold(f.Name)
	}
	return who + "|" + what + "|" + portText(f)
}

func portText(f scanimport.Finding) string {
	if f.Port == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%s", f.Port, f.Protocol)
}

const findingColumns = `id, scan_id, system_id, asset_id, host, hostname, port, plugin_id, cves, cvss, severity, name, solution,
	status, owner, due_date, due_rule, fix_evidence_id, closed_by_scan, closed_on, first_seen, last_seen`

func scanFinding(scan func(dest ...any) error) (Finding, error) {
	var f Finding
	var cves string
	err := scan(&f.ID, &f.ScanID, &f.SystemID, &f.AssetID, &f.Host, &f.Hostname, &f.Port, &f.PluginID, &cves, &f.CVSS, &f.Severity,
		&f.Name, &f.Solution, &f.Status, &f.Owner, &f.DueDate, &f.DueRule, &f.FixEvidenceID, &f.ClosedByScan, &f.ClosedOn,
		&f.FirstSeen, &f.LastSeen)
	f.CVEs = splitStored(cves)
	return f, err
}

// ListFindings returns the findings matching f: most severe first, then
// by due date and id. Needs PermRead.
func (s *Session) ListFindings(f FindingFilter) ([]Finding, error) {
	if f.Status != "" && !slices.Contains(findings.Statuses(), f.Status) {
		return nil, fmt.Errorf("%w: %q", ErrBadFindingStatus, f.Status)
	}
	var list []Finding
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAll(tx, scanFinding, `SELECT `+findingColumns+` FROM findings WHERE (? = '' OR status = ?) AND (? = 0 OR system_id = ?)
			AND (? = '' OR severity = ?)
			AND (? = 0 OR status IN ('open', 'in_progress'))
			ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, due_date, id`,
			f.Status, f.Status, f.SystemID, f.SystemID, f.Severity, f.Severity, f.Unresolved)
		return err
	})
	return list, err
}

// FindingUpdate changes a finding's remediation; empty fields keep their
// value.
type FindingUpdate struct {
	Status        string
	Owner         string
	DueDate       string // YYYY-MM-DD; setting it clears DueRule
	FixEvidenceID string
	// ClearFixEvidence removes the evidence of the fix (FixEvidenceID must
	// then be empty).
	ClearFixEvidence bool
}

// UpdateFinding changes a finding's status, owner, due date or evidence of
// the fix; a status other than open or in_progress closes it on today.
// Needs PermEditRegisters.
func (s *Session) UpdateFinding(id int64, u FindingUpdate) (Finding, error) {
	u.Owner = strings.TrimSpace(textnorm.NFC(u.Owner))
	if u.Status != "" && !slices.Contains(findings.Statuses(), u.Status) {
		return Finding{}, fmt.Errorf("%w: %q", ErrBadFindingStatus, u.Status)
	}
	if _, err := parseDay(u.DueDate, true); err != nil {
		return Finding{}, err
	}
	if u.ClearFixEvidence && u.FixEvidenceID != "" {
		return Finding{}, fmt.Errorf("%w: both a fix evidence and its removal", ErrInvalidInput)
	}
	var f Finding
	err := s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		var err error
		if f, err = getFinding(tx, id); err != nil {
			return err
		}
		if u.ClearFixEvidence {
			f.FixEvidenceID = ""
		}
		if u.FixEvidenceID != "" {
			if _, err := getEvidence(tx, u.FixEvidenceID); err != nil {
				return err
			}
			f.FixEvidenceID = u.FixEvidenceID
		}
		applyFindingUpdate(&f, u, s.now().Format(time.DateOnly))
		if _, err := tx.Exec(`UPDATE findings SET status = ?, owner = ?, due_date = ?, due_rule = ?, fix_evidence_id = ?, closed_on = ?
			WHERE id = ?`, f.Status, f.Owner, f.DueDate, f.DueRule, f.FixEvidenceID, f.ClosedOn, f.ID); err != nil {
			return err
		}
		return s.record(tx, "finding.update", "finding", fmt.Sprint(id), fmt.Sprintf("%s: %s, hạn %s, phụ trách %s", f.Name, f.Status, f.DueDate, f.Owner))
	})
	return f, err
}

func applyFindingUpdate(f *Finding, u FindingUpdate, today string) {
	if u.Owner != "" {
		f.Owner = u.Owner
	}
	if u.DueDate != "" {
		f.DueDate, f.DueRule = u.DueDate, ""
	}
	if u.Status != "" && u.Status != f.Status {
		f.Status = u.Status
		f.ClosedOn = ""
		if !findings.IsOpen(u.Status) {
			f.ClosedOn = today
		}
	}
}

func getFinding(q rowQuerier, id int64) (Finding, error) {
	f, err := scanFinding(q.QueryRow(`SELECT `+findingColumns+` FROM findings WHERE id = ?`, id).Scan)
	if isNoRows(err) {
		return f, fmt.Errorf("%w: %d", ErrNoSuchFinding, id)
	}
	return f, err
}
