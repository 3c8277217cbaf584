package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/audit"
	"daumoi/data/packs"
	"daumoi/data/textnorm"
	"daumoi/data/users"
)

// historyService is what the history screen needs of the session.
type historyService interface {
	History(f audit.Filter) ([]audit.Entry, error)
	VerifyHistory() (audit.VerifyResult, error)
	ListUsers() ([]users.User, error)
	ActivePacks() ([]packs.Pack, error)
}

// historyScreen lists the audit trail with filters, checks its hash chain
// and exports it to CSV.
type historyScreen struct {
	shell   *Shell
	svc     historyService
	entries []audit.Entry
	words   *historyWords
	kinds   map[string]string // the entity select's labels → entity types

	actor, entity *widget.Select
	from, to      *widget.Entry
	fromErr       *widget.Label
	toErr         *widget.Label
	text          *widget.Entry
	list          *listTable[audit.Entry]
	count         *widget.Label
	verdict       *widget.Label
	all           string // the "any" choice of the selects
}

// errBadDate says a date field is not a date.
var errBadDate = errors.New("gui: not a date (YYYY-MM-DD or dd/mm/yyyy)")

// newHistoryScreen builds the History area.
func newHistoryScreen(s *Shell) fyne.CanvasObject {
	scr := &historyScreen{shell: s, svc: s.sess, all: s.cat.T("history.any")}
	s.historyScr = scr
	cat := s.cat
	if !s.me.Can(users.PermViewHistory) {
		msg := widget.NewLabel(cat.T("history.not_permitted"))
		msg.Wrapping = fyne.TextWrapWord
		return container.NewVBox(msg)
	}
	active, err := scr.svc.ActivePacks()
	if err != nil { // the texts then show the items' codes
		active = nil
	}
	scr.words = newHistoryWords(cat, active)
	scr.actor = newSelect(cat, scr.actorChoices(), func(string) { scr.apply() })
	scr.actor.SetSelected(scr.all)
	scr.entity = newSelect(cat, scr.entityChoices(), func(string) { scr.apply() })
	scr.entity.SetSelected(scr.all)
	scr.from = scr.dateEntry()
	scr.to = scr.dateEntry()
	scr.fromErr = dangerLabel()
	scr.toErr = dangerLabel()
	scr.text = widget.NewEntry()
	scr.text.SetPlaceHolder(cat.T("history.text.placeholder"))
	scr.text.OnChanged = func(string) { scr.apply() }
	scr.text.OnSubmitted = func(string) { scr.apply() }
	scr.count = widget.NewLabel("")
	scr.verdict = widget.NewLabel("")
	scr.verdict.Wrapping = fyne.TextWrapWord
	scr.verdict.Hide()
	scr.list = scr.makeList()

	verify := widget.NewButtonWithIcon(cat.T("history.verify"), theme.ConfirmIcon(), scr.onVerify)
	export := widget.NewButtonWithIcon(cat.T("history.export"), theme.DocumentSaveIcon(), scr.onExport)
	label := func(key string) *widget.Label { return widget.NewLabel(cat.T(key)) }
	filters := container.New(layoutFilterGrid{},
		label("history.user"), scr.actor, label("history.entity"), scr.entity,
		label("history.from"), container.NewBorder(nil, nil, nil, scr.fromErr, scr.from),
		label("history.to"), container.NewBorder(nil, nil, nil, scr.toErr, scr.to),
	)
	top := container.NewVBox(
		filters,
		container.NewBorder(nil, nil, label("history.text"), nil, scr.text),
		container.NewBorder(nil, nil, scr.count, container.NewHBox(verify, export)),
		scr.verdict,
	)
	scr.apply()
	return container.NewBorder(top, nil, nil, nil, scr.list.view)
}

// layoutFilterGrid lays out label/field pairs two per row, the fields
// taking the remaining width.
type layoutFilterGrid struct{}

// MinSize is two pairs wide and one row per two pairs high.
func (layoutFilterGrid) MinSize(objects []fyne.CanvasObject) fyne.Size {
	labelW, fieldW, rowH := layoutFilterColumns(objects)
	rows := (len(objects) + 3) / 4
	pad := theme.Padding()
	return fyne.NewSize(2*(labelW+fieldW)+3*pad, float32(rows)*rowH+float32(rows-1)*pad)
}

// Layout places the pairs.
func (layoutFilterGrid) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	labelW, _, rowH := layoutFilterColumns(objects)
	pad := theme.Padding()
	fieldW := (size.Width - 2*labelW - 3*pad) / 2
	for i := 0; i+1 < len(objects); i += 2 {
		pair, row := (i/2)%2, i/4
		x := float32(pair) * (labelW + fieldW + 2*pad)
		y := float32(row) * (rowH + pad)
		objects[i].Move(fyne.NewPos(x, y))
		objects[i].Resize(fyne.NewSize(labelW, rowH))
		objects[i+1].Move(fyne.NewPos(x+labelW+pad, y))
		objects[i+1].Resize(fyne.NewSize(fieldW, rowH))
	}
}

func layoutFilterColumns(objects []fyne.CanvasObject) (labelW, fieldW, rowH float32) {
	for i, o := range objects {
		m := o.MinSize()
		if i%2 == 0 {
			labelW = max(labelW, m.Width)
		} else {
			fieldW = max(fieldW, m.Width)
		}
		rowH = max(rowH, m.Height)
	}
	return labelW, fieldW, rowH
}

func (scr *historyScreen) dateEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(scr.shell.cat.T("history.date.placeholder"))
	e.OnChanged = func(string) { scr.apply() }
	return e
}

// actorChoices lists "any" and every user of the vault.
func (scr *historyScreen) actorChoices() []string {
	choices := []string{scr.all}
	list, err := scr.svc.ListUsers()
	if err != nil {
		return choices
	}
	for _, u := range list {
		choices = append(choices, u.Name)
	}
	return choices
}

// entityChoices lists "any" and every kind of object in the history, by
// its name.
func (scr *historyScreen) entityChoices() []string {
	scr.kinds = map[string]string{}
	all, err := scr.svc.History(audit.Filter{})
	if err != nil {
		return []string{scr.all}
	}
	var labels []string
	for _, e := range all {
		label := scr.words.entityKind(e.EntityType)
		if e.EntityType != "" && scr.kinds[label] == "" {
			scr.kinds[label] = e.EntityType
			labels = append(labels, label)
		}
	}
	slices.SortFunc(labels, func(a, b string) int { return strings.Compare(textnorm.Fold(a), textnorm.Fold(b)) })
	return append([]string{scr.all}, labels...)
}

// makeList is the entries' table; the number and the time sort as such.
func (scr *historyScreen) makeList() *listTable[audit.Entry] {
	cat := scr.shell.cat
	cols := []listColumn[audit.Entry]{
		{title: "#", width: 50, text: func(e audit.Entry) string { return fmt.Sprint(e.Seq) },
			key: func(e audit.Entry) string { return fmt.Sprintf("%020d", e.Seq) }},
		{title: cat.T("history.col.at"), width: 140, text: func(e audit.Entry) string { return vnTime(e.At) },
			key: func(e audit.Entry) string { return e.At.UTC().Format(time.RFC3339Nano) }},
		{title: cat.T("history.col.actor"), width: 140, text: scr.actorText},
		{title: cat.T("history.col.action"), width: 200, text: func(e audit.Entry) string { return scr.words.action(e.Action) }},
		{title: cat.T("history.col.entity"), width: 150, text: scr.words.entity},
		{title: cat.T("history.col.summary"), width: 520, text: func(e audit.Entry) string { return scr.words.summary(e.Summary) }},
	}
	return newListTable(cols, "", nil).withDetail()
}

// actorText names who wrote an entry.
func (scr *historyScreen) actorText(e audit.Entry) string {
	if e.Actor == "" { // written by the program itself, e.g. reported failed unlocks
		return scr.shell.cat.T("history.actor.system")
	}
	return e.Actor
}

// filter reads the filter fields; a bad date is shown next to its field.
func (scr *historyScreen) filter() (audit.Filter, bool) {
	f := audit.Filter{Text: entryText(scr.text)}
	if v := scr.actor.Selected; v != scr.all {
		f.Actor = v
	}
	if v := scr.entity.Selected; v != scr.all {
		f.EntityType = scr.kinds[v]
	}
	ok := true
	var err error
	if f.From, err = parseDay(scr.from.Text); err != nil {
		setNote(scr.fromErr, scr.shell.cat.T("history.date.invalid"))
		ok = false
	} else {
		setNote(scr.fromErr, "")
	}
	if f.To, err = parseDay(scr.to.Text); err != nil {
		setNote(scr.toErr, scr.shell.cat.T("history.date.invalid"))
		ok = false
	} else {
		setNote(scr.toErr, "")
	}
	return f, ok
}

// parseDay reads YYYY-MM-DD or dd/mm/yyyy; empty is the zero time (no
// bound).
func parseDay(s string) (time.Time, error) {
	s = strings.TrimSpace(textnorm.NFC(s))
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q", errBadDate, s)
}

// apply lists the entries matching the filter.
func (scr *historyScreen) apply() {
	if scr.list == nil || scr.actor == nil || scr.entity == nil || scr.from == nil || scr.to == nil {
		return
	}
	f, ok := scr.filter()
	if !ok {
		return
	}
	list, err := scr.svc.History(f)
	if err != nil {
		scr.shell.showError(err)
		return
	}
	scr.entries = list
	scr.count.SetText(scr.shell.cat.T("history.count", len(list)))
	scr.list.setRows(slices.Clone(list))
}

// onVerify checks the hash chain and says whether it is intact.
func (scr *historyScreen) onVerify() {
	cat := scr.shell.cat
	res, err := scr.svc.VerifyHistory()
	switch {
	case errors.Is(err, audit.ErrBroken):
		scr.verdict.Importance = widget.DangerImportance
		setNote(scr.verdict, cat.T("history.broken", res.BrokenAt, res.Reason))
	case err != nil:
		scr.shell.showError(err)
	default:
		scr.verdict.Importance = widget.SuccessImportance
		setNote(scr.verdict, cat.T("history.intact", res.Entries))
	}
}

// onExport asks where to save the listed entries as CSV.
func (scr *historyScreen) onExport() {
	scr.shell.saveFile(scr.exportJob())
}

// exportJob writes the listed entries as CSV.
func (scr *historyScreen) exportJob() saveJob {
	cat := scr.shell.cat
	header := []string{"#", cat.T("history.col.at"), cat.T("history.col.actor"), cat.T("history.col.action"),
		cat.T("history.col.entity_type"), cat.T("history.col.entity_id"), cat.T("history.col.summary"), cat.T("history.col.hash")}
	entries := scr.entries
	return saveJob{
		title: cat.T("history.export"), name: "lich-su-thay-doi.csv",
		write: func(_ context.Context, w io.Writer, _ string) error { return audit.WriteCSV(w, entries, header) },
		done:  func(path string) string { return cat.T("history.exported", len(entries), path) },
	}
}
