package gui

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

func TestEvidenceLibraryAddsPreviewsAndDates(t *testing.T) {
	_, s := newTestShell(t)
	sys := addSystem(t, s, "Cổng thông tin điện tử", 2)
	s.Select(areaEvidence)
	scr, content := buildEvidenceScreen(s)
	s.win.SetContent(content)
	s.win.Resize(fyne.NewSize(1180, 720))

	dir := t.TempDir()
	text := filepath.Join(dir, "bien-ban-kiem-tra.txt")
	if err := os.WriteFile(text, []byte("Biên bản kiểm tra an toàn thông tin năm 2026"), 0o600); err != nil {
		t.Fatal(err)
	}
	pic := filepath.Join(dir, "so-do-mang.png")
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	img.Set(3, 3, color.RGBA{R: 200, A: 255})
	f, err := os.Create(pic)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// The button path and the drop path.
	scr.importFiles([]string{text})
	mustHold(t, "the import", func() bool { return scr.cancel == nil && len(scr.list.rows) == 1 })
	s.Select(areaEvidence)
	scr.onDropped([]fyne.URI{storage.NewFileURI(pic)})
	mustHold(t, "the dropped file", func() bool { return scr.cancel == nil && len(scr.list.rows) == 2 })

	var txt = scr.list.rows[0]
	for _, e := range scr.list.rows {
		if e.FileName == "bien-ban-kiem-tra.txt" {
			txt = e
		}
	}
	scr.onOpen(txt)
	if o := overlayText(t, s); !strings.Contains(o, "Biên bản kiểm tra an toàn thông tin năm 2026") {
		t.Errorf("no text preview:\n%s", o)
	}
	capture(t, s.win, "gui-evidence")

	info, err := s.sess.EvidenceInfo(txt.ID)
	if err != nil {
		t.Fatal(err)
	}
	scr.save(info, "Biên bản do Sở KH&CN lập", "01/12/2026", "2027-11-30", []string{sys.Name})
	info, err = s.sess.EvidenceInfo(txt.ID)
	if err != nil || info.EffectiveDate != "2026-12-01" || info.ExpiryDate != "2027-11-30" || len(info.Links) != 1 || info.Description != "Biên bản do Sở KH&CN lập" {
		t.Errorf("after save: %+v, %v", info, err)
	}
	// No plaintext was left outside the vault by the preview.
	entries, _ := os.ReadDir(os.TempDir())
	for _, e := range entries {
		if strings.Contains(e.Name(), "bien-ban") {
			t.Errorf("a decrypted copy was left in %s: %s", os.TempDir(), e.Name())
		}
	}
}
