package bundle

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"daumoi/data/textnorm"
)

// ErrInvalidAssessment means the assessment given to AssessmentResultsJSON
// is incomplete: no title or version, no system, an unknown status, a
// missing or repeated requirement id, a missing time.
var ErrInvalidAssessment = errors.New("bundle: invalid assessment for OSCAL")

// OSCALVersion is the OSCAL version of the documents this package writes.
const OSCALVersion = "1.1.2"

// OSCALNamespace qualifies daumoi's own OSCAL property names.
const OSCALNamespace = "urn:daumoi:oscal"

// ItemStatus is the outcome of one assessed requirement, as the app
// records it (in Vietnamese, as in the agencies' forms).
type ItemStatus string

// The assessment outcomes.
const (
	StatusMet           ItemStatus = "Đạt"
	StatusPartlyMet     ItemStatus = "Đạt một phần"
	StatusNotMet        ItemStatus = "Không đạt"
	StatusNotApplicable ItemStatus = "Không áp dụng"
	StatusNotAssessed   ItemStatus = "Chưa đánh giá"
)

// Assessment is the input of AssessmentResultsJSON: one agency's
// assessment of its information systems against a set of requirements.
type Assessment struct {
	Title        string
	Version      string
	LastModified time.Time
	Agency       Agency
	// PlanTitle names what the systems were assessed against (e.g.
	// "Thông tư 12/2022/TT-BTTTT"); it becomes the back-matter resource
	// that import-ap points to.
	PlanTitle string
	Systems   []SystemAssessment
	// Path is where the document sits in the bundle (e.g.
	// "oscal/assessment-results.json"); the bundle paths of evidence and
	// resources are written relative to its folder, so that each href
	// resolved against the document's own location names the file in the
	// unpacked bundle. Empty: the bundle's root.
	Path string
	// Resources are the bundle's other files (the report, the data files,
	// every evidence file), listed in back-matter with their SHA-256. Every
	// evidence path an item cites must be among them.
	Resources []Resource
	// Empty says in words why there are no systems (e.g. "Chưa có hệ
	// thống thông tin nào"); OSCAL needs at least one result, so a
	// document without systems has one result saying so.
	Empty string
}

// Resource is one file of the bundle named in the document's back-matter.
type Resource struct {
	Path      string // path in the bundle, e.g. "report/annual-2026.pdf"
	Title     string
	MediaType string // e.g. "application/pdf"; empty if unknown
	SHA256    string // hex
}

// SystemAssessment is the assessment of one information system.
type SystemAssessment struct {
	ID    string
	Name  string
	Level int // security level 1–5, 0 if not set
	Start time.Time
	End   time.Time // zero if not finished
	// Approved says whether the assessment is approved; one still in
	// progress carries the property approved=false (and no end).
	Approved bool
	Items    []AssessmentItem
}

// AssessmentItem is one requirement's outcome for a system.
type AssessmentItem struct {
	RequirementID string // e.g. "QL-1.1"
	Title         string
	Status        ItemStatus
	Note          string
	// Evidence are paths of evidence files in the bundle
	// (e.g. "evidence/bien-ban.pdf"), each also a Resource.
	Evidence  []string
	Collected time.Time // zero: the system's Start
}

// AssessmentResultsJSON renders a as an OSCAL 1.1.2 assessment-results
// document (JSON). One result per system; each item becomes an
// observation (how it was examined, with the daumoi status as a property)
// and, when it was actually judged, a finding whose target status is:
// Đạt → satisfied (reason pass); Không đạt → not-satisfied (reason fail);
// Đạt một phần → not-satisfied (reason other, remarks and the
// "assessment-status" property say partially-satisfied). Không áp dụng and
// Chưa đánh giá give an observation only (property not-applicable or
// not-assessed): OSCAL has no state for them. UUIDs are version 5, derived
// from the agency code, the title and version, the system ids and the
// requirement ids, so the same input gives the same document.
//
// Each result carries the property approved (namespace OSCALNamespace):
// "true" for an approved assessment, "false" for one still in progress.
// Evidence hrefs and back-matter rlinks are relative to a.Path's folder
// ("../evidence/…"); each Resource is a back-matter resource whose rlink
// has the file's SHA-256.
func AssessmentResultsJSON(a Assessment) ([]byte, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	docID := oscalUUID("assessment-results", a.Agency.Code, a.Title, a.Version)
	planID := oscalUUID("plan", docID, a.PlanTitle)
	resources := []arResource{{
		UUID: planID, Title: clean(a.PlanTitle),
		Description: "Yêu cầu dùng để đánh giá / requirements assessed against",
	}}
	for _, r := range a.Resources {
		resources = append(resources, fileResource(docID, a.Path, r))
	}
	doc := arDocument{AR: arBody{
		UUID: docID,
		Metadata: arMetadata{
			Title:        clean(a.Title),
			LastModified: oscalTime(a.LastModified),
			Version:      clean(a.Version),
			OSCALVersion: OSCALVersion,
			Props:        agencyProps(a.Agency),
		},
		ImportAP:   arImportAP{Href: "#" + planID},
		BackMatter: &arBackMatter{Resources: resources},
	}}
	for _, s := range a.Systems {
		doc.AR.Results = append(doc.AR.Results, systemResult(docID, a.Path, s))
	}
	if len(a.Systems) == 0 {
		doc.AR.Results = []arResult{emptyResult(docID, a)}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("bundle: encoding OSCAL: %w", err)
	}
	return buf.Bytes(), nil
}

func (a Assessment) check() error {
	switch {
	case clean(a.Title) == "" || clean(a.Version) == "" || clean(a.PlanTitle) == "":
		return fmt.Errorf("%w: title, version and plan title are required", ErrInvalidAssessment)
	case a.LastModified.IsZero():
		return fmt.Errorf("%w: last-modified time is required", ErrInvalidAssessment)
	case len(a.Systems) == 0 && clean(a.Empty) == "":
		return fmt.Errorf("%w: no system and no words saying why", ErrInvalidAssessment)
	}
	if a.Path != "" {
		if err := checkPath(a.Path); err != nil {
			return fmt.Errorf("%w: %w", ErrInvalidAssessment, err)
		}
	}
	hashed := map[string]bool{}
	for _, r := range a.Resources {
		if err := checkPath(r.Path); err != nil || hashed[r.Path] || !isSHA256Hex(r.SHA256) {
			return fmt.Errorf("%w: resource %q needs a unique safe path and a SHA-256", ErrInvalidAssessment, r.Path)
		}
		hashed[r.Path] = true
	}
	seen := map[string]bool{}
	for _, s := range a.Systems {
		if clean(s.ID) == "" || clean(s.Name) == "" || s.Start.IsZero() || seen[s.ID] {
			return fmt.Errorf("%w: system %q needs a unique id, a name and a start time", ErrInvalidAssessment, s.ID)
		}
		seen[s.ID] = true
		if err := checkItems(s, hashed); err != nil {
			return err
		}
	}
	return nil
}

func checkItems(s SystemAssessment, hashed map[string]bool) error {
	seen := map[string]bool{}
	for _, it := range s.Items {
		if clean(it.RequirementID) == "" || seen[it.RequirementID] {
			return fmt.Errorf("%w: system %q: requirement id %q missing or repeated", ErrInvalidAssessment, s.ID, it.RequirementID)
		}
		seen[it.RequirementID] = true
		if _, ok := statusInfo(textnorm.NFC(string(it.Status))); !ok {
			return fmt.Errorf("%w: unknown status %q", ErrInvalidAssessment, it.Status)
		}
		for _, e := range it.Evidence {
			if !hashed[e] {
				return fmt.Errorf("%w: evidence %q is not a resource with a hash", ErrInvalidAssessment, e)
			}
		}
	}
	return nil
}

// statusOSCAL is how one ItemStatus appears in OSCAL.
type statusOSCAL struct {
	property string // value of the assessment-status property
	state    string // finding target state; "" for no finding
	reason   string
}

func statusInfo(s string) (statusOSCAL, bool) {
	switch ItemStatus(s) {
	case StatusMet:
		return statusOSCAL{"satisfied", "satisfied", "pass"}, true
	case StatusPartlyMet:
		return statusOSCAL{"partially-satisfied", "not-satisfied", "other"}, true
	case StatusNotMet:
		return statusOSCAL{"not-satisfied", "not-satisfied", "fail"}, true
	case StatusNotApplicable:
		return statusOSCAL{"not-applicable", "", ""}, true
	case StatusNotAssessed:
		return statusOSCAL{"not-assessed", "", ""}, true
	}
	return statusOSCAL{}, false
}

func systemResult(docID, docPath string, s SystemAssessment) arResult {
	id := oscalUUID("result", docID, s.ID)
	c := compliance(s.Items)
	r := arResult{
		UUID:        id,
		Title:       "Kết quả đánh giá: " + clean(s.Name),
		Description: fmt.Sprintf("Đánh giá hệ thống thông tin %q (mã %s): %s", clean(s.Name), clean(s.ID), c.TextVI()),
		Start:       oscalTime(s.Start),
		Props:       append([]arProp{prop("system-id", clean(s.ID)), prop("approved", strconv.FormatBool(s.Approved))}, complianceProps(c)...),
	}
	if !s.Approved {
		r.Remarks = "Chưa phê duyệt: đánh giá đang thực hiện (not approved: in progress)"
	}
	if !s.End.IsZero() {
		r.End = oscalTime(s.End)
	}
	if s.Level > 0 {
		r.Props = append(r.Props, prop("security-level", fmt.Sprint(s.Level)))
	}
	var controls []arControl
	for _, it := range s.Items {
		obs, finding := itemRecords(id, docPath, s, it)
		r.Observations = append(r.Observations, obs)
		if finding != nil {
			r.Findings = append(r.Findings, *finding)
		}
		controls = append(controls, arControl{ControlID: token(it.RequirementID)})
	}
	sel := arSelection{IncludeControls: controls}
	if len(controls) == 0 {
		sel = arSelection{IncludeAll: &struct{}{}}
	}
	r.ReviewedControls = arReviewed{ControlSelections: []arSelection{sel}}
	return r
}

func itemRecords(resultID, docPath string, s SystemAssessment, it AssessmentItem) (arObservation, *arFinding) {
	info, _ := statusInfo(textnorm.NFC(string(it.Status)))
	reqID := clean(it.RequirementID)
	title := reqID
	if t := clean(it.Title); t != "" {
		title += " " + t
	}
	collected := it.Collected
	if collected.IsZero() {
		collected = s.Start
	}
	description := clean(it.Note)
	if description == "" {
		description = title
	}
	obs := arObservation{
		UUID:        oscalUUID("observation", resultID, reqID),
		Title:       title,
		Description: description,
		Props:       []arProp{prop("assessment-status", info.property), prop("requirement-id", reqID)},
		Methods:     []string{"EXAMINE"},
		Collected:   oscalTime(collected),
	}
	for _, e := range it.Evidence {
		obs.RelevantEvidence = append(obs.RelevantEvidence, arEvidence{Href: relativeHref(docPath, e), Description: "Minh chứng / evidence: " + e})
	}
	if info.state == "" {
		return obs, nil
	}
	f := &arFinding{
		UUID:        oscalUUID("finding", resultID, reqID),
		Title:       title,
		Description: string(ItemStatus(textnorm.NFC(string(it.Status)))) + ": " + description,
		Props:       []arProp{prop("assessment-status", info.property)},
		Target: arTarget{Type: "objective-id", TargetID: token(reqID),
			Status: arStatus{State: info.state, Reason: info.reason}},
		RelatedObservations: []arRelated{{ObservationUUID: obs.UUID}},
	}
	if info.property == "partially-satisfied" {
		f.Target.Status.Remarks = "Đạt một phần (partially satisfied)"
	}
	return obs, f
}

// emptyResult is the one result of a document without systems: it says
// why in words and reviews nothing.
func emptyResult(docID string, a Assessment) arResult {
	return arResult{
		UUID:             oscalUUID("result", docID, "no-system"),
		Title:            "Không có kết quả đánh giá",
		Description:      clean(a.Empty),
		Start:            oscalTime(a.LastModified),
		Props:            []arProp{prop("systems", "0")},
		ReviewedControls: arReviewed{ControlSelections: []arSelection{{IncludeAll: &struct{}{}}}},
	}
}

// fileResource is the back-matter resource of one bundle file.
func fileResource(docID, docPath string, r Resource) arResource {
	title := clean(r.Title)
	if title == "" {
		title = r.Path
	}
	return arResource{
		UUID: oscalUUID("resource", docID, r.Path), Title: title,
		Props: []arProp{prop("bundle-path", r.Path)},
		RLinks: []arRLink{{Href: relativeHref(docPath, r.Path), MediaType: r.MediaType,
			Hashes: []arHash{{Algorithm: "SHA-256", Value: strings.ToLower(r.SHA256)}}}},
	}
}

// relativeHref is the URI reference, relative to the folder of the
// document at docPath, of the bundle file at target (both bundle paths):
// "../evidence/x.pdf" from "oscal/assessment-results.json".
func relativeHref(docPath, target string) string {
	dir := strings.Split(path.Dir(docPath), "/")
	if path.Dir(docPath) == "." {
		dir = nil
	}
	to := strings.Split(target, "/")
	common := 0
	for common < len(dir) && common < len(to)-1 && dir[common] == to[common] {
		common++
	}
	segs := make([]string, 0, len(dir)-common+len(to)-common)
	for range dir[common:] {
		segs = append(segs, "..")
	}
	for _, s := range to[common:] {
		segs = append(segs, url.PathEscape(s))
	}
	return strings.Join(segs, "/")
}

func isSHA256Hex(s string) bool {
	b, err := hex.DecodeString(s)
	return err == nil && len(b) == sha256.Size
}

func agencyProps(a Agency) []arProp {
	props := []arProp{prop("agency", clean(a.Name))}
	if c := clean(a.Code); c != "" {
		props = append(props, prop("agency-code", c))
	}
	return props
}

func prop(name, value string) arProp {
	return arProp{Name: name, NS: OSCALNamespace, Value: value}
}

// clean normalises text to NFC with single inner spaces and no edge
// spaces (OSCAL strings must not start or end with white space).
func clean(s string) string {
	return strings.Join(strings.Fields(textnorm.NFC(s)), " ")
}

// token turns an id into an OSCAL token (an XML NCName): characters other
// than letters, digits, '.', '-' and '_' become '_', and a leading
// non-letter gets a '_' prefix.
func token(id string) string {
	var b strings.Builder
	for _, r := range clean(id) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	out := b.String()
	if r := []rune(out); len(r) == 0 || !(unicode.IsLetter(r[0]) || r[0] == '_') {
		out = "_" + out
	}
	return out
}

func oscalTime(t time.Time) string { return t.Format(time.RFC3339) }

// urlNamespace is RFC 9562's name-space for URLs.
func urlNamespace() [16]byte {
	return [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
}

// oscalUUID derives a version-5 UUID from parts.
func oscalUUID(parts ...string) string {
	// The name-space is the version-5 UUID of the URL "urn:daumoi:oscal".
	u := uuid5(uuid5(urlNamespace(), OSCALNamespace), strings.Join(parts, "\x00"))
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// uuid5 is RFC 9562's name-based UUID with SHA-1.
func uuid5(namespace [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// The OSCAL JSON shapes, only the parts this package writes.
type (
	arDocument struct {
		AR arBody `json:"assessment-results"`
	}
	arBody struct {
		UUID       string        `json:"uuid"`
		Metadata   arMetadata    `json:"metadata"`
		ImportAP   arImportAP    `json:"import-ap"`
		Results    []arResult    `json:"results"`
		BackMatter *arBackMatter `json:"back-matter,omitempty"`
	}
	arMetadata struct {
		Title        string   `json:"title"`
		LastModified string   `json:"last-modified"`
		Version      string   `json:"version"`
		OSCALVersion string   `json:"oscal-version"`
		Props        []arProp `json:"props,omitempty"`
	}
	arProp struct {
		Name  string `json:"name"`
		NS    string `json:"ns,omitempty"`
		Value string `json:"value"`
	}
	arImportAP struct {
		Href string `json:"href"`
	}
	arBackMatter struct {
		Resources []arResource `json:"resources"`
	}
	arResource struct {
		UUID        string    `json:"uuid"`
		Title       string    `json:"title,omitempty"`
		Description string    `json:"description,omitempty"`
		Props       []arProp  `json:"props,omitempty"`
		RLinks      []arRLink `json:"rlinks,omitempty"`
	}
	arRLink struct {
		Href      string   `json:"href"`
		MediaType string   `json:"media-type,omitempty"`
		Hashes    []arHash `json:"hashes,omitempty"`
	}
	arHash struct {
		Algorithm string `json:"algorithm"`
		Value     string `json:"value"`
	}
	arResult struct {
		UUID             string          `json:"uuid"`
		Title            string          `json:"title"`
		Description      string          `json:"description"`
		Start            string          `json:"start"`
		End              string          `json:"end,omitempty"`
		Props            []arProp        `json:"props,omitempty"`
		ReviewedControls arReviewed      `json:"reviewed-controls"`
		Remarks          string          `json:"remarks,omitempty"`
		Observations     []arObservation `json:"observations,omitempty"`
		Findings         []arFinding     `json:"findings,omitempty"`
	}
	arReviewed struct {
		ControlSelections []arSelection `json:"control-selections"`
	}
	arSelection struct {
		IncludeAll      *struct{}   `json:"include-all,omitempty"`
		IncludeControls []arControl `json:"include-controls,omitempty"`
	}
	arControl struct {
		ControlID string `json:"control-id"`
	}
	arObservation struct {
		UUID             string       `json:"uuid"`
		Title            string       `json:"title,omitempty"`
		Description      string       `json:"description"`
		Props            []arProp     `json:"props,omitempty"`
		Methods          []string     `json:"methods"`
		RelevantEvidence []arEvidence `json:"relevant-evidence,omitempty"`
		Collected        string       `json:"collected"`
	}
	arEvidence struct {
		Href        string `json:"href,omitempty"`
		Description string `json:"description"`
	}
	arFinding struct {
		UUID                string      `json:"uuid"`
		Title               string      `json:"title"`
		Description         string      `json:"description"`
		Props               []arProp    `json:"props,omitempty"`
		Target              arTarget    `json:"target"`
		RelatedObservations []arRelated `json:"related-observations,omitempty"`
	}
	arTarget struct {
		Type     string   `json:"type"`
		TargetID string   `json:"target-id"`
		Status   arStatus `json:"status"`
	}
	arStatus struct {
		State   string `json:"state"`
		Reason  string `json:"reason,omitempty"`
		Remarks string `json:"remarks,omitempty"`
	}
	arRelated struct {
		ObservationUUID string `json:"observation-uuid"`
	}
)
