package scanimport

import (
	"encoding/xml"
	"strings"
)

// Depths of the Nessus v2 elements (root = 1):
// NessusClientData_v2 / Report / ReportHost / (HostProperties / tag | ReportItem / child).
const (
	nessusHostDepth  = 3
	nessusChildDepth = 4
	nessusLeafDepth  = 5
)

// nessusHandler reads NessusClientData_v2 documents.
type nessusHandler struct {
	p          *parser
	inHost     bool
	hostName   string // ReportHost name attribute
	tags       map[string]string
	tag        string // name of the HostProperties tag being read
	host       Host
	key        string // host key for findings; "" if the host is invalid
	hostDone   bool   // host delivered (or rejected)
	inItem     bool
	item       Finding
	itemFields map[string]string
}

// isNessusTag tells the HostProperties tags kept.
func isNessusTag(name string) bool {
	switch name {
	case "host-ip", "host-fqdn", "hostname", "netbios-name", "operating-system", "mac-address",
		"HOST_START", "HOST_START_TIMESTAMP":
		return true
	}
	return false
}

// isNessusItemField tells the ReportItem children kept.
func isNessusItemField(name string) bool {
	switch name {
	case "cve", "cvss3_base_score", "cvss_base_score", "risk_factor",
		"solution", "synopsis", "description", "plugin_name":
		return true
	}
	return false
}

func (n *nessusHandler) start(el xml.StartElement) error {
	path := n.p.path
	switch {
	case len(path) == nessusHostDepth && path[1] == "Report" && path[2] == "ReportHost":
		n.startHost(el)
	case !n.inHost:
	case len(path) == nessusLeafDepth && path[3] == "HostProperties" && path[4] == "tag":
		n.tag = attr(el, "name")
		if isNessusTag(n.tag) {
			n.p.capture(0)
		}
	case len(path) == nessusChildDepth && path[3] == "ReportItem":
		n.startItem(el)
	case len(path) == nessusLeafDepth && n.inItem && isNessusItemField(path[4]):
		n.p.capture(0)
	}
	return nil
}

func (n *nessusHandler) end(name string) error {
	depth := len(n.p.path)
	switch {
	case !n.inHost:
	case depth == nessusLeafDepth && n.p.path[3] == "HostProperties" && name == "tag":
		if isNessusTag(n.tag) && n.p.capDepth == depth {
			n.tags[n.tag] = n.p.captured()
		}
	case depth == nessusLeafDepth && n.inItem && isNessusItemField(name):
		n.itemField(name, n.p.captured())
	case depth == nessusChildDepth && name == "HostProperties":
		return n.finishHost()
	case depth == nessusChildDepth && name == "ReportItem":
		n.inItem = false
		if err := n.finishHost(); err != nil {
			return err
		}
		return n.finishItem()
	case depth == nessusHostDepth:
		n.inHost = false
		return n.finishHost()
	}
	return nil
}

func (n *nessusHandler) startHost(el xml.StartElement) {
	n.inHost, n.hostDone, n.key = true, false, ""
	n.hostName = cleanText(truncate(attr(el, "name"), 1024))
	if n.tags == nil {
		n.tags = map[string]string{}
	}
	clear(n.tags)
}

// finishHost builds and delivers the host once, from its name and tags.
func (n *nessusHandler) finishHost() error {
	if n.hostDone {
		return nil
	}
	n.hostDone = true
	h := Host{
		FQDN: n.tags["host-fqdn"],
		OS:   n.tags["operating-system"],
		MAC:  n.tags["mac-address"],
	}
	if ip := n.tags["host-ip"]; ip != "" {
		if c, ok := canonicalIP(ip); ok {
			h.IP = c
		} else {
			n.p.problem("host %q: invalid host-ip %q ignored", n.hostName, ip)
		}
	}
	nameIP, nameIsIP := canonicalIP(n.hostName)
	if h.IP == "" && nameIsIP {
		h.IP = nameIP
	}
	h.Hostname = firstNonEmpty(n.tags["hostname"], n.tags["netbios-name"])
	if h.Hostname == "" && !nameIsIP {
		h.Hostname = n.hostName
	}
	n.host = h
	n.key = firstNonEmpty(h.IP, h.Hostname, h.FQDN)
	if n.key == "" {
		n.p.sum.Skipped++
		n.p.problem("host without name or address skipped")
		return nil
	}
	started := parseReportTime(n.tags["HOST_START_TIMESTAMP"])
	if started.IsZero() {
		started = parseReportTime(n.tags["HOST_START"])
	}
	earliest(&n.p.starts.host, started)
	return n.p.emitHost(h)
}

func (n *nessusHandler) startItem(el xml.StartElement) {
	n.inItem = true
	n.item = Finding{
		Port:     parsePort(attr(el, "port")),
		Protocol: strings.ToLower(cleanText(truncate(attr(el, "protocol"), 32))),
		Service:  cleanText(truncate(attr(el, "svc_name"), 128)),
		PluginID: cleanText(truncate(attr(el, "pluginID"), 128)),
		Name:     cleanText(truncate(attr(el, "pluginName"), n.p.opts.MaxTextLen)),
	}
	if n.itemFields == nil {
		n.itemFields = map[string]string{}
	}
	clear(n.itemFields)
	n.itemFields["severity"] = attr(el, "severity")
	n.p.cves.reset()
}

func (n *nessusHandler) itemField(name, value string) {
	if name == "cve" {
		n.p.cves.addText(value)
		return
	}
	n.itemFields[name] = value
}

// finishItem completes the finding from its fields and delivers it.
func (n *nessusHandler) finishItem() error {
	f := n.item
	f.Host, f.IP, f.Hostname = n.key, n.host.IP, firstNonEmpty(n.host.Hostname, n.host.FQDN)
	if n.key == "" {
		f.Host = ""
	}
	fields := n.itemFields
	if f.Name == "" {
		f.Name = fields["plugin_name"]
	}
	f.Solution, f.Synopsis, f.Description = fields["solution"], fields["synopsis"], fields["description"]
	f.CVEs = n.p.cves.list
	if v, ok := parseScore(fields["cvss3_base_score"]); ok {
		f.CVSS = v
	} else if v, ok := parseScore(fields["cvss_base_score"]); ok {
		f.CVSS = v
	}
	sev, ok := nessusSeverity(fields["severity"], fields["risk_factor"])
	if !ok {
		n.p.sum.Skipped++
		n.p.problem("finding %q on %s skipped: unknown severity %q", f.Name, f.Host, truncate(fields["severity"], 16))
		return nil
	}
	f.Severity = sev
	return n.p.emitFinding(f)
}

// nessusSeverity maps the severity attribute (0–4), falling back on the
// risk_factor word.
func nessusSeverity(attrValue, risk string) (Severity, bool) {
	switch strings.TrimSpace(attrValue) {
	case "0":
		return SeverityInfo, true
	case "1":
		return SeverityLow, true
	case "2":
		return SeverityMedium, true
	case "3":
		return SeverityHigh, true
	case "4":
		return SeverityCritical, true
	}
	return severityOfWord(risk)
}

// attr returns the value of the attribute with the given local name.
func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
