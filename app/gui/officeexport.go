package gui

import (
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/incidents"
	"daumoi/data/office"
)

// exportChoice is what "Xuất bảng…" writes: which table, in which format.
type exportChoice struct {
	byItem  bool
	byGroup bool   // by directive item as a whole
	format  string // ".xlsx", ".csv", ".json"
}

// onExport asks which consolidated table to export (the agencies shown,
// or the roll-up by requirement over them) and in which format, then
// where to save it.
func (scr *provinceScreen) onExport() {
	s := scr.shell
	cat := s.cat
	tables := []string{cat.T("office.export.table_status"), cat.T("office.items.table_groups"), cat.T("office.export.table_items")}
	formats := []string{".xlsx", ".csv", ".json"}
	table := widget.NewRadioGroup(tables, nil)
	table.SetSelected(tables[0])
	format := widget.NewRadioGroup([]string{cat.T("office.export.format_xlsx"), cat.T("office.export.format_csv"), cat.T("office.export.format_json")}, nil)
	format.SetSelected(format.Options[0])
	items := []*widget.FormItem{widget.NewFormItem(cat.T("office.export.table"), table), widget.NewFormItem(cat.T("office.export.format"), format)}
	d := dialog.NewForm(cat.T("office.export.title"), cat.T("office.export.next"), cat.T("reg.close"), items, func(ok bool) {
		if !ok {
			return
		}
		ch := exportChoice{byGroup: table.Selected == tables[1], byItem: table.Selected == tables[2], format: formats[max(0, indexOf(format.Options, format.Selected))]}
		s.saveFile(scr.exportJob(ch))
	}, s.win)
	s.showWide(d)
}

// indexOf is the index of v in list, -1 when absent.
func indexOf(list []string, v string) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// exportJob is the save job of a table as shown now (filters applied).
func (scr *provinceScreen) exportJob(ch exportChoice) saveJob {
	cat := scr.shell.cat
	year := scr.year.Selected
	rows, items, trend := append([]office.AgencyStatus(nil), scr.rows...), scr.items.requirements(), scr.items.trend
	name, tb, sheet := "tinh-hinh-bao-cao-"+year, office.StatusTable(rows, cat.T), cat.T("office.export.sheet_status")
	doc := office.StatusDocument{Schema: office.StatusSchema, Deadline: scr.deadline.Format(time.DateOnly),
		Today: scr.shell.now().In(incidents.Zone()).Format(time.DateOnly), Agencies: rows}
	doc.Year, _ = strconv.Atoi(year)
	switch {
	case ch.byItem:
		name, tb, sheet = "theo-noi-dung-"+year, office.ItemsTrendTable(items, trend), cat.T("office.export.sheet_items")
		doc.Agencies, doc.Items, doc.Trend = nil, items, &trend
	case ch.byGroup:
		groups := office.Groups(items)
		name, tb, sheet = "theo-muc-chi-thi-"+year, office.GroupsTrendTable(groups, trend), cat.T("office.items.sheet_groups")
		doc.Agencies, doc.Groups, doc.Trend = nil, groups, &trend
	}
	header := tb.Header("office.export.col.", cat.T)
	return saveJob{
		title: cat.T("office.export.title"), name: name + ch.format, exts: []string{ch.format}, perm: exportPerm,
		write: func(_ context.Context, w io.Writer, _ string) error {
			switch ch.format {
			case ".csv":
				return tb.WriteCSV(w, header)
			case ".json":
				return doc.WriteJSON(w)
			}
			return tb.WriteXLSX(w, sheet, header)
		},
		done: func(path string) string { return cat.T("office.export.done", len(tb.Rows), filepath.Base(path)) },
	}
}

// onRemind lists the agencies to remind (not reported, the deadline at
// most 7 days away or past) with their contacts, each with its e-mail to
// copy, and all their addresses to copy at once.
func (scr *provinceScreen) onRemind() {
	s := scr.shell
	cat := s.cat
	year, err := strconv.Atoi(scr.year.Selected)
	if err != nil {
		return
	}
	list, deadline, err := s.sess.ProvinceReminders(year, s.now(), office.DefaultRemindWithin)
	if err != nil {
		s.showError(err)
		return
	}
	if len(list) == 0 {
		s.showMessage(cat.T("office.remind.title"), cat.T("office.remind.none", deadline.Format(dayLayout), office.DefaultRemindWithin))
		return
	}
	box := container.NewVBox()
	intro := widget.NewLabel(cat.T("office.remind.intro", len(list), deadline.Format(dayLayout)))
	intro.Wrapping = fyne.TextWrapWord
	box.Add(intro)
	var emails []string
	for _, m := range list {
		box.Add(scr.reminderRow(m))
		if e := m.Status.Agency.ContactEmail; e != "" {
			emails = append(emails, e)
		}
	}
	all := widget.NewButtonWithIcon(cat.T("office.remind.copy_addresses"), theme.ContentCopyIcon(), func() {
		s.app.Clipboard().SetContent(strings.Join(emails, "; "))
		s.showMessage(cat.T("office.remind.title"), cat.T("office.remind.addresses_copied", len(emails)))
	})
	if len(emails) == 0 {
		all.Disable()
	}
	d := dialog.NewCustom(cat.T("office.remind.title"), cat.T("reg.close"), container.NewBorder(nil, all, nil, nil, container.NewVScroll(box)), s.win)
	d.Show()
	d.Resize(fyne.NewSize(s.dialogWidth()+160, min(600, s.win.Canvas().Size().Height-80)))
}

// reminderRow is one agency to remind: name, state, contacts, and its
// e-mail's copy button.
func (scr *provinceScreen) reminderRow(m office.Reminder) fyne.CanvasObject {
	s := scr.shell
	cat := s.cat
	a := m.Status.Agency
	when := cat.T("office.remind.days_left", m.DaysLeft)
	if m.Overdue() {
		when = cat.T("office.remind.overdue", -m.DaysLeft)
	}
	contact := strings.Join(nonEmptyTexts(a.ContactName, a.ContactPhone, a.ContactEmail), ", ")
	if contact == "" {
		contact = cat.T("office.province.no_contact")
	}
	name := widget.NewLabelWithStyle(a.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	detail := widget.NewLabel(scr.stateText(m.Status.State) + " · " + when + "\n" + contact)
	detail.Wrapping = fyne.TextWrapWord
	mail := widget.NewButtonWithIcon(cat.T("office.remind.copy_email"), theme.ContentCopyIcon(), func() {
		s.app.Clipboard().SetContent(m.Subject + "\n\n" + m.Body)
		s.showMessage(cat.T("office.remind.copy_email"), cat.T("office.remind.copied", a.Name))
	})
	return container.NewBorder(nil, nil, nil, container.NewVBox(mail), container.NewVBox(name, detail))
}
