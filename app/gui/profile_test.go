package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
)

// The focal points' rows have column headings above them, in the order
// of their entries, which keep showing once filled (when the entries'
// hints are gone); the screen fits at both sizes
// (artifacts/layout/minor-<size>-profile.png).
func TestFocalPointColumnsAreNamed(t *testing.T) {
	_, s := newTestShell(t)
	p, err := s.sess.Profile()
	if err != nil {
		t.Fatal(err)
	}
	p.FocalPoints = []registers.FocalPoint{{Name: "Nguyễn Thị Thu Hương", Position: "Chuyên viên phòng CNTT", Phone: "0270 3822 123", Email: "huong@vinhlong.gov.vn"}}
	if err := s.sess.SaveProfile(p); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("..", "..", "artifacts", "layout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range layoutSizes {
		s.win.Resize(size)
		s.Select(areaDashboard)
		s.Select(areaProfile)
		var heads []*widget.Label
		for _, l := range objects[*widget.Label](t, s.content) {
			for _, key := range []string{"profile.focal_name", "profile.focal_position", "profile.focal_phone", "profile.focal_email"} {
				if l.Text == s.cat.T(key) && l.TextStyle.Bold {
					heads = append(heads, l)
				}
			}
		}
		var row []*widget.Entry
		for _, e := range objects[*widget.Entry](t, s.content) {
			if e.PlaceHolder == s.cat.T("profile.focal_name") || e.PlaceHolder == s.cat.T("profile.focal_position") ||
				e.PlaceHolder == s.cat.T("profile.focal_phone") || e.PlaceHolder == s.cat.T("profile.focal_email") {
				row = append(row, e)
			}
		}
		if len(heads) != 4 || len(row) != 4 {
			t.Fatalf("%v: %d column headings for %d focal point entries", size, len(heads), len(row))
		}
		d := fyne.CurrentApp().Driver()
		for i := range heads {
			h, e := d.AbsolutePositionForObject(heads[i]), d.AbsolutePositionForObject(row[i])
			if h.X > e.X+1 || h.X+heads[i].Size().Width < e.X || h.Y >= e.Y {
				t.Errorf("%v: the heading %q is not above the entry of %q", size, heads[i].Text, row[i].PlaceHolder)
			}
		}
		for _, sc := range objects[*container.Scroll](t, s.content) {
			sc.ScrollToBottom()
		}
		name := fmt.Sprintf("minor-%.0fx%.0f-profile", size.Width, size.Height)
		checkFits(t, s, size, name, filepath.Join(out, name+".png"))
	}
}
