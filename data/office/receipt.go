package office

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"daumoi/reports/signing"
)

// ReceiptFormat names the format of a receipt's body; a change that
// removes or renames a field takes a new version number.
const ReceiptFormat = "daumoi-receipt/1"

// MaxReceiptSize bounds a receipt's body (and its .minisig) when read.
const MaxReceiptSize = 64 << 10

// ErrMalformedReceipt means a receipt's body is not a receipt of this
// format.
var ErrMalformedReceipt = errors.New("office: malformed receipt")

// Receipt is the office's signed acknowledgement that it received one
// bundle: the body of receipt.json, signed with minisign beside it
// (receipt.json.minisig), so that `minisign -Vm receipt.json -p
// office.pub` verifies it.
type Receipt struct {
	Format string        `json:"format"` // ReceiptFormat
	Office string        `json:"office"` // the receiving office's name
	Agency ReceiptAgency `json:"agency"`
	Kind   string        `json:"kind"` // "annual", "incident"
	Period ReceiptPeriod `json:"period"`
	// Subject tells reports of one period apart (an incident's id), or "".
	Subject        string `json:"subject,omitempty"`
	BundleSHA256   string `json:"bundle_sha256"`   // of the whole bundle file
	ManifestSHA256 string `json:"manifest_sha256"` // of its signed manifest.json
	// ReceivedAt is when the office received it, RFC 3339 in Vietnam time
	// (+07:00).
	ReceivedAt string `json:"received_at"`
	// Outcome is "accepted", or "superseded" for a correction that
	// replaced an earlier bundle (whose SHA-256 is Supersedes).
	Outcome    string `json:"outcome"`
	Supersedes string `json:"supersedes,omitempty"`
	// ReceivingOfficer is who received it (full name).
	ReceivingOfficer string `json:"receiving_officer"`
	// BundleID is the office's number of the bundle.
	BundleID int64 `json:"bundle_id"`
}

// ReceiptAgency is the agency a receipt is for.
type ReceiptAgency struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ReceiptPeriod is the period of the report received, dates YYYY-MM-DD.
type ReceiptPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// VietnamTime formats t as RFC 3339 in Vietnam time, as receipts do.
func VietnamTime(t time.Time) string { return t.In(time.FixedZone("ICT", 7*3600)).Format(time.RFC3339) }

// Marshal is the receipt's body: indented JSON with a final newline.
func (r Receipt) Marshal() ([]byte, error) {
	out, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// trustedComment is the signed one-line summary of a receipt.
func (r Receipt) trustedComment() string {
	return fmt.Sprintf("daumoi receipt agency:%s bundle:%s received:%s", r.Agency.Code, r.BundleSHA256, r.ReceivedAt)
}

// SignReceipt returns the receipt's body and its minisign signature.
func SignReceipt(r Receipt, key signing.SecretKey) (body, sig []byte, err error) {
	r.Format = ReceiptFormat
	if body, err = r.Marshal(); err != nil {
		return nil, nil, err
	}
	return body, signing.Sign(key, body, r.trustedComment()), nil
}

// VerifyReceipt checks sig is pub's signature of body, trusted comment
// included, and reads the body (ErrMalformedReceipt; signing's errors for
// the signature).
func VerifyReceipt(pub signing.PublicKey, body, sig []byte) (Receipt, error) {
	s, err := signing.Verify(pub, body, sig)
	if err != nil {
		return Receipt{}, err
	}
	r, err := ParseReceipt(body)
	if err != nil {
		return Receipt{}, err
	}
	if s.TrustedComment != r.trustedComment() {
		return Receipt{}, fmt.Errorf("%w: the signed comment does not match the body", ErrMalformedReceipt)
	}
	return r, nil
}

// ParseReceipt reads a receipt's body strictly: known fields only, this
// format, the fields a receipt needs.
func ParseReceipt(body []byte) (Receipt, error) {
	if len(body) > MaxReceiptSize {
		return Receipt{}, fmt.Errorf("%w: too large", ErrMalformedReceipt)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var r Receipt
	if err := dec.Decode(&r); err != nil {
		return Receipt{}, fmt.Errorf("%w: %w", ErrMalformedReceipt, err)
	}
	if r.Format != ReceiptFormat {
		return Receipt{}, fmt.Errorf("%w: format %q", ErrMalformedReceipt, r.Format)
	}
	_, errFrom := time.Parse(time.DateOnly, r.Period.From)
	_, errTo := time.Parse(time.DateOnly, r.Period.To)
	_, errAt := time.Parse(time.RFC3339, r.ReceivedAt)
	if errors.Join(errFrom, errTo, errAt) != nil || r.Agency.Code == "" || len(r.BundleSHA256) != 64 {
		return Receipt{}, fmt.Errorf("%w: missing or malformed fields", ErrMalformedReceipt)
	}
	return r, nil
}

// Received is when the office received the bundle (ReceivedAt parsed).
func (r Receipt) Received() time.Time {
	t, _ := time.Parse(time.RFC3339, r.ReceivedAt)
	return t
}
