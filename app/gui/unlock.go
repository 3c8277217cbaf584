package gui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/data/session"
	"daumoi/data/vault"
)

// unlockScreen asks who is there and for their passphrase (or recovery
// code, or the secret remembered in the OS keyring).
type unlockScreen struct {
	shell  *Shell
	locked *session.Locked

	user         *widget.Select
	pass         *widget.Entry
	recovery     *widget.Entry
	remember     *widget.Check
	rememberWhy  *widget.Label
	submit       *widget.Button
	viaKeyring   *widget.Button
	switchMode   *widget.Button
	repair       *widget.Button  // shown when the journal's last records are damaged
	body         *fyne.Container // the form, laid out again when notes appear
	repairDialog dialog.Dialog
	message      *widget.Label
	countdown    *widget.Label
	busy         *widget.ProgressBarInfinite
	passItem     *fyne.Container
	codeItem     *fyne.Container

	useRecovery bool
	working     bool
	waiting     bool
}

// showUnlock opens the vault folder (locked) and shows the unlock screen,
// or why the vault cannot be opened.
func (s *Shell) showUnlock() {
	if s.locked == nil {
		l, err := session.OpenLocked(s.dir, s.now)
		if err != nil {
			s.showCannotOpen(err)
			return
		}
		s.locked = l
	}
	scr := newUnlockScreen(s, s.locked)
	s.unlock = scr
	s.setContent(s.lockedFrame(s.cat.T("unlock.title"), scr.build()))
	s.win.Canvas().Focus(scr.pass)
	scr.shell.goBackground(scr.checkKeyring)
}

// showCannotOpen says why the vault folder cannot be opened (in use by
// another program, damaged…) and offers to retry or to choose another
// folder.
func (s *Shell) showCannotOpen(err error) {
	msg := dangerLabel()
	setNote(msg, s.describe(err))
	folder := widget.NewLabel(s.cat.T("start.folder", s.dir))
	folder.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon(s.cat.T("unlock.retry"), theme.ViewRefreshIcon(), s.showStart)
	retry.Importance = widget.HighImportance
	other := widget.NewButtonWithIcon(s.cat.T("start.open"), theme.FolderOpenIcon(), s.onChooseExisting)
	s.setContent(s.lockedFrame(s.cat.T("unlock.cannot_open"), container.NewVBox(msg, folder, container.NewHBox(retry, other))))
}

func newUnlockScreen(s *Shell, l *session.Locked) *unlockScreen {
	scr := &unlockScreen{shell: s, locked: l}
	cat := s.cat
	scr.user = newSelect(cat, l.Users(), scr.onUserChanged)
	scr.pass = widget.NewPasswordEntry()
	scr.pass.OnSubmitted = func(string) { scr.onSubmit() }
	scr.recovery = widget.NewEntry()
	scr.recovery.SetPlaceHolder("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
	scr.recovery.TextStyle = fyne.TextStyle{Monospace: true}
	scr.recovery.OnSubmitted = func(string) { scr.onSubmit() }
	scr.remember = widget.NewCheck(cat.T("unlock.remember"), nil)
	scr.remember.Disable()
	scr.rememberWhy = widget.NewLabel(cat.T("unlock.keyring.checking"))
	scr.rememberWhy.Wrapping = fyne.TextWrapWord
	scr.rememberWhy.SizeName = theme.SizeNameCaptionText
	scr.submit = widget.NewButtonWithIcon(cat.T("unlock.submit"), theme.LoginIcon(), scr.onSubmit)
	scr.submit.Importance = widget.HighImportance
	scr.viaKeyring = widget.NewButtonWithIcon(cat.T("unlock.keyring"), theme.ConfirmIcon(), scr.onKeyringUnlock)
	scr.viaKeyring.Hide()
	scr.switchMode = widget.NewButton(cat.T("unlock.use_recovery"), scr.onSwitchMode)
	scr.repair = widget.NewButtonWithIcon(cat.T("unlock.repair"), theme.WarningIcon(), scr.onRepair)
	scr.repair.Hide()
	scr.message = dangerLabel()
	scr.countdown = widget.NewLabel("")
	scr.countdown.Hide()
	scr.busy = widget.NewProgressBarInfinite()
	scr.busy.Hide()
	if users := l.Users(); len(users) > 0 {
		scr.user.SetSelected(users[0])
	}
	return scr
}

func (scr *unlockScreen) build() fyne.CanvasObject {
	cat := scr.shell.cat
	label := func(key string) *widget.Label {
		return widget.NewLabelWithStyle(cat.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	scr.passItem = container.NewVBox(label("unlock.passphrase"), scr.pass, scr.remember, scr.rememberWhy)
	scr.codeItem = container.NewVBox(label("unlock.recovery_code"), scr.recovery, widget.NewLabel(cat.T("unlock.recovery_help")))
	scr.codeItem.Objects[2].(*widget.Label).Wrapping = fyne.TextWrapWord
	scr.codeItem.Hide()
	folder := widget.NewLabel(cat.T("start.folder", scr.shell.dir))
	folder.Wrapping = fyne.TextWrapWord
	folder.SizeName = theme.SizeNameCaptionText
	other := widget.NewButtonWithIcon(cat.T("start.open"), theme.FolderOpenIcon(), scr.shell.onChooseExisting)
	other.Importance = widget.LowImportance
	scr.body = container.NewVBox(
		label("unlock.user"), scr.user,
		scr.passItem, scr.codeItem,
		scr.message, scr.countdown, scr.busy,
		container.NewHBox(scr.submit, scr.viaKeyring, scr.switchMode),
		container.NewHBox(scr.repair),
		widget.NewSeparator(), folder, container.NewHBox(other),
	)
	return scr.body
}

// checkKeyring asks, off the UI thread (it may take the keyring's timeout),
// whether "remember on this computer" can work.
func (scr *unlockScreen) checkKeyring() {
	ok, reason := session.NewKeyring().Available()
	fyne.Do(func() {
		if ok {
			scr.remember.Enable()
			scr.rememberWhy.SetText(scr.shell.cat.T("unlock.keyring.ok"))
			return
		}
		scr.remember.Disable()
		scr.rememberWhy.SetText(scr.shell.cat.T("unlock.keyring.unavailable", errtext.KeyringReason(scr.shell.cat, reason)))
	})
}

// onUserChanged offers the one-click unlock when the user is remembered
// on this computer.
func (scr *unlockScreen) onUserChanged(user string) {
	if scr.viaKeyring == nil {
		return
	}
	if scr.locked.Remembered(user) && !scr.useRecovery {
		scr.viaKeyring.Show()
	} else {
		scr.viaKeyring.Hide()
	}
}

// onSwitchMode switches between the passphrase and the recovery code.
func (scr *unlockScreen) onSwitchMode() {
	cat := scr.shell.cat
	scr.useRecovery = !scr.useRecovery
	setNote(scr.message, "")
	if scr.useRecovery {
		scr.passItem.Hide()
		scr.codeItem.Show()
		scr.switchMode.SetText(cat.T("unlock.use_passphrase"))
		scr.shell.win.Canvas().Focus(scr.recovery)
	} else {
		scr.codeItem.Hide()
		scr.passItem.Show()
		scr.switchMode.SetText(cat.T("unlock.use_recovery"))
		scr.shell.win.Canvas().Focus(scr.pass)
	}
	scr.onUserChanged(scr.user.Selected)
}

// onSubmit unlocks with the passphrase or the recovery code.
func (scr *unlockScreen) onSubmit() {
	if scr.working || scr.waiting {
		return
	}
	cred, ok := scr.credential()
	if !ok {
		return
	}
	remember := scr.remember.Checked && !scr.useRecovery
	scr.run(func() (*session.Session, error) { return scr.locked.Unlock(cred) }, remember)
}

// credential is what the screen holds: the user with the passphrase or
// the recovery code; false (and a note) when no user is chosen.
func (scr *unlockScreen) credential() (session.Credential, bool) {
	user := scr.user.Selected
	if user == "" {
		setNote(scr.message, scr.shell.cat.T("unlock.choose_user"))
		return session.Credential{}, false
	}
	if scr.useRecovery {
		return session.Credential{User: user, RecoveryCode: strings.TrimSpace(scr.recovery.Text)}, true
	}
	return session.Credential{User: user, Passphrase: secretBytes(scr.pass)}, true
}

// onKeyringUnlock unlocks with the secret remembered in the OS keyring.
func (scr *unlockScreen) onKeyringUnlock() {
	if scr.working || scr.waiting {
		return
	}
	user := scr.user.Selected
	scr.run(func() (*session.Session, error) {
		return scr.locked.UnlockRemembered(session.NewKeyring(), user)
	}, false)
}

// run unlocks off the UI thread (the key derivation takes about half a
// second) and then enters the session or shows why not.
func (scr *unlockScreen) run(unlock func() (*session.Session, error), remember bool) {
	scr.working = true
	setNote(scr.message, "")
	scr.submit.Disable()
	scr.busy.Show()
	scr.busy.Start()
	scr.shell.goBackground(func() {
		sess, err := unlock()
		if err == nil && remember {
			if rerr := sess.Remember(session.NewKeyring()); rerr != nil {
				fyne.Do(func() { scr.shell.showError(rerr) })
			}
		}
		fyne.Do(func() { scr.onResult(sess, err) })
	})
}

func (scr *unlockScreen) onResult(sess *session.Session, err error) {
	defer func() { scr.working = false }()
	scr.busy.Stop()
	scr.busy.Hide()
	scr.submit.Enable()
	if err == nil {
		scr.pass.SetText("")
		scr.recovery.SetText("")
		scr.shell.enter(sess)
		return
	}
	setNote(scr.message, scr.describeFailure(err))
	// A wrong passphrase does not stay in memory or on screen for the next
	// try (the recovery code, long to type again, stays).
	scr.pass.SetText("")
	if !scr.useRecovery {
		scr.shell.win.Canvas().Focus(scr.pass)
	}
	scr.offerRepair(err)
	if scr.locked.RetryAfter() > 0 {
		scr.startCountdown()
	}
	// The note and the repair button change the layout; a wrapped label
	// knows its height only once it has its width, so twice.
	scr.body.Refresh()
	scr.message.Refresh()
	scr.body.Refresh()
}

// describeFailure explains a failed unlock.
func (scr *unlockScreen) describeFailure(err error) string {
	cat := scr.shell.cat
	switch {
	case errors.Is(err, vault.ErrWrongPassphrase):
		return cat.T("unlock.wrong_passphrase")
	case errors.Is(err, vault.ErrNoSuchSlot) && scr.useRecovery:
		return cat.T("err.wrong_recovery")
	}
	return scr.shell.describe(err)
}

// startCountdown disables the button while the service refuses attempts,
// showing the seconds left.
func (scr *unlockScreen) startCountdown() {
	scr.waiting = true
	scr.submit.Disable()
	scr.viaKeyring.Disable()
	scr.tick()
	scr.shell.goBackground(func() {
		for {
			time.Sleep(200 * time.Millisecond)
			done := make(chan bool, 1)
			fyne.Do(func() { done <- scr.tick() })
			if <-done {
				return
			}
		}
	})
}

// tick updates the countdown; it reports true when the wait is over.
func (scr *unlockScreen) tick() bool {
	left := scr.locked.RetryAfter()
	if left <= 0 {
		scr.waiting = false
		setNote(scr.countdown, "")
		scr.submit.Enable()
		scr.viaKeyring.Enable()
		return true
	}
	secs := int((left + time.Second - 1) / time.Second)
	setNote(scr.countdown, scr.shell.cat.T("unlock.wait", secs))
	return false
}
