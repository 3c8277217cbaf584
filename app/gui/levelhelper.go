package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
)

// levelService is what the level helper needs of the session.
type levelService interface {
	ActivePacks() ([]packs.Pack, error)
	SuggestLevel(systemID int64, answers map[string]string) (session.LevelSuggestion, error)
	AcceptLevelSuggestion(systemID int64, sug session.LevelSuggestion) (registers.System, error)
}

// levelQuestion is one criterion's question with its choice.
type levelQuestion struct {
	criterion packs.Criterion
	choice    *widget.Select
}

// showLevelHelper asks the active packs' level criteria about a system,
// suggests a level with its reasons and, on the user's word, writes them
// into the system's proposed level and justification. done gets the
// system as stored.
func showLevelHelper(s *Shell, svc levelService, sys registers.System, done func(registers.System)) {
	cat := s.cat
	active, err := svc.ActivePacks()
	if err != nil {
		s.showError(err)
		return
	}
	var qs []levelQuestion
	form := widget.NewForm()
	for _, p := range active {
		for _, c := range p.LevelCriteria {
			var opts []string
			for _, o := range c.Options {
				opts = append(opts, o.TextVI)
			}
			q := levelQuestion{criterion: c, choice: newSelect(cat, opts, nil)}
			qs = append(qs, q)
			label := widget.NewLabel(c.QuestionVI)
			label.Wrapping = fyne.TextWrapWord
			form.Append("", container.NewVBox(label, q.choice))
		}
	}
	if len(qs) == 0 {
		s.showMessage(cat.T("lvl.title"), cat.T("lvl.no_criteria"))
		return
	}
	result := widget.NewLabel(cat.T("lvl.hint"))
	result.Wrapping = fyne.TextWrapWord
	var sug session.LevelSuggestion
	var dlg dialog.Dialog
	compute := widget.NewButton(cat.T("lvl.compute"), func() {
		answers := map[string]string{}
		for _, q := range qs {
			if i := q.choice.SelectedIndex(); i >= 0 {
				answers[q.criterion.ID] = q.criterion.Options[i].ID
			}
		}
		var err error
		if sug, err = svc.SuggestLevel(sys.ID, answers); err != nil {
			s.showError(err)
			return
		}
		result.SetText(describeSuggestion(s, sug))
	})
	accept := widget.NewButton(cat.T("lvl.accept"), func() {
		if sug.Level == 0 {
			result.SetText(cat.T("lvl.nothing"))
			return
		}
		saved, err := svc.AcceptLevelSuggestion(sys.ID, sug)
		if err != nil {
			s.showError(err)
			return
		}
		dlg.Hide()
		done(saved)
	})
	accept.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewVBox(result, container.NewHBox(compute, accept)), nil, nil, container.NewVScroll(form))
	dlg = dialog.NewCustom(cat.T("lvl.title")+" — "+sys.Name, cat.T("reg.close"), body, s.win)
	dlg.Resize(fyne.NewSize(760, 600))
	dlg.Show()
}

func describeSuggestion(s *Shell, sug session.LevelSuggestion) string {
	cat := s.cat
	if sug.OutOfScope {
		return cat.T("lvl.out_of_scope")
	}
	if sug.Level == 0 {
		return cat.T("lvl.nothing")
	}
	lines := []string{cat.T("lvl.suggested", sug.Level)}
	for _, r := range sug.Reasons {
		lines = append(lines, "• "+r.Text())
	}
	return strings.Join(lines, "\n")
}
