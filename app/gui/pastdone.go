package gui

import (
	"errors"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/obligations"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// pastDoneService is what the "already done" lists need of the session.
type pastDoneService interface {
	Obligations(today time.Time) ([]obligations.Obligation, error)
	ObligationKinds(packID, ruleID string) ([]string, error)
	RecordActivity(a session.Activity) (session.Activity, error)
}

// doneRow is one obligation already due on an "already done" list: a
// tick and the date it was done.
type doneRow struct {
	o    obligations.Obligation
	kind string
	done *widget.Check
	date *widget.Entry
}

// errPastDoneDate means a ticked row has no valid date; the row is focused
// and the list's message says what to write.
var errPastDoneDate = errors.New("gui: a ticked obligation has no valid date")

// pastDoneRows fills box with a row per obligation of systemID ("" for the
// agency-wide ones) overdue or due today that an activity meets, so that a
// new vault, or a new system, starts with what was already done instead of
// years overdue. The error is the obligations' (the rows built stand).
func pastDoneRows(s *Shell, svc pastDoneService, systemID string, box *fyne.Container) ([]*doneRow, error) {
	cat := s.cat
	box.Objects = nil
	list, err := svc.Obligations(s.now())
	var rows []*doneRow
	for _, o := range list {
		if o.SystemID != systemID || (o.Status != obligations.StatusOverdue && o.Status != obligations.StatusDue) {
			continue
		}
		kinds, kerr := svc.ObligationKinds(o.PackID, o.RuleID)
		if kerr != nil || len(kinds) == 0 {
			continue
		}
		r := newDoneRow(s, o, kinds[0])
		rows = append(rows, r)
		text := wrapLabel(cat.T("wizard.done.item", localTitle(cat, o.TitleVI, o.TitleEN), dayText(o.Due)))
		box.Add(container.NewBorder(nil, nil, container.NewVBox(r.done), container.NewVBox(container.New(fixedWidth{width: 140}, r.date)), text))
	}
	if len(rows) == 0 {
		box.Add(widget.NewLabel(cat.T("wizard.done.none")))
	}
	box.Refresh()
	return rows, err
}

// newDoneRow is the tick and the date entry of one obligation; the date is
// enabled, and focused, when the tick is set.
func newDoneRow(s *Shell, o obligations.Obligation, kind string) *doneRow {
	r := &doneRow{o: o, kind: kind, date: widget.NewEntry()}
	r.date.SetPlaceHolder("dd/mm/yyyy")
	r.date.Validator = dateValidator(s)
	r.date.Disable()
	r.done = widget.NewCheck("", func(on bool) {
		if on {
			r.date.Enable()
			s.win.Canvas().Focus(r.date)
		} else {
			r.date.Disable()
		}
	})
	return r
}

// recordPastDone records, for every ticked row, the activity its rule
// counts on the date given, with note. A ticked row without a valid date
// stops before anything is recorded: it is returned with errPastDoneDate.
func recordPastDone(svc pastDoneService, rows []*doneRow, note string) (*doneRow, error) {
	dates := make([]string, len(rows))
	for i, r := range rows {
		if !r.done.Checked {
			continue
		}
		date, err := registers.NormalizeDate(r.date.Text)
		if err != nil || date == "" {
			return r, errPastDoneDate
		}
		dates[i] = date
	}
	for i, r := range rows {
		if !r.done.Checked {
			continue
		}
		a := session.Activity{Kind: r.kind, Date: dates[i], Note: note}
		if r.o.SystemID != "" {
			a.SystemID, _ = strconv.ParseInt(r.o.SystemID, 10, 64)
		}
		if _, err := svc.RecordActivity(a); err != nil {
			return r, err
		}
	}
	return nil, nil
}

// askSystemPastDone, after a new system is added, asks what was already
// done for it (response plan issued, level approved, last scan…): the
// system-wide obligations it is born overdue with, each with a tick and a
// date. Nothing is asked when none is due; done runs after the dialog.
func (s *Shell) askSystemPastDone(sys registers.System, done func()) {
	cat := s.cat
	box := container.NewVBox()
	rows, err := pastDoneRows(s, s.sess, strconv.FormatInt(sys.ID, 10), box)
	if err != nil || len(rows) == 0 {
		done()
		return
	}
	intro := wrapLabel(cat.T("sys.past_done.intro", sys.Name))
	message := dangerLabel()
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(0, 300))
	var d dialog.Dialog
	save := widget.NewButton(cat.T("sys.past_done.save"), func() {
		r, err := recordPastDone(s.sess, rows, cat.T("sys.past_done.note"))
		switch {
		case errors.Is(err, errPastDoneDate):
			setNote(message, cat.T("wizard.done.date_required"))
			s.win.Canvas().Focus(r.date)
		case err != nil:
			setNote(message, s.describe(err))
		default:
			d.Hide()
			done()
		}
	})
	save.Importance = widget.HighImportance
	later := widget.NewButton(cat.T("sys.past_done.later"), func() { d.Hide(); done() })
	body := container.NewBorder(intro, container.NewVBox(message, container.NewHBox(layout.NewSpacer(), later, save)), nil, nil, scroll)
	d = dialog.NewCustomWithoutButtons(cat.T("sys.past_done.title"), body, s.win)
	s.showWide(d)
}
