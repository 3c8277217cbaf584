package gui

import (
	"bytes"
	"context"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"os/exec"
	"path"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/session"
	"daumoi/reports/bundle"
	"daumoi/reports/docs"
	"daumoi/reports/pades"
)

// maxViewFile bounds what the bundle viewer reads into memory at once (a
// report, data.json); larger files can only be saved.
const maxViewFile = 64 << 20

// bundleViewer shows a received bundle read-only: what it is, its report
// pages, its figures and its files. Everything is read from the encrypted
// blob into memory; nothing is unpacked to disk unless the user saves a
// copy.
type bundleViewer struct {
	shell *Shell
	view  *session.BundleView
}

// showBundleView opens received bundle id in a dialog, off the UI thread
// (the whole blob is checked first).
func (s *Shell) showBundleView(id int64) {
	sess := s.sess
	progress := dialog.NewCustomWithoutButtons(s.cat.T("office.view.opening"), widget.NewProgressBarInfinite(), s.win)
	progress.Show()
	s.goBackground(func() {
		v, err := sess.OpenBundleView(id)
		fyne.Do(func() {
			progress.Hide()
			if err != nil {
				s.showError(err)
				return
			}
			bv := &bundleViewer{shell: s, view: v}
			bv.show()
		})
	})
}

// show builds the dialog; closing it releases the bundle.
func (bv *bundleViewer) show() {
	s := bv.shell
	cat := s.cat
	tabs := container.NewAppTabs(
		container.NewTabItem(cat.T("office.view.tab.summary"), container.NewVScroll(container.NewVBox(bv.summary(), newReceiptSection(s, bv.view.Bundle.ID).view))),
		container.NewTabItem(cat.T("office.view.tab.report"), bv.reportTab()),
		container.NewTabItem(cat.T("office.view.tab.figures"), container.NewVScroll(bv.figures())),
		container.NewTabItem(cat.T("office.view.tab.files"), bv.filesTab()),
	)
	d := dialog.NewCustom(plainTitle(bv.title()), cat.T("reg.close"), tabs, s.win)
	d.SetOnClosed(func() { _ = bv.view.Close() })
	size := s.win.Canvas().Size()
	d.Resize(fyne.NewSize(max(320, size.Width-60), max(300, size.Height-60)))
	d.Show()
}

// title names the bundle: its agency, kind and period.
func (bv *bundleViewer) title() string {
	b := bv.view.Bundle
	return bv.shell.cat.T("office.view.title", bv.view.Verified.Agency.Name, bundleKindLabel(bv.shell.cat, b.Kind), periodText(b.From, b.To))
}

// periodText writes a period as dd/mm/yyyy – dd/mm/yyyy.
func periodText(from, to interface{ Format(string) string }) string {
	return from.Format(dayLayout) + " – " + to.Format(dayLayout)
}

// summary lists what the office knows of the bundle.
func (bv *bundleViewer) summary() fyne.CanvasObject {
	cat := bv.shell.cat
	b, res := bv.view.Bundle, bv.view.Verified
	rows := [][2]string{
		{cat.T("office.view.agency"), res.Agency.Name + " (" + b.AgencyCode + ")"},
		{cat.T("office.view.kind"), bundleKindLabel(cat, b.Kind)},
		{cat.T("office.view.period"), periodText(b.From, b.To)},
		{cat.T("office.view.signer"), res.Signer.Name},
		{cat.T("office.view.key"), b.KeyID},
		{cat.T("office.view.created"), vnTime(b.Created)},
		{cat.T("office.view.received"), cat.T("office.view.received_by", vnTime(b.ReceivedAt), b.ReceivedBy)},
		{cat.T("office.view.file"), b.FileName + " — " + sizeText(b.Size)},
		{cat.T("office.view.sha256"), b.SHA256},
		{cat.T("office.view.state"), receivedState(cat, b)},
		{cat.T("office.view.verified"), cat.T("office.view.verified_ok", len(res.Files))},
	}
	return keyValueGrid(append(rows, bv.signatureRows()...))
}

// signatureRows tell, for each report PDF, who signed it digitally
// (PAdES) and whether the signature holds.
func (bv *bundleViewer) signatureRows() [][2]string {
	s := bv.shell
	cat := s.cat
	reports, err := s.sess.ReportSignatures(bv.view)
	if err != nil {
		return [][2]string{{cat.T("office.view.pades"), s.describe(err)}}
	}
	var rows [][2]string
	for _, rs := range reports {
		name := cat.T("office.view.pades_of", path.Base(rs.Path))
		switch {
		case rs.Err != nil:
			rows = append(rows, [2]string{name, s.describe(rs.Err)})
		case !rs.Signed:
			rows = append(rows, [2]string{name, cat.T("office.view.pades_none")})
		}
		for _, sig := range rs.Signatures {
			rows = append(rows, [2]string{name, signatureText(s, sig)})
		}
	}
	return rows
}

// signatureText describes one PAdES signature in words.
func signatureText(s *Shell, sig pades.SignatureInfo) string {
	cat := s.cat
	verdict := cat.T("office.view.pades_valid")
	if !sig.Valid() {
		verdict = cat.T("office.view.pades_invalid", s.describe(sig.Err))
	}
	yes := func(b bool) string {
		if b {
			return cat.T("value.yes")
		}
		return cat.T("value.no")
	}
	subject, issuer := sig.Subject, sig.Issuer
	if c := sig.Certificate; c != nil {
		subject, issuer = nameOf(c.Subject), nameOf(c.Issuer)
	}
	return cat.T("office.view.pades_text", verdict, subject, issuer, pades.DisplayTime(sig.SigningTime),
		yes(sig.Intact && sig.Unmodified), yes(sig.CertValid), yes(sig.Trusted))
}

// nameOf writes a certificate name as a person reads it: "Nguyễn Văn An
// (Sở Nội vụ tỉnh Vĩnh Long)" rather than "CN=…,O=…,C=VN".
func nameOf(n pkix.Name) string {
	if len(n.Organization) == 0 || n.CommonName == "" {
		return n.CommonName
	}
	return n.CommonName + " (" + strings.Join(n.Organization, ", ") + ")"
}

// receivedState says whether a bundle is the current one or was replaced.
func receivedState(cat translator, b session.ReceivedBundle) string {
	if b.SupersededBy == 0 {
		return cat.T("office.state.current")
	}
	return cat.T("office.state.superseded", b.SupersededBy, vnTime(b.SupersededAt), b.SupersededUser)
}

// keyValueGrid lays rows out as a label column and a wrapping text column.
func keyValueGrid(rows [][2]string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, r := range rows {
		k := widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		objs = append(objs, container.NewBorder(nil, nil, container.New(fixedWidth{width: 220}, k), nil, v))
	}
	return container.NewVBox(objs...)
}

// reportTab shows the report PDFs: a choice when there are several, its
// pages as images, and "save a copy".
func (bv *bundleViewer) reportTab() fyne.CanvasObject {
	cat := bv.shell.cat
	reports := bv.view.FilesUnder("report/")
	if len(reports) == 0 {
		return widget.NewLabel(cat.T("office.view.no_report"))
	}
	pages := container.NewVBox()
	scroll := container.NewVScroll(pages)
	names := make([]string, len(reports))
	for i, f := range reports {
		names[i] = path.Base(f.Path)
	}
	choose := newSelect(cat, names, func(name string) {
		for _, f := range reports {
			if path.Base(f.Path) == name {
				bv.showPages(pages, f)
				scroll.ScrollToTop()
			}
		}
	})
	save := widget.NewButtonWithIcon(cat.T("office.view.save_copy"), theme.DocumentSaveIcon(), func() {
		for _, f := range reports {
			if path.Base(f.Path) == choose.Selected {
				bv.saveCopy(f)
			}
		}
	})
	choose.SetSelected(names[0])
	return container.NewBorder(container.NewBorder(nil, nil, nil, save, choose), nil, nil, nil, scroll)
}

// showPages renders the PDF f into pages, off the UI thread.
func (bv *bundleViewer) showPages(pages *fyne.Container, f bundle.FileEntry) {
	cat := bv.shell.cat
	pages.Objects = []fyne.CanvasObject{widget.NewProgressBarInfinite()}
	pages.Refresh()
	bv.shell.goBackground(func() {
		data, err := bv.view.ReadFile(f.Path, maxViewFile)
		var imgs []image.Image
		if err == nil {
			imgs, err = renderPDF(context.Background(), data, 80)
		}
		fyne.Do(func() {
			pages.Objects = nil
			if err != nil {
				msg := widget.NewLabel(cat.T("office.view.no_render"))
				msg.Wrapping = fyne.TextWrapWord
				pages.Add(msg)
			}
			for i, img := range imgs {
				pages.Add(widget.NewLabel(cat.T("office.view.page", i+1, len(imgs))))
				c := canvas.NewImageFromImage(img)
				c.FillMode = canvas.ImageFillContain
				b := img.Bounds()
				c.SetMinSize(fyne.NewSize(float32(b.Dx()), float32(b.Dy())))
				pages.Add(container.NewCenter(c))
			}
			pages.Refresh()
		})
	})
}

// errNoRenderer means poppler's pdftocairo is not installed.
var errNoRenderer = fmt.Errorf("gui: no PDF renderer (pdftocairo) found")

// renderPDF renders every page of a PDF held in memory to images through
// poppler's pdftocairo, by pipes: the document never touches the disk.
func renderPDF(ctx context.Context, pdf []byte, dpi int) ([]image.Image, error) {
	bin, err := exec.LookPath("pdftocairo")
	if err != nil {
		return nil, errNoRenderer
	}
	n, err := pdfPages(ctx, pdf)
	if err != nil {
		return nil, err
	}
	var out []image.Image
	for p := 1; p <= n && p <= 50; p++ {
		cmd := exec.CommandContext(ctx, bin, "-png", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-singlefile", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		png1, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("gui: render page %d: %w", p, err)
		}
		img, err := png.Decode(bytes.NewReader(png1))
		if err != nil {
			return nil, fmt.Errorf("gui: render page %d: %w", p, err)
		}
		out = append(out, img)
	}
	return out, nil
}

// pdfPages counts a PDF's pages with pdfinfo, reading it from a pipe.
func pdfPages(ctx context.Context, pdf []byte) (int, error) {
	cmd := exec.CommandContext(ctx, "pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	info, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("gui: pdfinfo: %w", err)
	}
	for _, line := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			return strconv.Atoi(strings.TrimSpace(v))
		}
	}
	return 0, fmt.Errorf("gui: pdfinfo gave no page count")
}

// saveCopy exports one file of the bundle where the user chooses.
func (bv *bundleViewer) saveCopy(f bundle.FileEntry) {
	s := bv.shell
	s.saveFile(saveJob{
		title: s.cat.T("office.view.save_copy"), name: path.Base(f.Path), perm: exportPerm, size: f.Size,
		write: func(_ context.Context, w io.Writer, _ string) error {
			data, err := bv.view.ReadFile(f.Path, 1<<40)
			if err != nil {
				return err
			}
			_, err = w.Write(data)
			return err
		},
		done: func(p string) string { return s.cat.T("office.view.saved", p) },
	})
}

// figures shows what data.json (annual) or incident.json says.
func (bv *bundleViewer) figures() fyne.CanvasObject {
	cat := bv.shell.cat
	if data, err := bv.view.ReadFile("data/data.json", maxViewFile); err == nil {
		d, err := docs.ParseAnnualData(data)
		if err != nil {
			return widget.NewLabel(cat.T("office.view.bad_data"))
		}
		return annualFigures(cat, d)
	}
	if data, err := bv.view.ReadFile("data/incident.json", maxViewFile); err == nil {
		var in session.IncidentDetails
		if json.Unmarshal(data, &in) != nil {
			return widget.NewLabel(cat.T("office.view.bad_data"))
		}
		clocks, err := bv.shell.sess.ReceivedIncidentClocks(bv.view.Bundle.ID, bv.shell.now())
		return container.NewVBox(incidentFigures(cat, in), clockBox(bv.shell, clocks, err))
	}
	return widget.NewLabel(cat.T("office.view.no_data"))
}

// translator is what the figure views need of the catalogue.
type translator interface {
	T(key string, args ...any) string
	Has(key string) bool
}

// annualFigures lays out an annual report's figures.
func annualFigures(cat translator, d docs.AnnualData) fyne.CanvasObject {
	f := d.Figures
	n := strconv.Itoa
	rows := [][2]string{
		{cat.T("office.fig.period"), cat.T("office.fig.period_value", d.Year, humanStamps(d.Period.From), humanStamps(d.Period.To), humanStamps(d.Period.AsOf))},
		{cat.T("office.fig.systems"), n(f.Systems)},
		{cat.T("office.fig.levels"), levelCounts(cat, f.SystemsByLevel)},
		{cat.T("office.fig.dossiers"), cat.T("office.fig.dossiers_value", f.DossierByState["approved"], f.DossierByState["appraised"], f.DossierByState["submitted"], f.DossierByState["drafting"])},
		{cat.T("office.fig.assets"), cat.T("office.fig.assets_value", f.Assets, f.AssetsInUse, f.AssetsOnInternet)},
		{cat.T("office.fig.violations"), n(f.Violations)},
		{cat.T("office.fig.findings"), cat.T("office.fig.findings_value", f.FindingsOpen, f.FindingsOverdue, f.FindingsFixed)},
		{cat.T("office.fig.incidents"), cat.T("office.fig.incidents_value", f.Incidents, f.IncidentsClosed, f.IncidentReports)},
		{cat.T("office.fig.assessments"), cat.T("office.fig.assessments_value", f.Assessments, f.AssessmentsApproved)},
		{cat.T("office.fig.obligations"), cat.T("office.fig.obligations_value", f.ObligationsDone, f.ObligationsOverdue)},
		{cat.T("office.fig.awareness"), n(f.AwarenessSessions)},
		{cat.T("office.fig.evidence"), n(len(d.Evidence))},
	}
	for _, c := range d.Compliance {
		rows = append(rows, [2]string{cat.T("office.fig.compliance", c.Name),
			cat.T("office.fig.compliance_value", c.Percent, c.ItemsMet, c.ItemsPartial, c.ItemsFailed, c.ItemsAssessed, c.ItemsApplicable)})
	}
	for _, note := range d.Notes {
		rows = append(rows, [2]string{cat.T("office.fig.note"), note})
	}
	return keyValueGrid(rows)
}

// levelCounts writes systems by level as "cấp 1: 2, cấp 3: 1".
func levelCounts(cat translator, by map[string]int) string {
	var parts []string
	for lv := 0; lv <= 5; lv++ {
		if c := by[strconv.Itoa(lv)]; c > 0 {
			parts = append(parts, cat.T("office.fig.level_count", lv, c))
		}
	}
	if len(parts) == 0 {
		return "0"
	}
	return strings.Join(parts, ", ")
}

// incidentFigures lays out what an incident bundle says of its incident.
func incidentFigures(cat translator, in session.IncidentDetails) fyne.CanvasObject {
	label := func(prefix, code string) string {
		if cat.Has(prefix + code) {
			return cat.T(prefix + code)
		}
		return code
	}
	rows := [][2]string{
		{cat.T("office.fig.incident_title"), in.Title},
		{cat.T("office.fig.incident_type"), label("inc.type.", in.Type)},
		{cat.T("office.fig.incident_detected"), vnTime(in.Detected)},
		{cat.T("office.fig.incident_state"), label("inc.state.", string(in.State))},
		{cat.T("office.fig.incident_notices"), strconv.Itoa(len(in.Notifications))},
		{cat.T("office.fig.incident_timeline"), strconv.Itoa(len(in.Timeline))},
	}
	return keyValueGrid(rows)
}

// filesTab lists the bundle's files (report, data, evidence) with their
// size and SHA-256; the chosen one can be saved as a copy.
func (bv *bundleViewer) filesTab() fyne.CanvasObject {
	cat := bv.shell.cat
	cols := []listColumn[bundle.FileEntry]{
		{title: cat.T("office.view.col.path"), width: 420, text: func(f bundle.FileEntry) string { return f.Path }},
		{title: cat.T("col.size"), width: 110, text: func(f bundle.FileEntry) string { return sizeText(f.Size) },
			key: func(f bundle.FileEntry) string { return fmt.Sprintf("%020d", f.Size) }},
		{title: cat.T("office.view.sha256"), width: 300, text: func(f bundle.FileEntry) string { return f.SHA256 }},
	}
	list := newListTable(cols, cat.T("office.view.no_files"), nil)
	list.keep = true
	list.withDetail()
	list.setRows(bv.view.Files())
	save := widget.NewButtonWithIcon(cat.T("office.view.save_copy"), theme.DocumentSaveIcon(), func() {
		if f, ok := list.selected(); ok {
			bv.saveCopy(f)
		}
	})
	count := widget.NewLabel(cat.T("office.view.files_count", len(bv.view.Files()), len(bv.view.FilesUnder("evidence/"))))
	return container.NewBorder(container.NewBorder(nil, nil, nil, save, count), nil, nil, nil, list.view)
}
