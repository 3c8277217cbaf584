// Package docs turns the vault's figures into administrative documents
// (pdfdoc.Document) in the format of Nghị định 30/2020/NĐ-CP: the
// information-system inventory, an extract of the asset register, the
// result of an assessment, the annual report on implementing Chỉ thị
// 11/CT-UBND of Vĩnh Long province, and the implementation plan (Kế
// hoạch). Every builder is a pure function of plain structs: the session
// layer gathers the data (checking permissions), this package only lays it
// out, so the same input always gives the same document.
//
// The machine-readable data of an annual bundle (data.json) is described in
// DATA.md; AnnualData builds it.
package docs

import (
	"fmt"
	"strings"
	"time"

	"daumoi/reports/pdfdoc"
)

// DefaultPlace is the place name of the date line when Header.Place is
// empty.
const DefaultPlace = "Vĩnh Long"

// Header holds the administrative parts every document shares: the agency
// block, number and symbol, place and date, recipients and the signature.
type Header struct {
	// OwnerAuthority is the governing authority (cơ quan chủ quản), e.g.
	// "UBND tỉnh Vĩnh Long".
	OwnerAuthority string
	// Agency is the issuing agency's name.
	Agency string
	// AgencyAbbreviation is the agency's name abbreviated as in document
	// symbols ("SNV"); may be empty.
	AgencyAbbreviation string
	// Number is left empty to be filled by hand at registration; Symbol is
	// the part after the slash ("BC-SNV").
	Number, Symbol string
	// Place defaults to DefaultPlace.
	Place string
	// Date is the date of issue.
	Date time.Time
	// SignerAuthority holds the authority lines above the position, top
	// down ({"KT. GIÁM ĐỐC"}, {"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"}); empty
	// when the head signs.
	SignerAuthority []string
	// SignerPosition and SignerName are the manager who signs.
	SignerPosition, SignerName string
	// Recipients are the "Nơi nhận" lines; empty gives "Lưu: VT."
	Recipients []string
}

// document assembles the parts into a pdfdoc.Document; the appendices
// follow the signature block, each on its own page.
func (h Header) document(kind, summary string, body []pdfdoc.Block, appendices ...pdfdoc.Appendix) pdfdoc.Document {
	place := h.Place
	if place == "" {
		place = DefaultPlace
	}
	recipients := h.Recipients
	if len(recipients) == 0 {
		recipients = []string{"Lưu: VT."}
	}
	return pdfdoc.Document{
		Agency: pdfdoc.AgencyBlock{Parent: h.OwnerAuthority, Issuer: h.Agency},
		Number: h.Number, Symbol: h.Symbol, Place: place, Date: h.Date,
		Kind: kind, Summary: summary, Body: body, Recipients: recipients,
		Signature:  pdfdoc.SignatureBlock{Authority: h.SignerAuthority, Position: h.SignerPosition, Name: h.SignerName},
		Appendices: appendices,
	}
}

// dateVI formats a date as dd/mm/yyyy; the zero time gives "".
func dateVI(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}

// isoToVI turns "yyyy-mm-dd" into "dd/mm/yyyy" and leaves other text alone.
func isoToVI(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return dateVI(t)
}

// levelText is "Cấp độ n" or "Chưa xác định".
func levelText(level int) string {
	if level <= 0 {
		return "Chưa xác định"
	}
	return fmt.Sprintf("Cấp độ %d", level)
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// numberColumn is the "STT" column.
func numberColumn() pdfdoc.Column {
	return pdfdoc.Column{Title: "STT", Width: 0.7, Align: pdfdoc.AlignCenter}
}

// Rendered is a built report: its document and, for the annual report and
// the plan, the data behind it (for data.json, for editing the tasks).
type Rendered struct {
	Document pdfdoc.Document
	Annual   *Annual
	Plan     *Plan
}
