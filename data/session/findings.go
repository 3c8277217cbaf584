package session

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"daumoi/data/scanimport"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of findings.
var (
	// ErrNoSuchFinding is returned for a finding id not in the vault.
	ErrNoSuchFinding = errors.New("session: no such finding")
	// ErrBadFindingStatus is returned for a status not in FindingStatuses.
	ErrBadFindingStatus = errors.New("session: unknown finding status")
	// ErrBadScanReport is returned (wrapping the parser's error) for a
	// scan report that cannot be read; nothing was changed.
	ErrBadScanReport = errors.New("session: the scan report cannot be read; nothing was changed")
)

// Finding statuses.
const (
	FindingOpen          = "open"
	FindingInProgress    = "in_progress"
	FindingFixed         = "fixed"
	FindingAcceptedRisk  = "accepted_risk"
	FindingFalsePositive = "false_positive"
)

// FindingStatuses lists the remediation statuses.
func FindingStatuses() []string {
	return []string{FindingOpen, FindingInProgress, FindingFixed, FindingAcceptedRisk, FindingFalsePositive}
}

// isOpenStatus reports whether a finding still needs work.
func isOpenStatus(status string) bool { return status == FindingOpen || status == FindingInProgress }

// DefaultRemediationDays are the days to fix a finding by severity when
// no active pack has a rule for it (no shipped pack has one, and the pack
// format has no rule kind for it yet). A due date computed from them is
// marked DueIsDefault.
func DefaultRemediationDays() map[string]int {
	return map[string]int{"critical": 7, "high": 30, "medium": 90, "low": 180}
}

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
	// DueIsDefault says DueDate comes from DefaultRemediationDays.
	DueIsDefault  bool
	FixEvidenceID string
	// ClosedByScan is the re-scan in which the finding no longer appeared.
	ClosedByScan int64
	ClosedOn     string
	FirstSeen    string
	LastSeen     string
}

// FindingFilter narrows ListFindings; zero values match everything.
type FindingFilter struct {
	Status   string
	SystemID int64
	Severity string
}

// ScanImport says what a scan report is about.
type ScanImport struct {
	// SystemID is the system scanned; 0 takes the system served by most of
	// the matched assets (ErrScanNeedsSystem if none).
	SystemID int64
	Date     string // YYYY-MM-DD; "" is today
	Kind     string // default vulnerability_scan
	// Performer, Provider, Scope and EvidenceID as in Scan.
	Performer, Provider, Scope, EvidenceID string
}

// HostMatch is a scanned host and the asset it matched (0: none).
type HostMatch struct {
	Host      string
	Hostname  string
	AssetID   int64
	AssetName string
}

// ScanImportResult describes an imported report.
type ScanImportResult struct {
	Scan       Scan
	Format     string
	Hosts      int
	Findings   int            // findings stored (informational results are counted apart)
	BySeverity map[string]int // findings per severity, info included
	Info       int
	Matched    []HostMatch
	Unmatched  []HostMatch
	New        int // findings not seen before
	Seen       int // findings already open, seen again
	Closed     int // open findings of the scanned hosts that no longer appear
	Problems   []string
}

// staged is what the parser delivered, held until the one transaction
// that stores it.
type staged struct {
	hosts    []scanimport.Host
	findings []scanimport.Finding
	summary  scanimport.Summary
}

// stageReport reads a whole report before anything is stored.
func stageReport(r io.Reader) (staged, error) {
	var st staged
	sum, err := scanimport.Parse(r, scanimport.Options{},
		func(h scanimport.Host) error { st.hosts = append(st.hosts, h); return nil },
		func(f scanimport.Finding) error {
			if f.Severity != scanimport.SeverityInfo {
				st.findings = append(st.findings, f)
			}
			return nil
		})
	st.summary = sum
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrBadScanReport, err)
	}
	return st, nil
}

// ImportScanReport reads a Nessus or OpenVAS report, then in one
// transaction stores the scan (and its activity), the findings of
// severity low and above matched to assets by IP or host name (case
// insensitive), due dates by severity, and closes the open findings of
// the scanned hosts that no longer appear (fixed by re-scan). A report it
// cannot read changes nothing (ErrBadScanReport wrapping the parser's
// sentinel). Needs PermEditRegisters.
func (s *Session) ImportScanReport(r io.Reader, imp ScanImport) (ScanImportResult, error) {
	var res ScanImportResult
	if strings.TrimSpace(imp.Date) == "" {
		imp.Date = s.now().Format(time.DateOnly)
	}
	sc, err := Scan{SystemID: imp.SystemID, Date: imp.Date, Kind: imp.Kind, Performer: imp.Performer, Provider: imp.Provider,
		Scope: imp.Scope, EvidenceID: imp.EvidenceID}.normalize(s.now())
	if err != nil {
		return res, err
	}
	// Check the permission before reading a possibly large file.
	if err := s.v.View(func(tx *vault.ReadTx) error { _, err := s.require(tx, users.PermEditRegisters); return err }); err != nil {
		return res, err
	}
	st, err := stageReport(r)
	if err != nil {
		return res, err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		if _, err := s.require(tx, users.PermEditRegisters); err != nil {
			return err
		}
		res, err = s.storeReport(tx, sc, st)
		return err
	})
	return res, err
}

func (s *Session) storeReport(tx *vault.Tx, sc Scan, st staged) (ScanImportResult, error) {
	res := ScanImportResult{Format: string(st.summary.Format), Hosts: st.summary.Hosts, BySeverity: map[string]int{},
		Problems: st.summary.Problems}
	for sev, n := range st.summary.BySeverity {
		res.BySeverity[string(sev)] = n
	}
	res.Info = st.summary.BySeverity[scanimport.SeverityInfo]
	idx, err := loadAssetIndex(tx)
	if err != nil {
		return res, err
	}
	matches := map[string]HostMatch{}
	for _, h := range st.hosts {
		m := idx.match(h.IP, h.Hostname, h.FQDN)
		m.Host = hostKey(h)
		matches[m.Host] = m
	}
	for _, f := range st.findings {
		if _, ok := matches[f.Host]; !ok {
			m := idx.match(f.IP, f.Hostname, "")
			m.Host = f.Host
			matches[f.Host] = m
		}
	}
	for _, key := range sortedKeys(matches) {
		if m := matches[key]; m.AssetID != 0 {
			res.Matched = append(res.Matched, m)
		} else {
			res.Unmatched = append(res.Unmatched, m)
		}
	}
	if sc.SystemID == 0 {
		if sc.SystemID, err = likelySystem(tx, res.Matched); err != nil {
			return res, err
		}
	}
	sc.Tool = map[string]string{"nessus": "Nessus", "openvas": "OpenVAS"}[res.Format]
	sc.Summary = fmt.Sprintf("%d máy, %d lỗ hổng (nghiêm trọng %d, cao %d, trung bình %d, thấp %d)", res.Hosts, len(st.findings),
		res.BySeverity["critical"], res.BySeverity["high"], res.BySeverity["medium"], res.BySeverity["low"])
	if res.Scan, err = s.insertScan(tx, sc); err != nil {
		return res, err
	}
	seen := map[string]bool{}
	for _, f := range st.findings {
		isNew, err := upsertFinding(tx, res.Scan, f, matches[f.Host].AssetID, seen)
		if err != nil {
			return res, err
		}
		if isNew {
			res.New++
		} else {
			res.Seen++
		}
	}
	res.Findings = res.New + res.Seen
	if res.Closed, err = closeMissing(tx, res.Scan, matches, seen); err != nil {
		return res, err
	}
	return res, s.record(tx, "scan.import", "scan", fmt.Sprint(res.Scan.ID),
		fmt.Sprintf("nhập báo cáo %s: %d máy, %d lỗ hổng mới, %d đã biết, %d đã khắc phục", res.Format, res.Hosts, res.New, res.Seen, res.Closed))
}

func hostKey(h scanimport.Host) string {
	if h.IP != "" {
		return h.IP
	}
	return h.Hostname
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

// likelySystem is the system most of the matched assets serve (the lowest
// id on a tie).
func likelySystem(q rowQuerier, matched []HostMatch) (int64, error) {
	count := map[int64]int{}
	for _, m := range matched {
		rows, err := q.Query(`SELECT system_id FROM asset_systems WHERE asset_id = ?`, m.AssetID)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return 0, err
			}
			count[id]++
		}
		rows.Close()
	}
	var best int64
	for id, n := range count {
		if best == 0 || n > count[best] || (n == count[best] && id < best) {
			best = id
		}
	}
	if best == 0 {
		return 0, ErrScanNeedsSystem
	}
	return best, nil
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

// remediationDue is the due date of a finding of a severity found on day.
func remediationDue(severity, day string) (string, bool) {
	days, ok := DefaultRemediationDays()[severity]
	d, err := time.Parse(time.DateOnly, day)
	if !ok || err != nil {
		return "", false
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly), true
}

// upsertFinding stores a finding of the scan, or marks an open one with
// the same key as seen again; it reports whether it was new.
func upsertFinding(tx *vault.Tx, sc Scan, f scanimport.Finding, assetID int64, seen map[string]bool) (bool, error) {
	key := findingKey(f, assetID)
	if seen[key] {
		return false, nil
	}
	seen[key] = true
	var id int64
	// A fixed finding found again is a new finding; one marked accepted
	// risk or false positive stays as the user marked it.
	err := tx.QueryRow(`SELECT id FROM findings WHERE system_id = ? AND match_key = ? AND status <> 'fixed'
		ORDER BY id DESC LIMIT 1`, sc.SystemID, key).Scan(&id)
	if err == nil {
		_, err = tx.Exec(`UPDATE findings SET last_seen = ?, cvss = ?, severity = ? WHERE id = ?`, sc.Date, f.CVSS, string(f.Severity), id)
		return false, err
	}
	if !isNoRows(err) {
		return false, err
	}
	due, isDefault := remediationDue(string(f.Severity), sc.Date)
	_, err = tx.Exec(`INSERT INTO findings (scan_id, system_id, asset_id, host, hostname, port, plugin_id, cves, cvss, severity, name,
		solution, match_key, status, due_date, due_default, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sc.ID, sc.SystemID, assetID, f.Host, f.Hostname, portText(f), f.PluginID, strings.Join(f.CVEs, " "), f.CVSS, string(f.Severity),
		textnorm.NFC(f.Name), textnorm.NFC(f.Solution), key, FindingOpen, due, isDefault, sc.Date, sc.Date)
	return true, err
}

// closeMissing closes the open findings of the system on the hosts this
// scan covered that it did not find again.
func closeMissing(tx *vault.Tx, sc Scan, matches map[string]HostMatch, seen map[string]bool) (int, error) {
	rows, err := tx.Query(`SELECT id, host, asset_id, match_key FROM findings WHERE system_id = ? AND status IN ('open', 'in_progress')`, sc.SystemID)
	if err != nil {
		return 0, err
	}
	covered := map[string]bool{}
	for host, m := range matches {
		covered["host:"+strings.ToLower(host)] = true
		if m.AssetID != 0 {
			covered["asset:"+strconv.FormatInt(m.AssetID, 10)] = true
		}
	}
	var closing []int64
	for rows.Next() {
		var id, asset int64
		var host, key string
		if err := rows.Scan(&id, &host, &asset, &key); err != nil {
			rows.Close()
			return 0, err
		}
		who, _, _ := strings.Cut(key, "|")
		if covered[who] && !seen[key] {
			closing = append(closing, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, id := range closing {
		if _, err := tx.Exec(`UPDATE findings SET status = ?, closed_by_scan = ?, closed_on = ? WHERE id = ?`, FindingFixed, sc.ID, sc.Date, id); err != nil {
			return 0, err
		}
	}
	return len(closing), nil
}

const findingColumns = `id, scan_id, system_id, asset_id, host, hostname, port, plugin_id, cves, cvss, severity, name, solution,
	status, owner, due_date, due_default, fix_evidence_id, closed_by_scan, closed_on, first_seen, last_seen`

func scanFinding(scan func(dest ...any) error) (Finding, error) {
	var f Finding
	var cves string
	err := scan(&f.ID, &f.ScanID, &f.SystemID, &f.AssetID, &f.Host, &f.Hostname, &f.Port, &f.PluginID, &cves, &f.CVSS, &f.Severity,
		&f.Name, &f.Solution, &f.Status, &f.Owner, &f.DueDate, &f.DueIsDefault, &f.FixEvidenceID, &f.ClosedByScan, &f.ClosedOn,
		&f.FirstSeen, &f.LastSeen)
	f.CVEs = splitStored(cves)
	return f, err
}

// severityRank orders severities from the most severe.
func severityRank(s string) int {
	return map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3}[s]
}

// ListFindings returns the findings matching f: most severe first, then
// by due date and id. Needs PermRead.
func (s *Session) ListFindings(f FindingFilter) ([]Finding, error) {
	if f.Status != "" && !slices.Contains(FindingStatuses(), f.Status) {
		return nil, fmt.Errorf("%w: %q", ErrBadFindingStatus, f.Status)
	}
	var list []Finding
	err := s.v.View(func(tx *vault.ReadTx) error {
		if _, err := s.require(tx, users.PermRead); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+findingColumns+` FROM findings WHERE (? = '' OR status = ?) AND (? = 0 OR system_id = ?)
			AND (? = '' OR severity = ?) ORDER BY id`, f.Status, f.Status, f.SystemID, f.SystemID, f.Severity, f.Severity)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			fd, err := scanFinding(rows.Scan)
			if err != nil {
				return err
			}
			list = append(list, fd)
		}
		return rows.Err()
	})
	slices.SortStableFunc(list, func(a, b Finding) int {
		if d := severityRank(a.Severity) - severityRank(b.Severity); d != 0 {
			return d
		}
		return strings.Compare(a.DueDate, b.DueDate)
	})
	return list, err
}

// FindingUpdate changes a finding's remediation; empty fields keep their
// value.
type FindingUpdate struct {
	Status        string
	Owner         string
	DueDate       string // YYYY-MM-DD; setting it clears DueIsDefault
	FixEvidenceID string
}

// UpdateFinding changes a finding's status, owner, due date or evidence of
// the fix; a status other than open or in_progress closes it on today.
// Needs PermEditRegisters.
func (s *Session) UpdateFinding(id int64, u FindingUpdate) (Finding, error) {
	u.Owner = strings.TrimSpace(textnorm.NFC(u.Owner))
	if u.Status != "" && !slices.Contains(FindingStatuses(), u.Status) {
		return Finding{}, fmt.Errorf("%w: %q", ErrBadFindingStatus, u.Status)
	}
	if _, err := parseDay(u.DueDate, true); err != nil {
		return Finding{}, err
	}
	var f Finding
	err := s.v.Update(func(tx *vault.Tx) error {
		if _, err := s.require(tx, users.PermEditRegisters); err != nil {
			return err
		}
		var err error
		if f, err = getFinding(tx, id); err != nil {
			return err
		}
		if u.FixEvidenceID != "" {
			if _, err := getEvidence(tx, u.FixEvidenceID); err != nil {
				return err
			}
			f.FixEvidenceID = u.FixEvidenceID
		}
		applyFindingUpdate(&f, u, s.now().Format(time.DateOnly))
		if _, err := tx.Exec(`UPDATE findings SET status = ?, owner = ?, due_date = ?, due_default = ?, fix_evidence_id = ?, closed_on = ?
			WHERE id = ?`, f.Status, f.Owner, f.DueDate, f.DueIsDefault, f.FixEvidenceID, f.ClosedOn, f.ID); err != nil {
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
		f.DueDate, f.DueIsDefault = u.DueDate, false
	}
	if u.Status != "" && u.Status != f.Status {
		f.Status = u.Status
		f.ClosedOn = ""
		if !isOpenStatus(u.Status) {
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
