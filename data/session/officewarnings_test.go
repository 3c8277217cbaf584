package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/reports/docs"
)

// warningOffice is an office vault (clock at 25/11/2026) with three
// agencies registered.
func warningOffice(t *testing.T) *Session {
	t.Helper()
	_, s := newOfficeVault(t)
	for _, a := range []office.Agency{{Code: "H62.01", Name: "Sở Y tế"}, {Code: "H62.02", Name: "Sở Tài chính"}, {Code: "H62.31", Name: "UBND xã Tân Hạnh"}} {
		must(t, s.AddAgency(a))
	}
	return s
}

// novemberWarning is relayed to two of the three agencies.
func novemberWarning() office.Warning {
	return office.Warning{Received: vnDay("2026-11-03"), Issued: vnDay("2026-11-02"), Source: "Cục An toàn thông tin (NCSC)",
		Number: "1234/CATTT-NCSC", Subject: "Lỗ hổng nghiêm trọng trong Microsoft Exchange Server", Severity: office.SeverityCritical,
		Relayed: vnDay("2026-11-04"), RelayedTo: []string{"H62.02", "H62.01"}, RelayNumber: "56/ANM"}
}

func TestOfficeWarningsAddEditList(t *testing.T) {
	s := warningOffice(t)
	w, err := s.AddOfficeWarning(novemberWarning())
	must(t, err)
	if w.ID != 1 || w.RecordedBy != "lan" || w.Status != office.WarningFollowing || strings.Join(w.RelayedTo, ",") != "H62.01,H62.02" {
		t.Fatalf("added %+v", w)
	}
	october, err := s.AddOfficeWarning(office.Warning{Received: vnDay("2026-10-20"), Source: "Cục A05, Bộ Công an", Subject: "Chiến dịch APT nhắm vào cơ quan nhà nước"})
	must(t, err)
	got, err := s.OfficeWarning(w.ID)
	must(t, err)
	if got.Subject != w.Subject || !got.Relayed.Equal(vnDay("2026-11-04")) || got.RelayNumber != "56/ANM" || len(got.RelayedTo) != 2 {
		t.Errorf("read back %+v", got)
	}

	nov, err := s.OfficeWarnings(vnDay("2026-11-01"), vnDay("2026-11-30"))
	must(t, err)
	if len(nov) != 1 || nov[0].ID != w.ID {
		t.Errorf("November's warnings = %+v", nov)
	}
	// Relayed in November to every agency, received in October: in both months.
	october.Relayed, october.RelayedToAll, october.Status = vnDay("2026-11-02"), true, office.WarningDone
	must(t, s.UpdateOfficeWarning(october))
	nov, err = s.OfficeWarnings(vnDay("2026-11-01"), vnDay("2026-11-30"))
	must(t, err)
	if len(nov) != 2 || nov[0].ID != w.ID || nov[1].ID != october.ID || !nov[1].RelayedToAll || nov[1].Status != office.WarningDone {
		t.Errorf("November's warnings after the relay = %+v", nov)
	}
	all, err := s.OfficeWarnings(time.Time{}, time.Time{})
	must(t, err)
	if len(all) != 2 {
		t.Errorf("all warnings = %d", len(all))
	}
	dec, err := s.OfficeWarnings(vnDay("2026-12-01"), vnDay("2026-12-31"))
	must(t, err)
	if len(dec) != 0 {
		t.Errorf("December's warnings = %+v", dec)
	}

	must(t, s.RemoveOfficeWarning(october.ID, "ghi nhầm"))
	if _, err := s.OfficeWarning(october.ID); !errors.Is(err, ErrNoSuchOfficeWarning) {
		t.Errorf("removed warning read: %v", err)
	}
	if err := s.RemoveOfficeWarning(october.ID, ""); !errors.Is(err, ErrNoSuchOfficeWarning) {
		t.Errorf("removing twice: %v", err)
	}
	var actions []string
	for _, a := range historyActions(t, s) {
		if strings.HasPrefix(a, "office_warning.") {
			actions = append(actions, a)
		}
	}
	if strings.Join(actions, " ") != "office_warning.add office_warning.add office_warning.update office_warning.remove" {
		t.Errorf("history = %v", actions)
	}
	entries, err := s.History(audit.Filter{})
	must(t, err)
	var summaries []string
	for _, e := range entries {
		if e.EntityType == "office_warning" {
			summaries = append(summaries, e.Summary)
		}
	}
	joined := strings.Join(summaries, "\n")
	for _, want := range []string{"cảnh báo 1234/CATTT-NCSC của Cục An toàn thông tin (NCSC), nhận ngày 03/11/2026", "chuyển tiếp ngày 04/11/2026 đến H62.01, H62.02",
		`ngày chuyển tiếp: "" → "02/11/2026"`, `trạng thái: "đang theo dõi" → "đã xử lý xong"`, "lý do xóa: ghi nhầm"} {
		if !strings.Contains(joined, want) {
			t.Errorf("history lacks %q:\n%s", want, joined)
		}
	}
}

func TestOfficeWarningsBadInputChangesNothing(t *testing.T) {
	s := warningOffice(t)
	w, err := s.AddOfficeWarning(novemberWarning())
	must(t, err)
	before := historyActions(t, s)
	for name, c := range map[string]struct {
		edit func(w *office.Warning)
		want error
	}{
		"no subject":        {func(w *office.Warning) { w.Subject = " " }, office.ErrInvalidWarning},
		"future":            {func(w *office.Warning) { w.Received, w.Relayed = vnDay("2026-11-26"), vnDay("2026-11-26") }, office.ErrWarningDay},
		"relayed before":    {func(w *office.Warning) { w.Relayed = vnDay("2026-11-01") }, office.ErrWarningRelay},
		"unknown agency":    {func(w *office.Warning) { w.RelayedTo = []string{"H62.01", "H62.99"} }, ErrNoSuchAgency},
		"severity":          {func(w *office.Warning) { w.Severity = "khẩn" }, office.ErrUnknownSeverity},
		"same number again": {func(w *office.Warning) { w.ID = 0 }, ErrOfficeWarningExists},
	} {
		bad := novemberWarning()
		c.edit(&bad)
		if _, err := s.AddOfficeWarning(bad); !errors.Is(err, c.want) {
			t.Errorf("add, %s: %v, want %v", name, err, c.want)
		}
		if name == "same number again" {
			continue
		}
		bad.ID = w.ID
		if err := s.UpdateOfficeWarning(bad); !errors.Is(err, c.want) {
			t.Errorf("edit, %s: %v, want %v", name, err, c.want)
		}
	}
	if err := s.UpdateOfficeWarning(office.Warning{ID: 9, Received: vnDay("2026-11-03"), Source: "NCSC", Subject: "X"}); !errors.Is(err, ErrNoSuchOfficeWarning) {
		t.Errorf("edit of an unknown warning: %v", err)
	}
	got, err := s.OfficeWarning(w.ID)
	must(t, err)
	if got.Subject != w.Subject || !got.Relayed.Equal(w.Relayed) || strings.Join(got.RelayedTo, ",") != "H62.01,H62.02" {
		t.Errorf("after refused changes: %+v", got)
	}
	all, err := s.OfficeWarnings(time.Time{}, time.Time{})
	must(t, err)
	if len(all) != 1 || len(historyActions(t, s)) != len(before) {
		t.Errorf("refused changes left %d warnings, history %d → %d", len(all), len(before), len(historyActions(t, s)))
	}
	// An unchanged edit records nothing.
	must(t, s.UpdateOfficeWarning(w))
	if len(historyActions(t, s)) != len(before) {
		t.Error("an edit that changes nothing was recorded")
	}
}

func TestOfficeWarningsRefusedInAgencyVault(t *testing.T) {
	_, agency, _ := newVault(t)
	if _, err := agency.OfficeWarnings(time.Time{}, time.Time{}); !errors.Is(err, ErrOfficeOnly) {
		t.Errorf("listing in an agency's vault: %v, want ErrOfficeOnly", err)
	}
	if _, err := agency.OfficeWarning(1); !errors.Is(err, ErrOfficeOnly) {
		t.Errorf("reading in an agency's vault: %v, want ErrOfficeOnly", err)
	}
	w := novemberWarning()
	w.RelayedTo, w.RelayedToAll = nil, true
	if _, err := agency.AddOfficeWarning(w); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("adding in an agency's vault: %v, want ErrNotPermitted", err)
	}

	dir, s := newOfficeVault(t)
	addReady(t, dir, s, "head", users.RoleHead)
	s.Close()
	head := openReady(t, dir, "head")
	if _, err := head.AddOfficeWarning(w); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("the office head adding a warning: %v, want ErrNotPermitted", err)
	}
	if _, err := head.OfficeWarnings(time.Time{}, time.Time{}); err != nil {
		t.Errorf("the office head listing the warnings: %v", err)
	}
}

func TestProvinceMonthlySummaryWarnings(t *testing.T) {
	s := warningOffice(t)
	_, err := s.AddOfficeWarning(novemberWarning())
	must(t, err)
	_, err = s.AddOfficeWarning(office.Warning{Received: vnDay("2026-10-28"), Source: "Cục A05, Bộ Công an", Number: "777/A05-P3",
		Subject: "Mã độc tống tiền LockBit 5.0", Relayed: vnDay("2026-11-02"), RelayedToAll: true})
	must(t, err)
	_, err = s.AddOfficeWarning(office.Warning{Received: vnDay("2026-10-15"), Source: "VNCERT/CC", Number: "99/VNCERT",
		Subject: "Lỗ hổng tháng trước trong Fortinet", Relayed: vnDay("2026-10-16"), RelayedTo: []string{"H62.31"}})
	must(t, err)

	sum, err := s.ProvinceSummary(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 11, Today: vnDay("2026-12-03")})
	must(t, err)
	if len(sum.Data.Warnings) != 2 || len(sum.Data.WarningRecords) != 2 {
		t.Fatalf("November's warnings: %q", sum.Data.Warnings)
	}
	data, err := docs.ProvinceDataJSON(sum.Data, sum.From, sum.To, vnDay("2026-12-03"))
	must(t, err)
	var parsed struct {
		Records []docs.ProvinceWarning `json:"warning_records"`
	}
	must(t, json.Unmarshal(data, &parsed))
	if len(parsed.Records) != 2 || parsed.Records[0].Number != "777/A05-P3" || !parsed.Records[0].RelayedToAll || parsed.Records[0].Recipients != 3 ||
		parsed.Records[1].Relayed != "2026-11-04" || strings.Join(parsed.Records[1].RelayedTo, ",") != "H62.01,H62.02" || parsed.Records[1].Severity != "critical" {
		t.Errorf("data.json's warning records: %+v", parsed.Records)
	}

	var pdf bytes.Buffer
	_, err = s.RenderProvinceSummary(SummaryRequest{Kind: SummaryMonthly, Year: 2026, Month: 11, Today: vnDay("2026-12-03")}, &pdf)
	must(t, err)
	keepPDF(t, "province-monthly-warnings-2026-11.pdf", pdf.Bytes())
	text := pdfText(t, pdf.Bytes())
	for _, want := range []string{
		"II. CẢNH BÁO Trong tháng, cơ quan tổng hợp tiếp nhận 1 văn bản cảnh báo của cơ quan cấp trên, chuyển tiếp 2 văn bản cảnh báo đến các cơ quan, đơn vị:",
		"Ngày 28/10/2026, nhận văn bản số 777/A05-P3 của Cục A05, Bộ Công an: Mã độc tống tiền LockBit 5.0; ngày 02/11/2026 đã chuyển tiếp đến tất cả 3 cơ quan, đơn vị.",
		"Ngày 03/11/2026, nhận văn bản số 1234/CATTT-NCSC ngày 02/11/2026 của Cục An toàn thông tin (NCSC): Lỗ hổng nghiêm trọng trong Microsoft Exchange Server (mức độ nghiêm trọng); ngày 04/11/2026 đã chuyển tiếp (văn bản số 56/ANM) đến 2 cơ quan, đơn vị.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q\n%s", want, text)
		}
	}
	for _, absent := range []string{"99/VNCERT", "Fortinet", "không có số liệu cảnh báo"} {
		if strings.Contains(text, absent) {
			t.Errorf("the PDF has %q", absent)
		}
	}
}
