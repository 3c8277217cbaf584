package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/packs"
	"daumoi/data/registers"
)

func TestPacksTabTogglesAndRefusesBadFiles(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildPacksScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 720))
	list, err := s.sess.ListPacks()
	if err != nil || len(list) < 3 {
		t.Fatalf("packs = %d, %v", len(list), err)
	}
	checks := objects[*widget.Check](t, content)
	if len(checks) != len(list) {
		t.Fatalf("%d checkboxes for %d packs", len(checks), len(list))
	}
	test.Tap(checks[0])
	after, _ := s.sess.ListPacks()
	if after[0].Active == list[0].Active {
		t.Error("unticking did not change the pack's state")
	}
	capture(t, s.win, "gui-packs")

	before := len(after)
	scr.importRaw([]byte(`{"format": 1, "id": "x", "catalogues": [{"id": "c", "items": [{"id": "a"}, {"id": "a"}]}]}`))
	if o := overlayText(t, s); !strings.Contains(o, "không có gì thay đổi") {
		t.Errorf("a bad pack file was not refused clearly:\n%s", o)
	}
	if now, _ := s.sess.ListPacks(); len(now) != before {
		t.Errorf("packs after a refused import: %d, before %d", len(now), before)
	}
}

func TestLevelHelperSuggestsAndAccepts(t *testing.T) {
	_, s := newTestShell(t)
	sys, err := s.sess.SaveSystem(registers.System{Name: "Hệ thống một cửa điện tử"})
	if err != nil {
		t.Fatal(err)
	}
	var got registers.System
	showLevelHelper(s, s.sess, sys, func(saved registers.System) { got = saved })
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no level helper dialog")
	}
	selects := objects[*widget.Select](t, top)
	if len(selects) == 0 {
		t.Fatal("no level question")
	}
	// Answer every question with its last option (the most demanding).
	for _, sel := range selects {
		sel.SetSelectedIndex(len(sel.Options) - 1)
	}
	test.Tap(buttonNamed(t, top, "Tính cấp độ"))
	text := labelTexts(t, top)
	if !strings.Contains(text, "Gợi ý: cấp độ") && !strings.Contains(text, "ngoài phạm vi") {
		t.Fatalf("no suggestion shown:\n%s", text)
	}
	if strings.Contains(text, "ngoài phạm vi") {
		return // the most demanding answers put it out of scope: nothing to accept
	}
	test.Tap(buttonNamed(t, top, "Dùng cấp độ và lý do này"))
	if got.ProposedLevel == 0 || got.LevelJustification == "" {
		t.Errorf("accepted suggestion not stored: level %d, justification %q", got.ProposedLevel, got.LevelJustification)
	}
}

// TestPackFileOverTheLimitIsRefusedAsTooLarge: the GUI reads no more than
// the loader accepts, and a larger file is refused as too large.
func TestPackFileOverTheLimitIsRefusedAsTooLarge(t *testing.T) {
	_, s := newTestShell(t)
	scr, content := buildPacksScreen(s)
	s.win.SetContent(content)
	raw, err := readPackFile(strings.NewReader(strings.Repeat(" ", packs.MaxPackSize+100)))
	if err != nil || len(raw) != packs.MaxPackSize+1 {
		t.Fatalf("read %d bytes, %v; want %d", len(raw), err, packs.MaxPackSize+1)
	}
	scr.importRaw(raw)
	if o := overlayText(t, s); !strings.Contains(o, "quá lớn") {
		t.Errorf("an oversized pack file was not refused as too large:\n%s", o)
	}
}
