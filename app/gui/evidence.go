package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // previews of JPEG evidence
	_ "image/png"  // previews of PNG evidence
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// evidenceService is what the evidence library needs of the session.
type evidenceService interface {
	ListEvidence() ([]session.Evidence, error)
	AddEvidence(ctx context.Context, r io.Reader, meta session.EvidenceMeta, progress func(int64)) (session.Evidence, error)
	EvidenceInfo(id string) (session.EvidenceDetails, error)
	SetEvidenceDates(id, effective, expiry string) error
	SetEvidenceDescription(id, description string) error
	SetEvidenceTitle(id, title string) error
	ListAssets(f session.AssetFilter) ([]registers.Asset, error)
	LinkEvidence(evidenceID string, link session.EvidenceLink) error
	UnlinkEvidence(evidenceID string, link session.EvidenceLink) error
	CopyEvidence(ctx context.Context, id string, w io.Writer) (session.Evidence, error)
	ListSystems(f session.SystemFilter) ([]registers.System, error)
}

// maxPreview is the most bytes read for a preview.
const maxPreview = 8 << 20

// evidenceScreen is the evidence library: files kept encrypted in the
// vault, added with the button or by dropping them on the window, with
// their dates and what they prove; a decrypted copy leaves the vault only
// through an explicit export.
type evidenceScreen struct {
	shell    *Shell
	svc      evidenceService
	systems  []registers.System
	list     *listTable[session.Evidence]
	count    *widget.Label
	progress *widget.ProgressBar
	status   *widget.Label
	cancel   context.CancelFunc
}

func newEvidenceScreen(s *Shell) fyne.CanvasObject {
	_, content := buildEvidenceScreen(s)
	return content
}

func buildEvidenceScreen(s *Shell) (*evidenceScreen, fyne.CanvasObject) {
	cat := s.cat
	scr := &evidenceScreen{shell: s, svc: s.sess}
	scr.systems, _ = scr.svc.ListSystems(session.SystemFilter{})
	scr.count = widget.NewLabel("")
	scr.progress = widget.NewProgressBar()
	scr.progress.Hide()
	scr.status = widget.NewLabel(cat.T("ev.drop_hint"))
	scr.status.Importance = widget.LowImportance
	scr.list = newListTable(scr.columns(), cat.T("ev.empty"), scr.onOpen)
	add := widget.NewButtonWithIcon(cat.T("ev.add"), theme.ContentAddIcon(), scr.onAdd)
	add.Importance = widget.HighImportance
	if !s.me.Can(users.PermAddEvidence) {
		add.Disable()
	}
	s.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { scr.onDropped(uris) })
	scr.reload()
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(scr.count, add), scr.status)
	return scr, container.NewBorder(container.NewVBox(bar, scr.progress), nil, nil, nil, scr.list.view)
}

func (scr *evidenceScreen) columns() []listColumn[session.Evidence] {
	cat := scr.shell.cat
	return []listColumn[session.Evidence]{
		{title: cat.T("col.title"), width: 330, text: func(e session.Evidence) string { return e.Title }},
		{title: cat.T("col.file_name"), width: 220, text: func(e session.Evidence) string { return e.FileName }},
		{title: cat.T("col.size"), width: 140, text: func(e session.Evidence) string { return sizeText(e.Size) },
			key: func(e session.Evidence) string { return fmt.Sprintf("%020d", e.Size) }},
		{title: cat.T("col.added_by"), width: 130, text: func(e session.Evidence) string { return e.AddedBy }},
		{title: cat.T("col.added_at"), width: 150, text: func(e session.Evidence) string { return vnTime(e.AddedAt) },
			key: func(e session.Evidence) string { return e.AddedAt.Format("2006-01-02T15:04:05") }},
	}
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return strconv.FormatInt(n, 10) + " B"
}

func (scr *evidenceScreen) reload() {
	list, err := scr.svc.ListEvidence()
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.count.SetText(scr.shell.cat.T("reg.count", len(list)))
	scr.list.setRows(list)
}

func (scr *evidenceScreen) onAdd() {
	scr.shell.chooseFile(func(path string) { scr.importFiles([]string{path}) })
}

func (scr *evidenceScreen) onDropped(uris []fyne.URI) {
	if !scr.shell.Unlocked() || !scr.shell.me.Can(users.PermAddEvidence) || scr.shell.CurrentArea() != areaEvidence {
		return
	}
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	scr.importFiles(paths)
}

// importFiles encrypts the files into the vault off the UI thread, with a
// progress bar; each import is whole or nothing.
func (scr *evidenceScreen) importFiles(paths []string) {
	if len(paths) == 0 || scr.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	scr.cancel = cancel
	scr.progress.Show()
	scr.progress.SetValue(0)
	scr.shell.goBackground(func() {
		var errs []error
		for _, p := range paths {
			if err := scr.importOne(ctx, p); err != nil {
				errs = append(errs, err)
			}
		}
		fyne.Do(func() {
			scr.cancel = nil
			scr.progress.Hide()
			scr.reload()
			if len(errs) > 0 {
				scr.shell.showError(errs[0])
				return
			}
			scr.status.SetText(scr.shell.cat.T("ev.added", len(paths)))
		})
	})
}

func (scr *evidenceScreen) importOne(ctx context.Context, path string) error {
	name := filepath.Base(path)
	fyne.Do(func() { scr.status.SetText(scr.shell.cat.T("ev.importing", name)) })
	_, err := addEvidenceFile(ctx, scr.svc, path, func(f float64) {
		fyne.Do(func() { scr.progress.SetValue(f) })
	})
	return err
}

// onOpen shows an evidence file's details: dates, description, links, a
// preview of images and text, and the explicit export.
func (scr *evidenceScreen) onOpen(e session.Evidence) {
	s := scr.shell
	cat := s.cat
	info, err := scr.svc.EvidenceInfo(e.ID)
	if err != nil {
		s.showError(err)
		return
	}
	title := widget.NewEntry()
	title.SetText(info.Title)
	title.Validator = requiredValidator(s)
	desc := widget.NewMultiLineEntry()
	desc.SetText(info.Description)
	effective, expiry := widget.NewEntry(), widget.NewEntry()
	effective.SetText(dayLabel(info.EffectiveDate))
	expiry.SetText(dayLabel(info.ExpiryDate))
	effective.Validator, expiry.Validator = dateValidator(s), dateValidator(s)
	effective.SetPlaceHolder(cat.T("history.date.placeholder"))
	expiry.SetPlaceHolder(cat.T("history.date.placeholder"))
	form := widget.NewForm(
		widget.NewFormItem(cat.T("col.title"), title),
		widget.NewFormItem(cat.T("ev.file"), widget.NewLabel(fmt.Sprintf("%s — %s — SHA-256 %s", info.FileName, sizeText(info.Size), info.SHA256))),
		widget.NewFormItem(cat.T("ev.description"), desc),
		widget.NewFormItem(cat.T("ev.effective"), effective),
		widget.NewFormItem(cat.T("ev.expiry"), expiry),
	)
	links := widget.NewCheckGroup(systemNames(scr.systems), nil)
	for _, l := range info.Links {
		for _, sys := range scr.systems {
			if l.Kind == session.LinkSystem && l.Target == strconv.FormatInt(sys.ID, 10) {
				links.Selected = append(links.Selected, sys.Name)
			}
		}
	}
	assets := newAssetPicker(s, scr.svc, info.Links)
	items := widget.NewLabel(itemLinks(cat.T("ev.items"), info.Links, shellPackWords(s)))
	items.Wrapping = fyne.TextWrapWord
	export := widget.NewButtonWithIcon(cat.T("ev.export"), theme.DownloadIcon(), func() { scr.onExport(info.Evidence) })
	body := container.NewVBox(form, widget.NewLabelWithStyle(cat.T("ev.systems"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		links, widget.NewLabelWithStyle(cat.T("ev.assets"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), assets.view,
		items, widget.NewLabelWithStyle(cat.T("ev.preview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		scr.preview(info.Evidence), export)
	d := dialog.NewCustomConfirm(plainTitle(info.Title), cat.T("reg.save"), cat.T("reg.close"), container.NewVScroll(body), func(ok bool) {
		if ok {
			if entryText(title) != info.Title {
				if err := scr.svc.SetEvidenceTitle(info.ID, entryText(title)); err != nil {
					s.showError(err)
					return
				}
			}
			scr.save(info, entryText(desc), entryText(effective), entryText(expiry), links.Selected)
			scr.saveAssetLinks(info, assets.chosen)
		}
	}, s.win)
	d.Resize(fyne.NewSize(820, 620))
	d.Show()
}

// itemLinks names the checklist items an evidence file is linked to, by
// their texts (words), after title; "" for none.
func itemLinks(title string, links []session.EvidenceLink, words packWords) string {
	var items []string
	for _, l := range links {
		if l.Kind == session.LinkItem {
			items = append(items, words.itemKeyText(l.Target))
		}
	}
	if len(items) == 0 {
		return ""
	}
	return title + " " + strings.Join(items, "; ")
}

// save writes the changed description, dates and system links.
func (scr *evidenceScreen) save(info session.EvidenceDetails, desc, effective, expiry string, systems []string) {
	s := scr.shell
	if desc != info.Description {
		if err := scr.svc.SetEvidenceDescription(info.ID, desc); err != nil {
			s.showError(err)
			return
		}
	}
	if normalizeDay(effective) != info.EffectiveDate || normalizeDay(expiry) != info.ExpiryDate {
		if err := scr.svc.SetEvidenceDates(info.ID, normalizeDay(effective), normalizeDay(expiry)); err != nil {
			s.showError(err)
			return
		}
	}
	for _, sys := range scr.systems {
		link := session.EvidenceLink{Kind: session.LinkSystem, Target: strconv.FormatInt(sys.ID, 10)}
		want, have := contains(systems, sys.Name), hasLink(info.Links, link)
		var err error
		switch {
		case want && !have:
			err = scr.svc.LinkEvidence(info.ID, link)
		case !want && have:
			err = scr.svc.UnlinkEvidence(info.ID, link)
		}
		if err != nil {
			s.showError(err)
			return
		}
	}
	scr.reload()
}

// saveAssetLinks links and unlinks assets as ticked in the picker.
func (scr *evidenceScreen) saveAssetLinks(info session.EvidenceDetails, chosen map[int64]bool) {
	for id, want := range chosen {
		link := session.EvidenceLink{Kind: session.LinkAsset, Target: strconv.FormatInt(id, 10)}
		have := hasLink(info.Links, link)
		var err error
		switch {
		case want && !have:
			err = scr.svc.LinkEvidence(info.ID, link)
		case !want && have:
			err = scr.svc.UnlinkEvidence(info.ID, link)
		}
		if err != nil {
			scr.shell.showError(err)
			return
		}
	}
	scr.reload()
}

// assetPicker finds assets by name, hostname or IP (without diacritics) and
// ticks those an evidence file concerns.
type assetPicker struct {
	shell *Shell
	svc   interface {
		ListAssets(session.AssetFilter) ([]registers.Asset, error)
	}
	search *widget.Entry
	list   *fyne.Container
	chosen map[int64]bool
	view   fyne.CanvasObject
}

func newAssetPicker(s *Shell, svc interface {
	ListAssets(session.AssetFilter) ([]registers.Asset, error)
}, links []session.EvidenceLink) *assetPicker {
	p := &assetPicker{shell: s, svc: svc, list: container.NewVBox(), chosen: map[int64]bool{}}
	for _, l := range links {
		if l.Kind == session.LinkAsset {
			if id, err := strconv.ParseInt(l.Target, 10, 64); err == nil {
				p.chosen[id] = true
			}
		}
	}
	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(s.cat.T("asset.search"))
	p.search.OnChanged = func(string) { p.refresh() }
	p.refresh()
	p.view = container.NewVBox(p.search, p.list)
	return p
}

// refresh shows the linked assets and up to 12 matches of the search.
func (p *assetPicker) refresh() {
	all, err := p.svc.ListAssets(session.AssetFilter{Text: p.search.Text})
	if err != nil {
		return
	}
	p.list.Objects = nil
	shown := 0
	for _, a := range all {
		if !p.chosen[a.ID] && (p.search.Text == "" || shown >= 12) {
			continue
		}
		if !p.chosen[a.ID] {
			shown++
		}
		id := a.ID
		c := widget.NewCheck(strings.TrimSpace(a.Name+" "+a.Hostname), func(on bool) { p.chosen[id] = on })
		c.Checked = p.chosen[id]
		p.list.Add(c)
	}
	p.list.Refresh()
}

// normalizeDay accepts dd/mm/yyyy too and returns YYYY-MM-DD ("" stays "").
func normalizeDay(s string) string {
	if d, err := registers.NormalizeDate(s); err == nil {
		return d
	}
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasLink(links []session.EvidenceLink, l session.EvidenceLink) bool {
	for _, x := range links {
		if x == l {
			return true
		}
	}
	return false
}

// preview shows an image or the start of a text file, decrypted in memory
// only.
func (scr *evidenceScreen) preview(e session.Evidence) fyne.CanvasObject {
	isImage := strings.HasPrefix(e.MediaType, "image/png") || strings.HasPrefix(e.MediaType, "image/jpeg")
	isText := strings.HasPrefix(e.MediaType, "text/")
	if (!isImage && !isText) || e.Size > maxPreview {
		return widget.NewLabel(scr.shell.cat.T("ev.no_preview"))
	}
	var buf bytes.Buffer
	if _, err := scr.svc.CopyEvidence(context.Background(), e.ID, &buf); err != nil {
		return widget.NewLabel(scr.shell.describe(err))
	}
	if isImage {
		img, _, err := image.Decode(bytes.NewReader(buf.Bytes()))
		if err != nil {
			return widget.NewLabel(scr.shell.cat.T("ev.no_preview"))
		}
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.SetMinSize(fyne.NewSize(480, 300))
		return c
	}
	text := buf.String()
	if !utf8.ValidString(text) {
		return widget.NewLabel(scr.shell.cat.T("ev.no_preview"))
	}
	if len(text) > 4000 {
		text = text[:4000] + "…"
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// onExport writes a decrypted copy after a warning: once outside the vault
// the file is no longer protected.
func (scr *evidenceScreen) onExport(e session.Evidence) {
	s := scr.shell
	dialog.ShowConfirm(plainTitle(s.cat.T("ev.export")), s.cat.T("ev.export_warning"), func(ok bool) {
		if ok {
			s.saveFile(scr.exportJob(e))
		}
	}, s.win)
}

// exportJob decrypts evidence e, checking its size and hash before the file
// appears, with a progress bar (the size is known).
func (scr *evidenceScreen) exportJob(e session.Evidence) saveJob {
	cat, svc := scr.shell.cat, scr.svc
	return saveJob{
		title: cat.T("ev.export"), name: e.FileName, size: e.Size,
		write: func(ctx context.Context, w io.Writer, _ string) error {
			_, err := svc.CopyEvidence(ctx, e.ID, w)
			return err
		},
		done: func(path string) string { return cat.T("ev.exported", path) },
	}
}
