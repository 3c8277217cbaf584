package scanimport

import (
	"encoding/xml"
	"strconv"
	"strings"
	"time"
)

// openvasHandler reads Greenbone / OpenVAS XML reports: a <report> root (as
// downloaded from GSA, possibly wrapping an inner <report>) or a GMP
// <get_reports_response>. Findings are report/results/result elements
// (results nested in result/detection are not findings); hosts are
// report/host elements, which Greenbone writes after the results.
type openvasHandler struct {
	p           *parser
	resultDepth int // depth of the result being read; 0 = none
	fields      map[string]string
	oid         string
	sevScore    string // nvt/severities score attribute
	hostDepth   int    // depth of the report/host being read; 0 = none
	host        Host
	detailName  string
	detailValue string
	hostStart   time.Time
}

// isOpenVASField tells which paths below a result are kept, by their path
// joined with "/".
func isOpenVASField(rel string) bool {
	switch rel {
	case "host", "host/hostname", "port", "name", "threat", "severity", "description",
		"nvt/name", "nvt/cvss_base", "nvt/tags", "nvt/solution", "nvt/cve",
		"nvt/severities/severity/score":
		return true
	}
	return false
}

func (o *openvasHandler) start(el xml.StartElement) error {
	path := o.p.path
	last := len(path) - 1
	switch {
	case o.resultDepth != 0:
		o.startInResult(el)
	case o.hostDepth != 0:
		o.startInHost()
	case last >= 2 && path[last] == "result" && path[last-1] == "results" && path[last-2] == "report":
		o.resultDepth = len(path)
		o.oid, o.sevScore = "", ""
		if o.fields == nil {
			o.fields = map[string]string{}
		}
		clear(o.fields)
		o.p.cves.reset()
	case last >= 1 && path[last] == "host" && path[last-1] == "report":
		o.hostDepth = len(path)
		o.host, o.hostStart = Host{}, time.Time{}
	case isReportTime(path):
		o.p.capture(0)
	}
	return nil
}

// isReportTime tells the report's own times: report/scan_start and
// report/creation_time (not those of a result or a host).
func isReportTime(path []string) bool {
	last := len(path) - 1
	return last >= 1 && path[last-1] == "report" && (path[last] == "scan_start" || path[last] == "creation_time")
}

func (o *openvasHandler) startInResult(el xml.StartElement) {
	rel := strings.Join(o.p.rel(o.resultDepth), "/")
	switch rel {
	case "nvt":
		o.oid = cleanText(truncate(attr(el, "oid"), 256))
	case "nvt/severities":
		o.sevScore = attr(el, "score")
	case "nvt/refs/ref":
		if strings.EqualFold(attr(el, "type"), "cve") {
			o.p.cves.add(attr(el, "id"))
		}
	case "host/hostname":
		o.fields["host"] = o.p.captured()
		o.p.capture(0)
	case "nvt/tags":
		o.p.capture(4 * o.p.opts.MaxTextLen)
	default:
		if isOpenVASField(rel) {
			o.p.capture(0)
		}
	}
}

func (o *openvasHandler) startInHost() {
	switch strings.Join(o.p.rel(o.hostDepth), "/") {
	case "ip", "start", "detail/name", "detail/value":
		o.p.capture(0)
	case "detail":
		o.detailName, o.detailValue = "", ""
	}
}

func (o *openvasHandler) end(string) error {
	depth := len(o.p.path)
	switch {
	case o.resultDepth != 0 && depth == o.resultDepth:
		o.resultDepth = 0
		return o.finishResult()
	case o.resultDepth != 0:
		rel := strings.Join(o.p.rel(o.resultDepth), "/")
		if isOpenVASField(rel) && o.p.capDepth == depth {
			o.fields[rel] = o.p.captured()
		}
	case o.hostDepth != 0 && depth == o.hostDepth:
		o.hostDepth = 0
		return o.finishHost()
	case o.hostDepth != 0:
		o.endInHost(depth)
	case isReportTime(o.p.path) && o.p.capDepth == depth:
		t := parseReportTime(o.p.captured())
		if o.p.path[depth-1] == "scan_start" {
			earliest(&o.p.starts.report, t)
		} else {
			earliest(&o.p.starts.created, t)
		}
	}
	return nil
}

func (o *openvasHandler) endInHost(depth int) {
	rel := strings.Join(o.p.rel(o.hostDepth), "/")
	captured := func() string {
		if o.p.capDepth != depth {
			return ""
		}
		return o.p.captured()
	}
	switch rel {
	case "ip":
		o.host.IP = captured()
	case "start":
		o.hostStart = parseReportTime(captured())
	case "detail/name":
		o.detailName = captured()
	case "detail/value":
		o.detailValue = captured()
	case "detail":
		o.applyDetail()
	}
}

// applyDetail keeps the host details the app uses.
func (o *openvasHandler) applyDetail() {
	switch o.detailName {
	case "hostname":
		if o.host.Hostname == "" {
			o.host.Hostname = o.detailValue
		}
	case "best_os_txt":
		o.host.OS = o.detailValue
	case "best_os_cpe":
		if o.host.OS == "" {
			o.host.OS = o.detailValue
		}
	case "MAC":
		o.host.MAC = o.detailValue
	}
}

func (o *openvasHandler) finishHost() error {
	h := o.host
	if h.IP != "" {
		if c, ok := canonicalIP(h.IP); ok {
			h.IP = c
		} else {
			o.p.problem("host: invalid IP %q taken as a name", h.IP)
			h.Hostname, h.IP = firstNonEmpty(h.Hostname, h.IP), ""
		}
	}
	if h.IP == "" && h.Hostname == "" {
		o.p.sum.Skipped++
		o.p.problem("host without name or address skipped")
		return nil
	}
	earliest(&o.p.starts.host, o.hostStart)
	return o.p.emitHost(h)
}

// finishResult builds the finding of one result and delivers it.
func (o *openvasHandler) finishResult() error {
	fl := o.fields
	tags := parseTags(fl["nvt/tags"], o.p.opts.MaxTextLen)
	f := Finding{
		PluginID:    o.oid,
		Name:        firstNonEmpty(fl["nvt/name"], fl["name"]),
		Hostname:    fl["host/hostname"],
		Solution:    firstNonEmpty(fl["nvt/solution"], tags["solution"]),
		Synopsis:    tags["summary"],
		Description: firstNonEmpty(fl["description"], tags["insight"]),
		CVEs:        o.p.cves.list,
	}
	o.setHost(&f, firstNonEmpty(fl["host"], fl["host/hostname"]))
	f.Port, f.Protocol = splitPort(fl["port"])
	if fl["nvt/cve"] != "" {
		o.p.cves.addText(fl["nvt/cve"])
		f.CVEs = o.p.cves.list
	}
	sev, score, ok := openvasSeverity(fl["severity"], fl["threat"])
	if !ok {
		o.p.sum.Skipped++
		o.p.problem("result %q on %s skipped: severity %q / threat %q (false positive, debug or unknown)",
			f.Name, f.Host, truncate(fl["severity"], 16), truncate(fl["threat"], 32))
		return nil
	}
	f.Severity = sev
	f.CVSS = openvasCVSS(score, o.sevScore, fl["nvt/severities/severity/score"], fl["nvt/cvss_base"])
	return o.p.emitFinding(f)
}

// setHost fills the host fields of f from the result's host text.
func (o *openvasHandler) setHost(f *Finding, text string) {
	if ip, ok := canonicalIP(text); ok {
		f.IP, f.Host = ip, ip
		return
	}
	if f.Hostname == "" {
		f.Hostname = text
	}
	f.Host = f.Hostname
}

// openvasSeverity maps the result's severity score, else its threat word.
// Negative scores (false positive −1, debug −2, error −3) and the matching
// threat words are not findings.
func openvasSeverity(score, threat string) (Severity, float64, bool) {
	if v, err := strconv.ParseFloat(strings.TrimSpace(score), 64); err == nil && v == v {
		if v < 0 || v > 10 {
			return "", 0, false
		}
		return severityOfScore(v), v, true
	}
	sev, ok := severityOfWord(threat)
	return sev, 0, ok
}

// openvasCVSS picks the first valid positive score.
func openvasCVSS(resultScore float64, candidates ...string) float64 {
	if resultScore > 0 {
		return resultScore
	}
	for _, c := range candidates {
		if v, ok := parseScore(c); ok && v > 0 {
			return v
		}
	}
	return 0
}

// splitPort reads "443/tcp", "general/tcp" or "package".
func splitPort(s string) (int, string) {
	num, proto, found := strings.Cut(s, "/")
	if !found {
		return parsePort(num), ""
	}
	return parsePort(num), strings.ToLower(truncate(strings.TrimSpace(proto), 32))
}

// parseTags reads the "key=value|key=value" tags of an NVT.
func parseTags(s string, maxLen int) map[string]string {
	tags := map[string]string{}
	for part := range strings.SplitSeq(s, "|") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			continue
		}
		switch k = strings.TrimSpace(k); k {
		case "summary", "solution", "insight":
			tags[k] = truncate(strings.TrimSpace(v), maxLen)
		}
	}
	return tags
}
