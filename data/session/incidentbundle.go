package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"daumoi/data/audit"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// IncidentBundleRequest says which signed incident bundle to build.
type IncidentBundleRequest struct {
	IncidentID  int64
	EvidenceIDs []string // files to include besides the incident's own evidence
	AppVersion  string
}

// BuildIncidentBundle builds the signed bundle (kind "incident") of an
// incident and writes the ZIP to out: the initial report (Form 03) as PDF,
// the closure report (Form 04) once the incident is closed, the incident
// with its notifications and timeline as data/incident.json, and its
// evidence files. The period runs from the detection day to the end of
// the response (or today). Like BuildBundle, only a user who may sign and
// knows the signing passphrase of their key can build it; it is recorded
// in the history. signingPassphrase is wiped.
func (s *Session) BuildIncidentBundle(req IncidentBundleRequest, signingPassphrase []byte, out Output) (BundleInfo, error) {
	return s.signBundle(signingPassphrase, out, func(me users.User, created time.Time) (bundle.Bundle, error) {
		return s.incidentBundleContent(me, req, created)
	}, func(tx *vault.Tx, b bundle.Bundle, _ time.Time, info BundleInfo) error {
		return s.recordIssued(tx, issued{kind: fmt.Sprintf("incident-%d", req.IncidentID), format: "bundle",
			from: b.Period.From, to: b.Period.To, sha256: info.SHA256, keyID: info.KeyID})
	})
}

func (s *Session) incidentBundleContent(me users.User, req IncidentBundleRequest, created time.Time) (bundle.Bundle, error) {
	var b bundle.Bundle
	var d IncidentDetails
	var r docs.IncidentReport
	var head audit.ChainHead
	var code string
	var evidence []bundle.File
	err := s.read(users.PermSign, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if d, err = incidentDetails(tx, req.IncidentID); err != nil {
			return err
		}
		if r, err = s.incidentReportData(tx, me, req.IncidentID); err != nil {
			return err
		}
		if head, err = audit.Head(tx); err != nil {
			return err
		}
		p, err := readProfile(tx)
		if err != nil {
			return err
		}
		code = p.Code
		evidence, _, _, _, err = s.evidenceFiles(tx, append(append([]string{}, d.EvidenceIDs...), req.EvidenceIDs...))
		return err
	})
	if err != nil {
		return b, err
	}
	files, err := incidentFiles(d, r)
	if err != nil {
		return b, err
	}
	to := created
	if !d.ResponseEnded.IsZero() {
		to = d.ResponseEnded
	}
	version := req.AppVersion
	if version == "" {
		version = "dev"
	}
	return bundle.Bundle{
		Kind: "incident", Agency: bundle.Agency{Name: r.Header.Agency, Code: code},
		Period:  bundle.Period{From: civilDay(d.Detected), To: civilDay(to)},
		Created: created, AppVersion: version, AuditHead: bundle.AuditHead{Seq: head.Seq, Hash: head.Hash},
		SignerName: me.FullName, Files: append(files, evidence...),
	}, nil
}

// civilDay is t's date (in its own zone) at 00:00 UTC.
func civilDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// incidentFiles renders the reports and the incident's data.
func incidentFiles(d IncidentDetails, r docs.IncidentReport) ([]bundle.File, error) {
	id := fmt.Sprint(d.ID)
	docsToRender := map[string]pdfdoc.Document{"report/incident-" + id + "-form03.pdf": docs.InitialReportDocument(r)}
	if !d.ResponseEnded.IsZero() {
		docsToRender["report/incident-"+id+"-form04.pdf"] = docs.ClosureReportDocument(r)
	}
	var files []bundle.File
	for _, name := range sortedKeys(docsToRender) {
		var pdf bytes.Buffer
		if err := pdfdoc.Render(docsToRender[name], &pdf); err != nil {
			return nil, err
		}
		files = append(files, bundle.BytesFile(name, pdf.Bytes()))
	}
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(files, bundle.BytesFile("data/incident.json", data)), nil
}
