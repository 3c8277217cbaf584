package gui

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
	"daumoi/data/session"
	"daumoi/data/users"
	"daumoi/reports/docs"
	"daumoi/reports/pdfdoc"
)

// reportService is what preparing, signing and exporting reports needs of
// the session.
type reportService interface {
	ReportDocument(req session.ReportRequest) (docs.Rendered, error)
	RenderReport(req session.ReportRequest, w io.Writer) (string, error)
	BuildBundle(req session.BundleRequest, signingPassphrase []byte, out session.Output) (session.BundleInfo, error)
	CreateSigningKey(passphrase []byte) (session.SigningKeyInfo, error)
	SigningKey(user string) (session.SigningKeyInfo, error)
	ListAssessments(systemID int64) ([]session.AssessmentSummary, error)
	SignatureImages() (session.SignatureImages, error)
}

// reportKinds are the reports offered, in order.
func reportKinds() []session.ReportKind {
	return []session.ReportKind{session.ReportAnnual, session.ReportPlan, session.ReportSystems, session.ReportAssets, session.ReportAssessment}
}

// reportMaker previews a report as the document it will be, saves it as
// PDF, and — for a manager — signs and exports the annual bundle after
// unlocking the manager's own signing key.
type reportMaker struct {
	shell    *Shell
	svc      reportService
	kind     *widget.Select
	year     *widget.Entry
	which    *widget.Select // the assessment, for an assessment report
	assessed []session.AssessmentSummary
	preview  *fyne.Container
	keyInfo  *widget.Label
	progress *widget.ProgressBarInfinite
	working  bool
}

func newReportMaker(s *Shell) fyne.CanvasObject {
	_, content := buildReportMaker(s)
	return content
}

func buildReportMaker(s *Shell) (*reportMaker, fyne.CanvasObject) {
	cat := s.cat
	m := &reportMaker{shell: s, svc: s.sess, preview: container.NewVBox()}
	var kinds []string
	for _, k := range reportKinds() {
		kinds = append(kinds, cat.T("rep.kind."+string(k)))
	}
	m.assessed, _ = m.svc.ListAssessments(0)
	var revisions []string
	for _, a := range m.assessed {
		revisions = append(revisions, cat.T("rep.assessment_choice", a.SystemName, a.Period, a.Revision))
	}
	m.which = newSelect(cat, revisions, nil)
	m.which.PlaceHolder = cat.T("rep.choose_assessment")
	m.which.Hide()
	m.kind = newSelect(cat, kinds, func(string) {
		if m.kind.SelectedIndex() >= 0 && reportKinds()[m.kind.SelectedIndex()] == session.ReportAssessment {
			m.which.Show()
		} else {
			m.which.Hide()
		}
	})
	m.kind.SetSelectedIndex(0)
	m.year = widget.NewEntry()
	m.year.SetText(strconv.Itoa(s.now().Year()))
	show := widget.NewButtonWithIcon(cat.T("rep.preview"), theme.VisibilityIcon(), m.onPreview)
	pdf := widget.NewButtonWithIcon(cat.T("rep.save_pdf"), theme.DocumentSaveIcon(), m.onSavePDF)
	signPDF := widget.NewButtonWithIcon(cat.T("rep.sign_pdf"), theme.DocumentCreateIcon(), m.onSignPDF)
	sign := widget.NewButtonWithIcon(cat.T("rep.sign"), theme.ConfirmIcon(), m.onSign)
	sign.Importance = widget.HighImportance
	if !s.me.Can(users.PermSign) {
		sign.Disable()
	}
	m.keyInfo = widget.NewLabel("")
	m.keyInfo.Wrapping = fyne.TextWrapWord
	m.progress = widget.NewProgressBarInfinite()
	m.progress.Hide()
	m.refreshKey()
	choose := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(cat.T("rep.kind")), nil, m.kind),
		container.NewHBox(widget.NewLabel(cat.T("rep.year")), container.New(fixedWidth{width: 90}, m.year), show, pdf, signPDF, sign))
	top := container.NewVBox(choose, m.which, m.keyRow(), m.progress, widget.NewSeparator())
	// The preview scrolls both ways inside the screen: a wide table must
	// never make the window wider than the screen.
	return m, container.NewBorder(top, nil, nil, nil, container.NewScroll(m.preview))
}

// keyRow shows the manager's signing key and offers to create or export it.
func (m *reportMaker) keyRow() fyne.CanvasObject {
	cat := m.shell.cat
	create := widget.NewButtonWithIcon(cat.T("rep.key_create"), theme.ContentAddIcon(), m.onCreateKey)
	export := widget.NewButtonWithIcon(cat.T("rep.key_export"), theme.DownloadIcon(), m.onExportKey)
	if !m.shell.me.Can(users.PermSign) {
		create.Disable()
		export.Disable()
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(create, export), m.keyInfo)
}

func (m *reportMaker) refreshKey() {
	cat := m.shell.cat
	if !m.shell.me.Can(users.PermSign) {
		m.keyInfo.SetText(cat.T("rep.key_managers"))
		return
	}
	k, err := m.svc.SigningKey(m.shell.me.Name)
	if err != nil {
		m.keyInfo.SetText(cat.T("rep.key_none"))
		return
	}
	m.keyInfo.SetText(cat.T("rep.key_info", k.KeyID, k.Fingerprint.SHA256))
}

func (m *reportMaker) request() (session.ReportRequest, error) {
	year, err := strconv.Atoi(strings.TrimSpace(m.year.Text))
	if err != nil || year < 2000 || year > 2100 {
		return session.ReportRequest{}, fmt.Errorf("%w: %q", session.ErrBadReportPeriod, m.year.Text)
	}
	req := session.ReportRequest{Kind: reportKinds()[m.kind.SelectedIndex()], Year: year}
	if req.Kind == session.ReportAssessment {
		i := m.which.SelectedIndex()
		if i < 0 {
			return req, fmt.Errorf("%w: %s", session.ErrNoSuchAssessment, m.shell.cat.T("rep.choose_assessment"))
		}
		req.AssessmentID = m.assessed[i].ID
	}
	return req, nil
}

// onPreview shows the report as the document model it will print: the
// header blocks, headings, paragraphs, lists and tables.
func (m *reportMaker) onPreview() {
	req, err := m.request()
	if err != nil {
		m.shell.showError(err)
		return
	}
	r, err := m.svc.ReportDocument(req)
	if err != nil {
		m.shell.showError(err)
		return
	}
	m.preview.Objects = previewDocument(r.Document)
	m.preview.Refresh()
}

// previewDocument lays a document out with Fyne widgets, close to the
// printed page: it is a preview for reading, the PDF is the document.
func previewDocument(d pdfdoc.Document) []fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	head := container.NewGridWithColumns(2,
		container.NewVBox(centered(d.Agency.Parent, fyne.TextStyle{}), centered(d.Agency.Issuer, bold), centered("Số: "+orEllipsis(d.Number)+"/"+d.Symbol, fyne.TextStyle{})),
		container.NewVBox(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold), centered("Độc lập - Tự do - Hạnh phúc", bold),
			centered(fmt.Sprintf("%s, ngày %02d tháng %02d năm %d", d.Place, d.Date.Day(), d.Date.Month(), d.Date.Year()), fyne.TextStyle{Italic: true})),
	)
	out := []fyne.CanvasObject{head, centered(d.Kind, bold), centered(d.Summary, bold)}
	for _, b := range d.Body {
		out = append(out, previewBlock(b))
	}
	if len(d.Recipients) > 0 {
		out = append(out, wrapLabel("Nơi nhận:\n- "+strings.Join(d.Recipients, "\n- ")))
	}
	out = append(out, container.NewGridWithColumns(2, widget.NewLabel(""),
		container.NewVBox(centered(strings.Join(d.Signature.Authority, "\n"), bold), centered(d.Signature.Position, bold), centered(d.Signature.Name, bold))))
	for i, a := range d.Appendices {
		label := "Phụ lục"
		if len(d.Appendices) > 1 {
			label = fmt.Sprintf("Phụ lục %d", i+1)
		}
		out = append(out, widget.NewSeparator(), centered(label, bold), centered(a.Title, bold))
		for _, b := range a.Body {
			out = append(out, previewBlock(b))
		}
	}
	return out
}

// orEllipsis is s, or "…" for a part left blank to fill in by hand.
func orEllipsis(s string) string {
	if s == "" {
		return "…"
	}
	return s
}

func centered(text string, style fyne.TextStyle) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, style)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func previewBlock(b pdfdoc.Block) fyne.CanvasObject {
	switch b := b.(type) {
	case pdfdoc.Heading:
		l := wrapLabel(b.Text)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	case pdfdoc.Paragraph:
		l := wrapLabel(b.Text)
		l.TextStyle = fyne.TextStyle{Bold: b.Bold, Italic: b.Italic}
		return l
	case pdfdoc.List:
		return wrapLabel("• " + strings.Join(b.Items, "\n• "))
	case pdfdoc.Table:
		return previewTable(b)
	case pdfdoc.BarChart:
		var bars []bar
		for _, x := range b.Bars {
			bars = append(bars, bar{label: x.Label, value: x.Percent, text: fmt.Sprintf("%.0f%%", x.Percent), color: complianceColor(x.Percent / 100)})
		}
		title := wrapLabel(b.Title)
		title.TextStyle = fyne.TextStyle{Bold: true}
		return container.NewVBox(title, barChart(bars, 100, nil))
	}
	return widget.NewSeparator()
}

func previewTable(t pdfdoc.Table) fyne.CanvasObject {
	grid := container.NewGridWithColumns(max(1, len(t.Columns)))
	for _, c := range t.Columns {
		l := wrapLabel(c.Title)
		l.TextStyle = fyne.TextStyle{Bold: true}
		grid.Add(l)
	}
	for i, row := range t.Rows {
		if i == 200 {
			break // a preview; the PDF has every row
		}
		for c := range t.Columns {
			cell := ""
			if c < len(row) {
				cell = row[c]
			}
			l := widget.NewLabel(cell)
			l.Wrapping = fyne.TextWrapWord
			grid.Add(l)
		}
	}
	return container.NewVBox(centered(t.Caption, fyne.TextStyle{Bold: true}), grid)
}

// onSavePDF renders the report to a file the user chooses.
func (m *reportMaker) onSavePDF() {
	req, err := m.request()
	if err != nil {
		m.shell.showError(err)
		return
	}
	m.shell.saveFile(m.pdfJob(req, nil))
}

// pdfJob renders the report req as PDF; with c, signed on the token with
// the vault's signature images.
func (m *reportMaker) pdfJob(req session.ReportRequest, c *tokenChoice) saveJob {
	cat, svc := m.shell.cat, m.svc
	return saveJob{
		title: cat.T("rep.save_pdf"), name: fmt.Sprintf("bao-cao-%s-%d.pdf", req.Kind, req.Year), exts: []string{".pdf"},
		write: func(_ context.Context, w io.Writer, _ string) error {
			if c != nil {
				images, err := svc.SignatureImages()
				if err != nil {
					return err
				}
				req.SignPDF = c.signer(images, m.shell.now)
			}
			_, err := svc.RenderReport(req, w)
			return err
		},
		done: func(path string) string { return cat.T("rep.saved", path) },
	}
}

// onSignPDF saves the chosen report as a PDF signed with the official's
// certificate on a token (any kind of report: annual, plan, assessment,
// incident forms…), after the token's details and PIN and the check of
// the certificate's name against the report's signer.
func (m *reportMaker) onSignPDF() {
	req, err := m.request()
	if err != nil {
		m.shell.showError(err)
		return
	}
	cat := m.shell.cat
	tf := m.newTokenForm()
	tf.use.SetChecked(true)
	tf.use.Hide()
	d := dialog.NewCustomConfirm(cat.T("rep.sign_pdf_title"), cat.T("rep.continue"), cat.T("reg.cancel"), tf.box, func(ok bool) {
		if !ok {
			return
		}
		c := tf.choice(m.shell.app.Preferences())
		m.confirmSigner(c, m.signerName(req), func() { m.shell.saveFile(m.pdfJob(req, c)) })
	}, m.shell.win)
	m.shell.showWide(d)
}

// askPassphrase asks for the manager's signing passphrase (twice when
// creating a key) and calls then with it.
func (m *reportMaker) askPassphrase(title string, confirm bool, then func([]byte)) {
	cat := m.shell.cat
	pass, again := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(cat.T("rep.signing_pass"), pass)}
	if confirm {
		items = append(items, widget.NewFormItem(cat.T("rep.signing_pass_again"), again))
	}
	hint := wrapLabel(cat.T("rep.signing_pass_hint"))
	items = append(items, widget.NewFormItem("", hint))
	m.shell.showWide(dialog.NewForm(plainTitle(title), cat.T("rep.continue"), cat.T("reg.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if confirm && pass.Text != again.Text {
			m.shell.showMessage(title, cat.T("rep.pass_mismatch"))
			return
		}
		then(secretBytes(pass))
	}, m.shell.win))
}

// onCreateKey creates the manager's key pair (minisign's key encryption
// takes a few seconds: off the UI thread).
func (m *reportMaker) onCreateKey() {
	m.askPassphrase(m.shell.cat.T("rep.key_create"), true, func(pass []byte) {
		m.background(func() error {
			_, err := m.svc.CreateSigningKey(pass)
			return err
		}, func() { m.refreshKey() })
	})
}

// onExportKey saves the public key (.pub) for registration with the
// receiving office.
func (m *reportMaker) onExportKey() {
	s := m.shell
	k, err := m.svc.SigningKey(s.me.Name)
	if err != nil {
		s.showError(err)
		return
	}
	text, err := k.PublicKey.MarshalText()
	if err != nil {
		s.showError(err)
		return
	}
	cat := s.cat
	s.saveFile(saveJob{
		title: cat.T("rep.key_export"), name: s.me.Name + ".pub", perm: publicKeyPerm,
		write: func(_ context.Context, w io.Writer, _ string) error {
			_, err := w.Write(text)
			return err
		},
		done: func(path string) string { return cat.T("rep.key_exported", path, k.Fingerprint.SHA256) },
	})
}

// onSign builds the signed annual bundle: the manager unlocks their key,
// may have the report PDF signed with their certificate on a token
// ("Ký số văn bản bằng chứng thư số"), chooses where to save, and the work
// runs off the UI thread.
func (m *reportMaker) onSign() {
	req, err := m.request()
	if err != nil {
		m.shell.showError(err)
		return
	}
	cat := m.shell.cat
	pass := widget.NewPasswordEntry()
	tf := m.newTokenForm()
	content := container.NewVBox(widget.NewForm(widget.NewFormItem(cat.T("rep.signing_pass"), pass)),
		wrapLabel(cat.T("rep.signing_pass_hint")), widget.NewSeparator(), tf.use, tf.box)
	d := dialog.NewCustomConfirm(plainTitle(cat.T("rep.sign")), cat.T("rep.continue"), cat.T("reg.cancel"), content, func(ok bool) {
		if !ok {
			return
		}
		p := secretBytes(pass)
		c := tf.choice(m.shell.app.Preferences())
		if c == nil {
			m.shell.saveFile(m.bundleJob(req.Year, p, nil))
			return
		}
		m.confirmSigner(c, m.signerName(req), func() { m.shell.saveFile(m.bundleJob(req.Year, p, c)) })
	}, m.shell.win)
	tf.toggled = func() { d.Resize(fyne.NewSize(m.shell.dialogWidth(), 1)) }
	m.shell.showWide(d)
}

// signerName is the name in the report's signature block.
func (m *reportMaker) signerName(req session.ReportRequest) string {
	r, err := m.svc.ReportDocument(req)
	if err != nil {
		return ""
	}
	return r.Document.Signature.Name
}

// bundleJob builds and signs the annual bundle of year with the signing
// passphrase pass; with c, the report PDF is first signed on the token.
func (m *reportMaker) bundleJob(year int, pass []byte, c *tokenChoice) saveJob {
	cat, svc := m.shell.cat, m.svc
	var info session.BundleInfo
	return saveJob{
		title: cat.T("rep.sign"), name: fmt.Sprintf("bo-bao-cao-nam-%d.zip", year),
		write: func(_ context.Context, w io.Writer, _ string) error {
			req := session.BundleRequest{Kind: "annual", Year: year, AppVersion: buildinfo.Version}
			if c != nil {
				images, err := svc.SignatureImages()
				if err != nil {
					return err
				}
				req.SignPDF = c.signer(images, m.shell.now)
			}
			var err error
			info, err = svc.BuildBundle(req, pass, publishedOnReturn{w})
			return err
		},
		done: func(path string) string { return cat.T("rep.signed", path, info.Files, info.KeyID, info.SHA256) },
	}
}

// background runs work off the UI thread with the progress bar, then done
// (or the error) on the UI thread.
func (m *reportMaker) background(work func() error, done func()) {
	m.working = true
	m.shell.withProgress(m.progress, work, done, func() { m.working = false })
}
