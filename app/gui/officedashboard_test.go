package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"

	"daumoi/data/office"
	"daumoi/data/session"
)

// TestProvinceScreenShowsWhoReported receives one agency's bundle of two:
// the province screen counts one on time and one not yet due, filters by
// state, charts both, and a row opens the bundle or names whom to remind.
func TestProvinceScreenShowsWhoReported(t *testing.T) {
	in := t.TempDir()
	good, key := agencyBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long")
	_, other := agencyBundle(t, t.TempDir(), "000.00.31.H62", "UBND xã Tân Hạnh")
	s, _ := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": key, "000.00.31.H62": other}, good)

	s.Select(areaProvince)
	scr, content := buildProvinceScreen(s)
	s.win.SetContent(content)
	if scr.year.Selected != "2026" || len(scr.list.rows) != 2 {
		t.Fatalf("year %s, %d rows", scr.year.Selected, len(scr.list.rows))
	}
	if got := scr.summary.Text; !strings.Contains(got, "2 đơn vị, hạn nộp báo cáo năm 12/12/2026: 1 đúng hạn, 0 trễ hạn, 0 chưa gửi (quá hạn), 1 chưa gửi (chưa đến hạn)") {
		t.Errorf("summary = %q", got)
	}
	states := map[string]office.ReportState{}
	for _, st := range scr.list.rows {
		states[st.Agency.Code] = st.State
	}
	if states["000.00.12.H62"] != office.ReportOnTime || states["000.00.31.H62"] != office.ReportNotYetDue {
		t.Errorf("states = %v", states)
	}
	saveShot(t, s, "office-province")
	scr.state.SetSelected(scr.stateText(office.ReportNotYetDue))
	if len(scr.list.rows) != 1 || scr.list.rows[0].Agency.Code != "000.00.31.H62" {
		t.Fatalf("filtered rows: %+v", scr.list.rows)
	}
	scr.onOpen(scr.list.rows[0])
	if got := overlayText(t, s); !strings.Contains(got, "Chưa gửi (chưa đến hạn)") || !strings.Contains(got, "chưa có thông tin liên hệ") {
		t.Errorf("reminder = %q", got)
	}
	dropOverlays(s)
	scr.state.SetSelected(scr.anyLabel)
	tabs := objects[*container.AppTabs](t, content)
	tabs[0].SelectIndex(len(tabs[0].Items) - 1)
	saveShot(t, s, "office-province-charts")
	if got := labelTexts(t, scr.charts); !strings.Contains(got, "Tình hình gửi báo cáo năm") || !strings.Contains(got, "2026 — gửi đúng hạn") || !strings.Contains(got, "Xu hướng 5 năm") {
		t.Errorf("charts: %s", got)
	}
	for _, st := range scr.all {
		if st.BundleID != 0 {
			scr.onOpen(st)
		}
	}
	if top := s.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(labelTexts(t, top), "Chữ ký hợp lệ") {
		t.Error("the agency's bundle did not open")
	}
}
