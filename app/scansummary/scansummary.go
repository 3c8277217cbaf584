// Package scansummary writes what a scan import stored, in the same lines
// for the command line and the GUI: the scan's date and where it comes
// from, the hosts, the findings by severity after merging duplicates, and
// the hosts matched to assets, those to give to an asset (what `finding
// hosts` lists) and those with nothing to give.
package scansummary

import (
	"strconv"
	"strings"

	"daumoi/assets/i18n"
	"daumoi/data/session"
)

// Lines describes res. system names the scanned system; day writes a
// YYYY-MM-DD date; each list of hosts shows at most maxHosts hosts (0:
// all), then how many more there are.
func Lines(cat *i18n.Catalog, res session.ScanImportResult, system string, day func(string) string, maxHosts int) []string {
	var source string
	switch {
	case res.DateSource == session.ScanDateReport || res.DateSource == session.ScanDateGiven && res.ReportDate == res.Scan.Date:
		source = cat.T("scan.sum.date_report")
	case res.DateSource == session.ScanDateGiven && res.ReportDate != "" && res.ReportDate != res.Scan.Date:
		source = cat.T("scan.sum.date_given_report", day(res.ReportDate))
	case res.DateSource == session.ScanDateGiven:
		source = cat.T("scan.sum.date_given")
	default:
		source = cat.T("scan.sum.date_today")
	}
	sev := res.BySeverity
	lines := []string{
		cat.T("scan.sum.imported", res.Format, system, day(res.Scan.Date), source, res.Hosts),
		cat.T("scan.sum.severities", res.Findings, sev["critical"], sev["high"], sev["medium"], sev["low"], res.Info),
		cat.T("scan.sum.findings", res.New, res.Seen, res.Closed),
	}
	lines = appendHosts(cat, lines, "scan.sum.matched", res.Matched, maxHosts)
	lines = appendHosts(cat, lines, "scan.sum.unmatched", res.Unmatched, maxHosts)
	lines = appendHosts(cat, lines, "scan.sum.clean", res.Clean, maxHosts)
	for _, p := range res.Problems {
		lines = append(lines, cat.T("scan.sum.problem", p))
	}
	return lines
}

// appendHosts adds the heading key with the number of hosts, then one
// indented line per host (none when the list is empty).
func appendHosts(cat *i18n.Catalog, lines []string, key string, hosts []session.HostMatch, maxHosts int) []string {
	lines = append(lines, cat.T(key, len(hosts)))
	for i, m := range hosts {
		if maxHosts > 0 && i == maxHosts {
			lines = append(lines, "  "+cat.T("scan.sum.more_hosts", len(hosts)-maxHosts))
			break
		}
		text := strings.TrimSpace(m.Host + " " + m.Hostname)
		if m.AssetID != 0 {
			text += " → #" + strconv.FormatInt(m.AssetID, 10) + " " + m.AssetName
		}
		if m.Findings > 0 {
			text += " (" + cat.T("scan.sum.host_findings", m.Findings) + ")"
		}
		lines = append(lines, "  "+text)
	}
	return lines
}
