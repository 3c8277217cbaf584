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
	"daumoi/assets/i18n"
	"daumoi/data/obligations"
	"daumoi/data/session"
	"daumoi/data/users"
)

// areaProvinceReports is the office's provincial reports (Nghị định 30).
const areaProvinceReports = "province_reports"

// provinceReportScreen makes the province's reports: the annual
// consolidated report to the People's Committee and the monthly situation
// report. The officer chooses the report and its period, writes the free
// parts (number, recommendations), previews it, saves it as PDF, and the
// office head signs and exports its bundle.
type provinceReportScreen struct {
	shell           *Shell
	kind            *widget.Select
	year, month     *widget.Entry
	number          *widget.Entry
	recommendations *widget.Entry
	preview         *fyne.Container
	progress        *widget.ProgressBarInfinite
	sign            *widget.Button
	// due lists the office's own reporting obligations (the annual and
	// monthly reports of the packs), met when the head builds a bundle.
	due *widget.Label
}

// summaryKinds are the reports offered, in menu order.
func summaryKinds() []session.SummaryKind {
	return []session.SummaryKind{session.SummaryAnnual, session.SummaryMonthly}
}

// newProvinceReportScreen builds the screen.
func newProvinceReportScreen(s *Shell) fyne.CanvasObject {
	_, content := buildProvinceReportScreen(s)
	return content
}

func buildProvinceReportScreen(s *Shell) (*provinceReportScreen, fyne.CanvasObject) {
	cat := s.cat
	p := &provinceReportScreen{shell: s, preview: container.NewVBox(), progress: widget.NewProgressBarInfinite()}
	var kinds []string
	for _, k := range summaryKinds() {
		kinds = append(kinds, cat.T("prov.kind."+string(k)))
	}
	now := s.now()
	prev := now.AddDate(0, 0, -now.Day())
	p.year, p.month, p.number = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	p.year.SetText(strconv.Itoa(now.Year()))
	p.month.SetText(strconv.Itoa(int(prev.Month())))
	p.number.SetPlaceHolder(cat.T("prov.number_hint"))
	p.kind = newSelect(cat, kinds, func(string) { p.onKind(prev.Year(), now.Year()) })
	p.kind.SetSelectedIndex(0)
	p.recommendations = widget.NewMultiLineEntry()
	p.recommendations.Wrapping = fyne.TextWrapWord
	p.recommendations.SetMinRowsVisible(3)
	p.recommendations.SetPlaceHolder(cat.T("prov.recommendations_hint"))
	show := widget.NewButtonWithIcon(cat.T("rep.preview"), theme.VisibilityIcon(), p.onPreview)
	pdf := widget.NewButtonWithIcon(cat.T("rep.save_pdf"), theme.DocumentSaveIcon(), p.onSavePDF)
	signPDF := widget.NewButtonWithIcon(cat.T("rep.sign_pdf"), theme.DocumentCreateIcon(), p.onSignPDF)
	p.sign = widget.NewButtonWithIcon(cat.T("prov.sign"), theme.ConfirmIcon(), p.onSign)
	p.sign.Importance = widget.HighImportance
	note := wrapLabel(cat.T("prov.sign_note"))
	if !s.me.Can(users.PermOfficeSign) {
		p.sign.Disable()
		note.SetText(cat.T("prov.sign_heads_only"))
	}
	identity := widget.NewButtonWithIcon(cat.T("prov.identity"), theme.SettingsIcon(), func() { s.editOfficeIdentity(p.onPreview) })
	if !s.me.Can(users.PermEditProfile) {
		identity.Disable()
	}
	p.progress.Hide()
	p.due = wrapLabel("")
	p.loadDue()
	row := container.NewHBox(widget.NewLabel(cat.T("prov.kind")), container.New(fixedWidth{width: 440}, p.kind),
		widget.NewLabel(cat.T("rep.year")), container.New(fixedWidth{width: 80}, p.year),
		widget.NewLabel(cat.T("prov.month")), container.New(fixedWidth{width: 60}, p.month),
		widget.NewLabel(cat.T("prov.number")), container.New(fixedWidth{width: 90}, p.number))
	form := container.NewBorder(nil, nil, widget.NewLabel(cat.T("prov.recommendations")), nil, p.recommendations)
	top := container.NewVBox(p.due, row, form, container.NewBorder(nil, nil, nil, container.NewHBox(identity, show, pdf, signPDF, p.sign), note), p.progress, widget.NewSeparator())
	return p, container.NewBorder(top, nil, nil, nil, container.NewScroll(p.preview))
}

// onKind shows the month only for the monthly report, and suggests the
// year of the period (the month before today for the monthly report).
func (p *provinceReportScreen) onKind(monthYear, year int) {
	if p.kindChosen() == session.SummaryMonthly {
		p.month.Enable()
		p.year.SetText(strconv.Itoa(monthYear))
		return
	}
	p.month.Disable()
	p.year.SetText(strconv.Itoa(year))
}

// kindChosen is the report chosen.
func (p *provinceReportScreen) kindChosen() session.SummaryKind {
	if i := p.kind.SelectedIndex(); i >= 0 {
		return summaryKinds()[i]
	}
	return session.SummaryAnnual
}

// request is the report the screen describes, on today's date.
func (p *provinceReportScreen) request() (session.SummaryRequest, error) {
	req := session.SummaryRequest{Kind: p.kindChosen(), Today: p.shell.now(), Number: p.number.Text,
		Recommendations: p.recommendations.Text, AppVersion: buildinfo.Version}
	var err error
	if req.Year, err = strconv.Atoi(strings.TrimSpace(p.year.Text)); err != nil {
		return req, fmt.Errorf("%w: %q", session.ErrBadSummaryPeriod, p.year.Text)
	}
	if req.Kind == session.SummaryMonthly {
		if req.Month, err = strconv.Atoi(strings.TrimSpace(p.month.Text)); err != nil {
			return req, fmt.Errorf("%w: %q", session.ErrBadSummaryPeriod, p.month.Text)
		}
	}
	return req, nil
}

// onPreview builds the report off the UI thread and shows it as the
// document it will print.
func (p *provinceReportScreen) onPreview() {
	req, err := p.request()
	if err != nil {
		p.shell.showError(err)
		return
	}
	svc := p.shell.sess
	var sum session.ProvinceSummary
	p.background(func() error {
		sum, err = svc.ProvinceSummary(req)
		return err
	}, func() {
		p.preview.Objects = previewDocument(sum.Document)
		p.preview.Refresh()
	})
}

// onSavePDF renders the report to a file the user chooses.
func (p *provinceReportScreen) onSavePDF() {
	req, err := p.request()
	if err != nil {
		p.shell.showError(err)
		return
	}
	p.shell.saveFile(p.pdfJob(req, nil))
}

// onSignPDF saves the report as a PDF signed with the head's certificate
// on a token (Nghị định 30's appearance), after the token's details and
// PIN and the check of the certificate's name against the signer.
func (p *provinceReportScreen) onSignPDF() {
	req, err := p.request()
	if err != nil {
		p.shell.showError(err)
		return
	}
	u := signingUI{shell: p.shell, background: p.background}
	cat := p.shell.cat
	tf := u.newTokenForm()
	tf.use.SetChecked(true)
	tf.use.Hide()
	d := dialog.NewCustomConfirm(cat.T("rep.sign_pdf_title"), cat.T("rep.continue"), cat.T("reg.cancel"), tf.box, func(ok bool) {
		if !ok {
			return
		}
		c := tf.choice(p.shell.app.Preferences())
		signer := ""
		if sum, err := p.shell.sess.ProvinceSummary(req); err == nil {
			signer = sum.Document.Signature.Name
		}
		u.confirmSigner(c, signer, func() { p.shell.saveFile(p.pdfJob(req, c)) })
	}, p.shell.win)
	p.shell.showWide(d)
}

// pdfJob renders the report req as PDF; with c, signed on the token with
// the vault's signature images.
func (p *provinceReportScreen) pdfJob(req session.SummaryRequest, c *tokenChoice) saveJob {
	cat, svc := p.shell.cat, p.shell.sess
	return saveJob{
		title: cat.T("rep.save_pdf"), name: summaryFileName(req, ".pdf"), exts: []string{".pdf"},
		write: func(_ context.Context, w io.Writer, _ string) error {
			if c != nil {
				images, err := svc.SignatureImages()
				if err != nil {
					return err
				}
				req.SignPDF = c.signer(images, p.shell.now)
			}
			_, err := svc.RenderProvinceSummary(req, w)
			return err
		},
		done: func(path string) string { return cat.T("rep.saved", path) },
	}
}

// onSign has the head unlock the signing key, then builds, signs and
// saves the report's bundle off the UI thread.
func (p *provinceReportScreen) onSign() {
	req, err := p.request()
	if err != nil {
		p.shell.showError(err)
		return
	}
	p.shell.askSigningPassphrase(p.shell.cat.T("prov.sign"), false, func(pass []byte) {
		p.shell.saveFile(p.bundleJob(req, pass))
	})
}

// bundleJob builds and signs the bundle of req with the head's signing
// passphrase pass.
func (p *provinceReportScreen) bundleJob(req session.SummaryRequest, pass []byte) saveJob {
	cat, svc := p.shell.cat, p.shell.sess
	var info session.BundleInfo
	return saveJob{
		title: cat.T("prov.sign"), name: summaryFileName(req, ".zip"),
		write: func(_ context.Context, w io.Writer, _ string) error {
			var err error
			info, err = svc.BuildProvinceBundle(req, pass, publishedOnReturn{w})
			return err
		},
		done: func(path string) string {
			p.loadDue()
			return cat.T("rep.signed", path, info.Files, info.KeyID, info.SHA256)
		},
	}
}

// loadDue shows the office's reporting obligations on today, read off the
// UI thread: each one's title, due date and status (and when it was met).
func (p *provinceReportScreen) loadDue() {
	s := p.shell
	svc, today := s.sess, s.now()
	s.goBackground(func() {
		list, err := svc.Obligations(today)
		fyne.Do(func() {
			if err != nil {
				s.showError(err)
				return
			}
			p.due.SetText(officeDueText(s.cat, list))
		})
	})
}

// officeDueText is the office's obligations as lines of text.
func officeDueText(cat *i18n.Catalog, list []obligations.Obligation) string {
	if len(list) == 0 {
		return cat.T("office.prov.due_none")
	}
	lines := []string{cat.T("office.prov.due_title")}
	for _, o := range list {
		if o.Status == obligations.StatusNotApplicable {
			continue
		}
		status := obligationStatusText(cat, o)
		if o.SatisfiedBy != nil {
			status = cat.T("office.prov.due_done", dayText(o.SatisfiedBy.At))
			if o.Late {
				status = cat.T("office.prov.due_done_late", dayText(o.SatisfiedBy.At))
			}
		}
		lines = append(lines, cat.T("office.prov.due_line", localTitle(cat, o.TitleVI, o.TitleEN), dayText(o.Due), status))
	}
	return strings.Join(lines, "\n")
}

// summaryFileName is the name offered for the report's file.
func summaryFileName(req session.SummaryRequest, ext string) string {
	if req.Kind == session.SummaryMonthly {
		return fmt.Sprintf("bao-cao-tinh-thang-%02d-%d%s", req.Month, req.Year, ext)
	}
	return fmt.Sprintf("bao-cao-tong-hop-tinh-%d%s", req.Year, ext)
}

// background runs work off the UI thread with the progress bar, then done
// (or the error) on the UI thread.
func (p *provinceReportScreen) background(work func() error, done func()) {
	p.shell.withProgress(p.progress, work, done, nil)
}

// withProgress runs work off the UI thread while bar turns, then on the
// UI thread settle (if any, whatever the outcome) and done, or shows the
// error.
func (s *Shell) withProgress(bar *widget.ProgressBarInfinite, work func() error, done, settle func()) {
	bar.Show()
	bar.Start()
	s.goBackground(func() {
		err := work()
		fyne.Do(func() {
			bar.Stop()
			bar.Hide()
			if settle != nil {
				settle()
			}
			if err != nil {
				s.showError(err)
				return
			}
			done()
		})
	})
}
