package scanimport

import (
	"context"
	"errors"
	"time"
)

// Sentinel errors returned (wrapped) by [Parse] and [Detect]. Test with
// errors.Is.
var (
	// ErrNotScanReport means the input is not a Nessus v2 or OpenVAS report:
	// empty, binary, not XML, or XML with another root element.
	ErrNotScanReport = errors.New("not a Nessus v2 or OpenVAS XML report")
	// ErrDoctype means the document has a DOCTYPE (or another <!...>
	// directive); scan reports never have one, and refusing it rules out
	// entity expansion and external entities.
	ErrDoctype = errors.New("document type declarations are not allowed in scan reports")
	// ErrTooDeep means elements are nested deeper than the limit.
	ErrTooDeep = errors.New("XML elements nested too deeply")
	// ErrTokenTooLarge means too many bytes without a complete XML token
	// (a huge text, attribute or run of white space).
	ErrTokenTooLarge = errors.New("XML token too large")
	// ErrTruncated means the file ends before the report is complete.
	ErrTruncated = errors.New("scan report is truncated")
	// ErrMalformed means the XML is not well formed (bad syntax, undefined
	// entity, invalid UTF-8, mismatched tags).
	ErrMalformed = errors.New("scan report is not well-formed XML")
	// ErrEncoding means the document declares a character encoding other
	// than UTF-8.
	ErrEncoding = errors.New("unsupported character encoding in scan report")
	// ErrTooManyFindings means the report holds more findings than
	// Options.MaxFindings; findings before the limit were delivered.
	ErrTooManyFindings = errors.New("too many findings in scan report")
)

// Format names the kind of scan report.
type Format string

// Known report formats.
const (
	FormatNessus  Format = "nessus"
	FormatOpenVAS Format = "openvas"
)

// Severity is the normalised severity of a finding.
type Severity string

// Severities, from least to most severe.
const (
	SeverityInfo     Severity = "info"
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// Severities lists every severity from least to most severe.
func Severities() []Severity {
	return []Severity{SeverityInfo, SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical}
}

// Host describes one scanned machine. IP is empty when the report gives no
// valid address; Hostname is then set.
type Host struct {
	IP       string // canonical form from net/netip
	Hostname string // short or NetBIOS name, or the report's name when not an IP
	FQDN     string
	OS       string
	MAC      string
}

// Finding is one vulnerability (or informational result) on one port of a
// host.
type Finding struct {
	Host        string // the host's key: IP if known, else Hostname
	Hostname    string
	IP          string
	Port        int    // 0 for host-level findings ("general")
	Protocol    string // tcp, udp, icmp… lower case
	Service     string // Nessus svc_name; empty for OpenVAS
	PluginID    string // Nessus plugin ID or OpenVAS NVT OID
	Name        string
	Severity    Severity
	CVSS        float64 // CVSS v3 base score when given, else v2; 0 if none
	CVEs        []string
	Solution    string
	Synopsis    string
	Description string
}

// Summary reports what [Parse] read.
type Summary struct {
	Format     Format
	Hosts      int // hosts delivered to onHost
	Findings   int // findings delivered to onFinding
	BySeverity map[Severity]int
	Skipped    int      // findings or hosts left out because invalid
	Problems   []string // why, at most 100 lines
	// ProblemsLeftOut counts the problems past the first 100.
	ProblemsLeftOut int
	BytesRead       int64
	// Started is when the scan started, as the report says (zero when it
	// says nothing usable): for Nessus the earliest host start
	// (HOST_START_TIMESTAMP, else HOST_START in Vietnam time); for OpenVAS
	// the report's scan_start, else the earliest host start, else the
	// report's creation time.
	Started time.Time
}

// Options tunes [Parse]. The zero value gives the defaults.
type Options struct {
	// MaxFindings stops the import with ErrTooManyFindings past this many
	// findings. Default DefaultMaxFindings.
	MaxFindings int
	// MaxTextLen caps each text field in bytes (cut on a rune boundary, "…"
	// appended). Default DefaultMaxTextLen.
	MaxTextLen int
	// MaxTokenBytes caps the bytes read without completing one XML token
	// (a text, comment or run of white space). Start tags are further
	// capped at 64 KiB. Default DefaultMaxTokenBytes.
	MaxTokenBytes int
	// Progress, if set, is called with the bytes read from the source so
	// far, at most once per 64 KiB read and once at the end.
	Progress func(bytesRead int64)
	// Context, if set, cancels the import; Parse then returns its error.
	Context context.Context
}

// Defaults for [Options] and fixed limits.
const (
	DefaultMaxFindings   = 1_000_000
	DefaultMaxTextLen    = 4 << 10
	DefaultMaxTokenBytes = 8 << 20
	// MaxDepth is the deepest element nesting accepted.
	MaxDepth = 64
	// maxCVEs caps the CVEs kept per finding.
	maxCVEs = 1000
	// maxProblems caps the problem lines kept in a Summary.
	maxProblems = 100
	// maxTagBytes caps one start tag (name and attributes): the decoder
	// keeps the tags of open elements, so this and MaxDepth bound it.
	maxTagBytes = 64 << 10
)

func (o Options) withDefaults() Options {
	if o.MaxFindings <= 0 {
		o.MaxFindings = DefaultMaxFindings
	}
	if o.MaxTextLen <= 0 {
		o.MaxTextLen = DefaultMaxTextLen
	}
	if o.MaxTokenBytes <= 0 {
		o.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if o.Context == nil {
		o.Context = context.Background()
	}
	return o
}
