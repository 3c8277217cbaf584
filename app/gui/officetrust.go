package gui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/users"
)

// trustButton opens the office's trusted certificate authorities: those
// whose certificates make a report's digital signature trusted.
func trustButton(s *Shell) *widget.Button {
	b := widget.NewButtonWithIcon(s.cat.T("office.trust.button"), theme.ConfirmIcon(), func() { showTrust(s) })
	if !s.me.Can(users.PermReceive) {
		b.Disable()
	}
	return b
}

// showTrust shows the trusted authorities with buttons to choose a file
// of root certificates and to remove them.
func showTrust(s *Shell) {
	cat := s.cat
	text := wrapLabel(trustText(s))
	choose := widget.NewButtonWithIcon(cat.T("office.intake.pick_file"), theme.FileIcon(), func() {
		s.chooseFile(func(path string) {
			b, err := os.ReadFile(path)
			if err == nil {
				err = s.sess.SetTrustedRoots(b)
			}
			if err != nil {
				s.showError(err)
				return
			}
			text.SetText(trustText(s))
		})
	})
	remove := widget.NewButtonWithIcon(cat.T("office.trust.remove"), theme.DeleteIcon(), func() {
		if err := s.sess.SetTrustedRoots(nil); err != nil {
			s.showError(err)
			return
		}
		text.SetText(trustText(s))
	})
	body := container.NewVBox(text, container.NewHBox(choose, remove))
	d := dialog.NewCustom(cat.T("office.trust.title"), cat.T("reg.close"), container.New(fixedWidth{width: s.dialogWidth()}, body), s.win)
	showFitted(d)
}

// trustText names the trusted authorities, or says there are none.
func trustText(s *Shell) string {
	roots, err := s.sess.TrustedRoots()
	if err != nil {
		return s.describe(err)
	}
	if len(roots) == 0 {
		return s.cat.T("office.trust.none")
	}
	var names []string
	for _, c := range roots {
		names = append(names, c.Subject.CommonName+" ("+c.NotAfter.Format(dayLayout)+")")
	}
	return s.cat.T("office.trust.set", strings.Join(names, "; "))
}
