package session

import (
	"crypto/rand"
	"io"
	"slices"
	"strconv"
	"strings"

	"daumoi/data/scanimport"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Staging sizes: findings are written to the staging table this many per
// transaction, this many rows per INSERT statement.
const (
	stageBatch       = 2000
	stageRowsPerStmt = 100
)

// stagedFinding is one finding row waiting in scan_staging_findings.
type stagedFinding struct {
	key      string
	assetID  int64
	host     string
	hostname string
	port     string
	pluginID string
	cves     string
	cvss     float64
	severity string
	name     string
	solution string
}

// scanStager receives the parser's hosts and findings and writes the
// findings to the staging table in small transactions. It holds one batch
// of findings and one entry per scanned host, whatever the report's size.
type scanStager struct {
	s        *Session
	importID string
	idx      assetIndex
	hosts    map[string]HostMatch
	batch    []stagedFinding
	staged   int        // findings of severity low and above
	spool    *scanSpool // batches parsed, until the report is read
}

func newScanStager(s *Session, idx assetIndex) *scanStager {
	return &scanStager{s: s, importID: "import-" + rand.Text(), idx: idx, hosts: map[string]HostMatch{}}
}

// onHost records a scanned host and the asset it matches; a later
// description of the same host keeps an asset found earlier.
func (st *scanStager) onHost(h scanimport.Host) error {
	m := st.idx.match(h.IP, h.Hostname, h.FQDN)
	m.Host = hostKey(h)
	if old, ok := st.hosts[m.Host]; ok && m.AssetID == 0 {
		m.AssetID, m.AssetName = old.AssetID, old.AssetName
	}
	st.hosts[m.Host] = m
	return nil
}

// hostFor returns the match of a finding's host, matching the finding's
// own address and name when its host is not known yet or matched nothing.
func (st *scanStager) hostFor(f scanimport.Finding) HostMatch {
	m, ok := st.hosts[f.Host]
	if ok && m.AssetID != 0 {
		return m
	}
	own := st.idx.match(f.IP, f.Hostname)
	own.Host = f.Host
	if !ok || own.AssetID != 0 {
		st.hosts[f.Host] = own
		return own
	}
	return m
}

// onFinding stages a finding of severity low and above.
func (st *scanStager) onFinding(f scanimport.Finding) error {
	if f.Severity == scanimport.SeverityInfo {
		return nil
	}
	m := st.hostFor(f)
	st.batch = append(st.batch, stagedFinding{key: findingKey(f, m.AssetID), assetID: m.AssetID, host: f.Host, hostname: f.Hostname,
		port: portText(f), pluginID: f.PluginID, cves: strings.Join(f.CVEs, " "), cvss: f.CVSS, severity: string(f.Severity),
		name: textnorm.Line(f.Name), solution: textnorm.Line(f.Solution)})
	st.staged++
	if len(st.batch) >= stageBatch {
		return st.spoolBatch()
	}
	return nil
}

// spoolBatch moves the batch to the spool.
func (st *scanStager) spoolBatch() error {
	if len(st.batch) == 0 {
		return nil
	}
	err := st.spool.put(st.batch)
	st.batch = st.batch[:0]
	return err
}

// flush writes the batch to the staging table in one transaction.
func (st *scanStager) flush() error {
	if len(st.batch) == 0 {
		return nil
	}
	err := st.s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
		for rows := range slices.Chunk(st.batch, stageRowsPerStmt) {
			args := make([]any, 0, len(rows)*12)
			for _, r := range rows {
				args = append(args, st.importID, r.key, r.assetID, r.host, r.hostname, r.port, r.pluginID, r.cves, r.cvss, r.severity, r.name, r.solution)
			}
			if _, err := tx.Exec(`INSERT INTO scan_staging_findings (import_id, match_key, asset_id, host, hostname, port, plugin_id, cves, cvss,
				severity, name, solution) VALUES `+placeholders(len(rows), 12), args...); err != nil {
				return err
			}
		}
		return nil
	})
	st.batch = st.batch[:0]
	return err
}

// flushHosts writes every host to the staging table, stageBatch per
// transaction, in the order of their keys.
func (st *scanStager) flushHosts() error {
	keys := sortedKeys(st.hosts)
	for part := range slices.Chunk(keys, stageBatch) {
		err := st.s.write(users.PermEditRegisters, func(tx *vault.Tx, _ users.User) error {
			for rows := range slices.Chunk(part, stageRowsPerStmt) {
				args := make([]any, 0, len(rows)*5)
				for _, k := range rows {
					m := st.hosts[k]
					assetWho := ""
					if m.AssetID != 0 {
						assetWho = "asset:" + strconv.FormatInt(m.AssetID, 10)
					}
					args = append(args, st.importID, k, m.AssetID, "host:"+strings.ToLower(k), assetWho)
				}
				if _, err := tx.Exec(`INSERT INTO scan_staging_hosts (import_id, host, asset_id, host_who, asset_who) VALUES `+
					placeholders(len(rows), 5), args...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// discard deletes what this import staged, after a failure. It needs no
// permission: it only removes what this import wrote, also when the role
// was withdrawn meanwhile.
func (st *scanStager) discard() {
	_ = st.s.v.Update(func(tx *vault.Tx) error { return deleteStaged(tx, st.importID) })
}

func deleteStaged(tx *vault.Tx, importID string) error {
	if _, err := tx.Exec(`DELETE FROM scan_staging_findings WHERE import_id = ?`, importID); err != nil {
		return err
	}
	_, err := tx.Exec(`DELETE FROM scan_staging_hosts WHERE import_id = ?`, importID)
	return err
}

// stageReport parses a report into the staging tables. The findings wait
// in the spool until the whole report has been read: a report it cannot
// read (or an import cancelled meanwhile) writes nothing to the vault, not
// even a record of the journal.
func (st *scanStager) stageReport(r io.Reader, opts scanimport.Options) (scanimport.Summary, error) {
	spool, err := newScanSpool(st.s.dir)
	if err != nil {
		return scanimport.Summary{}, err
	}
	defer spool.close()
	st.spool = spool
	sum, err := scanimport.Parse(r, opts, st.onHost, st.onFinding)
	if err == nil {
		err = st.spoolBatch()
	}
	if err != nil {
		return sum, err
	}
	err = spool.each(func(batch []stagedFinding) error { st.batch = batch; return st.flush() })
	if err == nil {
		err = st.flushHosts()
	}
	if err != nil {
		st.discard()
		return sum, err
	}
	return sum, nil
}

// placeholders is "(?, ?), (?, ?)" for rows rows of cols columns.
func placeholders(rows, cols int) string {
	row := "(" + strings.Repeat("?, ", cols-1) + "?)"
	return strings.Repeat(row+", ", rows-1) + row
}

// hasStaged reports whether an earlier import left staged rows (it was
// interrupted by a crash).
func hasStaged(q rowQuerier) (bool, error) {
	var left bool
	err := q.QueryRow(`SELECT EXISTS (SELECT 1 FROM scan_staging_findings) OR EXISTS (SELECT 1 FROM scan_staging_hosts)`).Scan(&left)
	return left, err
}

// clearStaged deletes the rows an interrupted import left behind; it is
// called when a session starts, when no import can be running.
func clearStaged(v *vault.Vault) error {
	var leftover bool
	if err := v.View(func(tx *vault.ReadTx) error { var err error; leftover, err = hasStaged(tx); return err }); err != nil || !leftover {
		return err
	}
	return v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Exec(`DELETE FROM scan_staging_findings`); err != nil {
			return err
		}
		_, err := tx.Exec(`DELETE FROM scan_staging_hosts`)
		return err
	})
}
