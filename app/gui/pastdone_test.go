package gui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/obligations"
	"daumoi/data/registers"
)

// pastDoneRow finds, in the topmost dialog, the tick and the date of the
// row whose title starts with title.
func pastDoneRow(t *testing.T, s *Shell, title string) (*widget.Check, *widget.Entry) {
	t.Helper()
	for _, c := range objects[*fyne.Container](t, s.win.Canvas().Overlays().Top()) {
		checks, entries := objects[*widget.Check](t, c), objects[*widget.Entry](t, c)
		if len(checks) != 1 || len(entries) != 1 {
			continue
		}
		for _, l := range objects[*widget.Label](t, c) {
			if strings.HasPrefix(l.Text, title) {
				return checks[0], entries[0]
			}
		}
	}
	t.Fatalf("no row %q in the dialog:\n%s", title, overlayText(t, s))
	return nil, nil
}

// systemObligation is the status of rule for the system.
func systemObligation(t *testing.T, s *Shell, sys registers.System, rule string) obligations.Status {
	t.Helper()
	list, err := s.sess.Obligations(s.now())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range list {
		if o.RuleID == rule && o.SystemID == strconv.FormatInt(sys.ID, 10) {
			return o.Status
		}
	}
	t.Fatalf("no obligation %s for system %d", rule, sys.ID)
	return ""
}

// A system added to the register asks what was already done for it, so
// that it does not start years overdue on a response plan issued in 2023:
// the ticked obligation turns done, the others stay as they were, a tick
// without a date records nothing, and "Để sau" records nothing.
func TestNewSystemAsksWhatWasAlreadyDone(t *testing.T) {
	_, s := newTestShellLate(t)
	s.win.Resize(fyne.NewSize(1366, 768))
	scr, content := buildSystemsScreen(s)
	s.win.SetContent(content)
	add := func(name string) registers.System {
		f := newSystemForm(scr, registers.System{})
		f.show()
		test.Type(f.name, name)
		test.Type(f.unit, "Văn phòng Sở")
		f.level.SetSelectedIndex(2) // level 3: the drill applies too
		f.onSave()
		return f.sys
	}
	sys := add("Cổng thông tin điện tử Sở Nội vụ")
	if !strings.Contains(overlayText(t, s), "Việc đã làm cho hệ thống") {
		t.Fatalf("adding a system did not ask what was done; overlay:\n%s", overlayText(t, s))
	}
	capture(t, s.win, "gui15-system-already-done")
	plan, planDate := pastDoneRow(t, s, "Ban hành phương án, kịch bản ứng cứu sự cố")
	scan, _ := pastDoneRow(t, s, "Rà quét lỗ hổng")

	// A tick without a date: nothing recorded, the dialog says why.
	test.Tap(scan)
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Ghi nhận"))
	if !strings.Contains(overlayText(t, s), "Hãy ghi ngày thực hiện") {
		t.Fatalf("a ticked row without a date was accepted:\n%s", overlayText(t, s))
	}
	if st := systemObligation(t, s, sys, "ct11-incident-response-plan"); st == obligations.StatusDone {
		t.Fatal("something was recorded although a ticked row had no date")
	}
	test.Tap(scan)
	test.Tap(plan)
	test.Type(planDate, "20/08/2023")
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Ghi nhận"))
	if top := s.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("the dialog stayed open:\n%s", overlayText(t, s))
	}
	if st := systemObligation(t, s, sys, "ct11-incident-response-plan"); st != obligations.StatusDone {
		t.Errorf("response plan recorded as issued on 20/08/2023 is %s", st)
	}
	if st := systemObligation(t, s, sys, "ct11-vulnerability-scan"); st == obligations.StatusDone {
		t.Error("an obligation left unticked turned done")
	}

	// "Để sau": nothing recorded for the second system.
	other := add("Phần mềm quản lý văn bản")
	test.Tap(buttonNamed(t, s.win.Canvas().Overlays().Top(), "Để sau"))
	if st := systemObligation(t, s, other, "ct11-incident-response-plan"); st == obligations.StatusDone {
		t.Error("«Để sau» recorded the response plan")
	}
}
