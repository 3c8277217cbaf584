package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"daumoi/data/office"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// assessedBundle makes an agency vault with one level-2 system whose
// assessment sets its first items to statuses, and its annual bundle of
// 2026 in dir; it returns the file, the key and the statuses by item key.
func assessedBundle(t *testing.T, dir, code, name string, statuses []session.ItemStatus) (string, session.SigningKeyInfo, map[string]session.ItemStatus) {
	paths, key, sets := assessedYears(t, dir, code, name, []int{2026}, func(int) []session.ItemStatus { return statuses })
	return paths[0], key, sets[2026]
}

// assessedYears is assessedBundle for each of years: one agency vault
// with one level-2 system, an assessment of each year setting its first
// items to statuses(year), and that year's annual bundle in dir. It
// returns the files, the key and the statuses by year and item key.
func assessedYears(t *testing.T, dir, code, name string, years []int, statuses func(year int) []session.ItemStatus) ([]string, session.SigningKeyInfo, map[int]map[string]session.ItemStatus) {
	t.Helper()
	s, key := agencyVault(t, code, name)
	sys, err := s.SaveSystem(registers.System{Name: "Cổng thông tin điện tử", Purpose: "Thông tin", OperatingUnit: "Văn phòng", Owner: name, Users: 10,
		InfoTypes: []registers.InfoType{registers.InfoPublic}, ServiceType: registers.ServiceInternal, ProposedLevel: 2, LevelJustification: "Thông tin công khai"})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	sets := map[int]map[string]session.ItemStatus{}
	for _, year := range years {
		a, err := s.OpenAssessment(sys.ID, strconv.Itoa(year))
		if err != nil {
			t.Fatal(err)
		}
		set, want := map[string]session.ItemStatus{}, statuses(year)
		for _, g := range a.Groups {
			for _, it := range g.Items {
				if len(set) == len(want) {
					break
				}
				st := want[len(set)]
				if err := s.SetAssessmentItem(a.ID, it.Key(), st, "Ghi chú", nil); err != nil {
					t.Fatal(err)
				}
				set[it.Key()] = st
			}
		}
		sets[year] = set
		paths = append(paths, writeBundleFile(t, dir, fmt.Sprintf("%s-%d.zip", code, year), func(out session.Output) error {
			_, err := s.BuildBundle(session.BundleRequest{Kind: "annual", Year: year, AppVersion: "test"}, []byte(testPass), out)
			return err
		}))
	}
	return paths, key, sets
}

// TestProvinceItemsExportsAndReminders: Sở Nội vụ sent an assessment (met,
// partly, not met), Sở Tư pháp a report without one, UBND xã Tân Hạnh
// nothing (two days before the deadline). The tab by directive item
// counts each requirement from that, in pack texts only; a row lists the
// agencies; the export writes the table as XLSX with number cells; the
// reminders name Tân Hạnh only, with its e-mail to copy.
func TestProvinceItemsExportsAndReminders(t *testing.T) {
	in := t.TempDir()
	statuses := []session.ItemStatus{session.ItemPass, session.ItemPartial, session.ItemFail, session.ItemPass}
	a, keyA, set := assessedBundle(t, in, "000.00.12.H62", "Sở Nội vụ tỉnh Vĩnh Long", statuses)
	b, keyB := agencyBundle(t, in, "000.00.13.H62", "Sở Tư pháp tỉnh Vĩnh Long")
	_, keyC := agencyBundle(t, t.TempDir(), "000.00.31.H62", "UBND xã Tân Hạnh")
	s, _ := receivedBy(t, map[string]session.SigningKeyInfo{"000.00.12.H62": keyA, "000.00.13.H62": keyB, "000.00.31.H62": keyC}, a, b)
	c, _, err := s.sess.Agency("000.00.31.H62")
	if err != nil {
		t.Fatal(err)
	}
	c.ContactName, c.ContactPhone, c.ContactEmail = "Nguyễn Thị Mai", "0270 3822 111", "vanphong.tanhanh@vinhlong.gov.vn"
	if err := s.sess.UpdateAgency(c); err != nil {
		t.Fatal(err)
	}
	s.Select(areaProvince)
	scr, content := buildProvinceScreen(s)
	s.win.SetContent(content)

	tabs := objects[*container.AppTabs](t, content)[0]
	tabs.SelectIndex(1)
	scr.items.mode.SetSelected(scr.items.mode.Options[1])
	if tabs.Items[1].Text != "Theo nội dung chỉ thị" || len(scr.items.list.rows) == 0 {
		t.Fatalf("tab %q, %d requirements", tabs.Items[1].Text, len(scr.items.list.rows))
	}
	byKey := map[string]office.ItemRollup{}
	for _, r := range scr.items.list.rows {
		byKey[r.Key] = r
		if pack, _, _ := strings.Cut(r.Key, "/"); strings.Contains(requirementText(r)+r.PackTitle, r.Key) || strings.Contains(r.PackTitle, pack) {
			t.Errorf("an internal id is shown: %q — %q", requirementText(r), r.PackTitle)
		}
	}
	want := map[session.ItemStatus]office.ItemResult{session.ItemPass: office.ItemMet, session.ItemPartial: office.ItemPartly, session.ItemFail: office.ItemNotMet}
	for key, st := range set {
		r := byKey[key]
		if r.Counts[want[st]] != 1 || r.Counts[office.ItemNotAssessed] != 2 || len(r.Agencies[want[st]]) != 1 || r.Agencies[want[st]][0] != "000.00.12.H62" {
			t.Errorf("%s (%s): %v %v", key, st, r.Counts, r.Agencies)
		}
	}
	saveShot(t, s, "office-province-items")
	var failed office.ItemRollup
	for key, st := range set {
		if st == session.ItemFail {
			failed = byKey[key]
		}
	}
	scr.items.showAgencies(failed)
	if got := overlayText(t, s); !strings.Contains(got, "Không đạt (1): Sở Nội vụ 000.00.12.H62") || !strings.Contains(got, "Chưa đánh giá (2)") {
		t.Errorf("agencies of %s: %q", failed.Key, got)
	}
	saveShot(t, s, "office-province-item-agencies")
	dropOverlays(s)
	tabs.SelectIndex(2)
	if got := labelTexts(t, scr.charts); !strings.Contains(got, "Các nội dung nhiều đơn vị chưa đạt nhất") {
		t.Errorf("charts: %s", got)
	}
	saveShot(t, s, "office-province-charts-missed")
	checkProvinceExport(t, s, scr)
	checkProvinceReminders(t, s, scr)
}

// checkProvinceExport writes the status table as XLSX and reads it back:
// three agencies, corrections a number cell, the header in Vietnamese.
func checkProvinceExport(t *testing.T, s *Shell, scr *provinceScreen) {
	t.Helper()
	scr.onExport()
	saveShot(t, s, "office-province-export")
	dropOverlays(s)
	path := filepath.Join(t.TempDir(), "tinh-hinh.xlsx")
	s.saveTo(path, scr.exportJob(exportChoice{format: ".xlsx"}))
	if msg := overlayText(t, s); !strings.Contains(msg, "Đã ghi 3 dòng") {
		t.Errorf("export message %q", msg)
	}
	dropOverlays(s)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	head, _ := f.GetCellValue(sheet, "E1")
	typ, _ := f.GetCellType(sheet, "I2")
	rows, _ := f.GetRows(sheet)
	if sheet != "Tình hình báo cáo" || head != "Báo cáo năm" || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || len(rows) != 4 {
		t.Errorf("XLSX: sheet %q, E1 %q, I2 type %v, %d rows", sheet, head, typ, len(rows))
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != exportPerm {
		t.Errorf("export mode: %v", err)
	}
}

// checkProvinceReminders: two days before the deadline, Tân Hạnh only.
func checkProvinceReminders(t *testing.T, s *Shell, scr *provinceScreen) {
	t.Helper()
	scr.onRemind()
	got := overlayText(t, s)
	if !strings.Contains(got, "1 đơn vị chưa gửi báo cáo năm (hạn 12/12/2026)") || !strings.Contains(got, "Nguyễn Thị Mai, 0270 3822 111") || !strings.Contains(got, "000.00.31.H62") || !strings.Contains(got, "còn "+strconv.Itoa(2)+" ngày") {
		t.Errorf("reminders: %q", got)
	}
	saveShot(t, s, "office-province-remind")
	top := s.win.Canvas().Overlays().Top()
	for _, btn := range objects[*widget.Button](t, top) {
		if btn.Text == "Sao chép thư nhắc" {
			btn.OnTapped()
		}
	}
	if clip := s.app.Clipboard().Content(); !strings.Contains(clip, "Kính gửi: Sở Nội vụ 000.00.31.H62") || !strings.Contains(clip, "trước ngày 12/12/2026") {
		t.Errorf("clipboard: %q", clip)
	}
	dropOverlays(s)
	scr.onRemind()
	for _, btn := range objects[*widget.Button](t, s.win.Canvas().Overlays().Top()) {
		if btn.Text == "Sao chép địa chỉ thư của tất cả" {
			btn.OnTapped()
		}
	}
	if clip := s.app.Clipboard().Content(); clip != "vanphong.tanhanh@vinhlong.gov.vn" {
		t.Errorf("addresses: %q", clip)
	}
}
