package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/incidents"
	"daumoi/data/session"
)

// The incident dialog's buttons all show in full at 1366×768 and
// 1280×720, whatever the incident's state (the state buttons are most
// once it is notified), none over another, and the e-mail button says
// in words what it copies (artifacts/layout/minor-<size>-incident-<state>.png).
func TestIncidentDialogButtonsFit(t *testing.T) {
	_, s := newTestShell(t)
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	in, err := s.sess.AddIncident(session.Incident{Title: "Tấn công thay đổi giao diện Cổng thông tin điện tử của Sở", Type: "defacement",
		Detected: time.Date(2026, 11, 25, 23, 0, 0, 0, incidents.Zone()), Flags: []string{"serious"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []session.IncidentState{"", session.IncidentNotified} {
		if to != "" {
			if _, err := s.sess.AdvanceIncident(in.ID, to, s.now()); err != nil {
				t.Fatal(err)
			}
		}
		for _, size := range layoutSizes {
			s.win.Resize(size)
			state := string(to)
			if to == "" {
				state = "detected"
			}
			name := fmt.Sprintf("minor-%.0fx%.0f-incident-%s", size.Width, size.Height, state)
			s.Select(areaDashboard)
			s.openIncident(in.ID)
			checkFits(t, s, size, name, filepath.Join(out, name+".png"))
			top := s.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("the incident did not open")
			}
			buttonsShowInFull(t, s, top, name)
			if text := labelTexts(t, top) + buttonTexts(t, top); strings.Contains(text, "[TBSC]") {
				t.Errorf("%s: [TBSC] shown without a word of explanation", name)
			}
			dropOverlays(s)
		}
	}
}

// buttonTexts joins the texts of the buttons under o.
func buttonTexts(t *testing.T, o fyne.CanvasObject) string {
	var texts []string
	for _, b := range objects[*widget.Button](t, o) {
		texts = append(texts, b.Text)
	}
	return strings.Join(texts, "\n")
}

// buttonsShowInFull fails when a visible button under dlg is narrower
// than its text needs, overlaps another, or, outside the dialog's
// scrolled part, lies beyond the window.
func buttonsShowInFull(t *testing.T, s *Shell, dlg fyne.CanvasObject, what string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	win := s.win.Canvas().Size()
	type box struct {
		text     string
		pos, end fyne.Position
	}
	var boxes []box
	// A button of a scrolled part shows only within the part's view.
	scrolled, hidden := map[*widget.Button]bool{}, map[*widget.Button]bool{}
	for _, sc := range objects[*container.Scroll](t, dlg) {
		top := d.AbsolutePositionForObject(sc)
		bottom := top.Add(sc.Size())
		for _, b := range objects[*widget.Button](t, sc.Content) {
			scrolled[b] = true
			pos := d.AbsolutePositionForObject(b)
			end := pos.Add(b.Size())
			if pos.Y < top.Y || end.Y > bottom.Y || pos.X < top.X || end.X > bottom.X {
				hidden[b] = true
			}
		}
	}
	for _, b := range objects[*widget.Button](t, dlg) {
		if !b.Visible() || b.Text == "" || hidden[b] {
			continue
		}
		pos := d.AbsolutePositionForObject(b)
		end := pos.Add(b.Size())
		if b.Size().Width+0.5 < b.MinSize().Width {
			t.Errorf("%s: the button %q is %.0f px wide, its text needs %.0f", what, b.Text, b.Size().Width, b.MinSize().Width)
		}
		outside := pos.X < 0 || end.X > win.Width+0.5 || (!scrolled[b] && (pos.Y < 0 || end.Y > win.Height+0.5))
		if outside {
			t.Errorf("%s: the button %q (%v–%v) is outside the window %v", what, b.Text, pos, end, win)
		}
		for _, o := range boxes {
			if pos.X < o.end.X-0.5 && o.pos.X < end.X-0.5 && pos.Y < o.end.Y-0.5 && o.pos.Y < end.Y-0.5 {
				t.Errorf("%s: the buttons %q and %q overlap", what, b.Text, o.text)
			}
		}
		boxes = append(boxes, box{b.Text, pos, end})
	}
}
