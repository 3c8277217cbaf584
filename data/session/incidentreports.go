package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// ErrUnknownIncidentReport is returned for an incident report kind other
// than IncidentReportInitial and IncidentReportClosure.
var ErrUnknownIncidentReport = errors.New("session: unknown incident report kind (initial or closure)")

// ErrIncidentNotClosed is returned when a closure report is asked of an
// incident still open.
var ErrIncidentNotClosed = errors.New("session: the incident is not closed yet")

// IncidentReportKind names an incident report.
type IncidentReportKind string

// The incident reports.
const (
	IncidentReportInitial IncidentReportKind = "initial" // Form 03
	IncidentReportClosure IncidentReportKind = "closure" // Form 04
)

// incidentReportData gathers what the reports and the e-mail of an
// incident show.
func (s *Session) incidentReportData(q rowQuerier, me users.User, id int64) (docs.IncidentReport, error) {
	d, err := incidentDetails(q, id)
	if err != nil {
		return docs.IncidentReport{}, err
	}
	h, err := s.reportHeader(q, me, ReportRequest{}, "BC")
	if err != nil {
		return docs.IncidentReport{}, err
	}
	p, err := readProfile(q)
	if err != nil {
		return docs.IncidentReport{}, err
	}
	in := d.Incident
	r := docs.IncidentReport{
		Header: h, OwnerName: p.OwnerAuthority, OperatorName: p.Name, OperatorAddress: p.Address,
		Title: in.Title, Type: in.Type, Detected: in.Detected, DetectedHow: in.DetectedHow, Description: in.Description,
		Handled: in.Handled, AlreadyNotified: in.AlreadyNotified, OSAndServices: in.OSAndServices, Controls: in.Controls,
		PublicIPs: in.PublicIPs, Domains: in.Domains, Providers: in.Providers, Measures: in.Measures, Helpers: in.Helpers,
		Recommendations: in.Recommendations, Confidential: in.Confidential,
		Contact:    docs.IncidentContact{Name: in.Contact.Name, Position: in.Contact.Position, Phone: in.Contact.Phone, Email: in.Contact.Email},
		ReportTime: s.now().In(in.Detected.Location()).Truncate(time.Second), InitialReportRef: in.InitialReportRef,
		ResponseEnded: in.ResponseEnded, Outcome: in.Outcome, Lessons: in.Lessons,
	}
	if in.SystemID != 0 {
		sys, err := getSystem(q, in.SystemID)
		if err != nil {
			return r, err
		}
		r.SystemName, r.Level = sys.Name, sys.Level()
	}
	for _, e := range d.Timeline {
		r.Timeline = append(r.Timeline, e.At.In(in.Detected.Location()).Format("02/01/2006 15:04")+" — "+e.Text)
	}
	for _, ev := range d.EvidenceIDs {
		e, err := getEvidence(q, ev)
		if err != nil {
			return r, err
		}
		r.Attachments = append(r.Attachments, e.FileName)
	}
	return r, nil
}

// IncidentDocument lays out the initial report (Form 03) or the closure
// report (Form 04, only for a closed incident: ErrIncidentNotClosed) of an
// incident as an administrative document. Needs PermRead.
func (s *Session) IncidentDocument(id int64, kind IncidentReportKind) (pdfdoc.Document, error) {
	var doc pdfdoc.Document
	err := s.read(users.PermRead, func(tx *vault.ReadTx, me users.User) error {
		r, err := s.incidentReportData(tx, me, id)
		if err != nil {
			return err
		}
		switch kind {
		case IncidentReportInitial:
			doc = docs.InitialReportDocument(r)
		case IncidentReportClosure:
			if r.ResponseEnded.IsZero() {
				return fmt.Errorf("%w: %d", ErrIncidentNotClosed, id)
			}
			doc = docs.ClosureReportDocument(r)
		default:
			return fmt.Errorf("%w: %q", ErrUnknownIncidentReport, kind)
		}
		return nil
	})
	return doc, err
}

// RenderIncidentReport renders an incident report as PDF to w, records it
// among the issued reports and in the history, and returns the PDF's
// SHA-256 (hex). Needs PermRead.
func (s *Session) RenderIncidentReport(id int64, kind IncidentReportKind, w io.Writer) (string, error) {
	doc, err := s.IncidentDocument(id, kind)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := pdfdoc.Render(doc, &buf); err != nil {
		return "", err
	}
	sum := sha256.Sum256(buf.Bytes())
	hash := hex.EncodeToString(sum[:])
	if _, err := w.Write(buf.Bytes()); err != nil {
		return "", err
	}
	day := s.now().UTC()
	err = s.write(users.PermRead, func(tx *vault.Tx, _ users.User) error {
		return s.recordIssued(tx, issued{kind: fmt.Sprintf("incident-%d-%s", id, kind), format: "pdf", from: day, to: day, sha256: hash})
	})
	return hash, err
}

// IncidentEmail returns the "[TBSC]" notice e-mail of an incident: subject
// and plain-text body for the user to copy. Needs PermRead.
func (s *Session) IncidentEmail(id int64) (subject, body string, err error) {
	err = s.read(users.PermRead, func(tx *vault.ReadTx, me users.User) error {
		r, err := s.incidentReportData(tx, me, id)
		if err != nil {
			return err
		}
		subject, body = docs.IncidentEmail(r)
		return nil
	})
	return subject, body, err
}
