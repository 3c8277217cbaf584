package gui

import (
	"bytes"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/errtext"
	"daumoi/data/session"
	"daumoi/data/vault"
)

// offerRepair shows the repair button when the unlock failed because the
// journal's last records are damaged, and hides it otherwise.
func (scr *unlockScreen) offerRepair(err error) {
	if errors.Is(err, vault.ErrJournalDamaged) {
		scr.repair.Show()
	} else {
		scr.repair.Hide()
	}
}

// onRepair unlocks once more only to learn the repair plan (nothing is
// changed), shows it, and repairs after the person confirms exactly that.
func (scr *unlockScreen) onRepair() {
	if scr.working || scr.waiting {
		return
	}
	cred, ok := scr.credential()
	if !ok {
		return
	}
	scr.working = true
	scr.busy.Show()
	scr.busy.Start()
	// Unlocking may wipe the passphrase bytes it was given; the confirmed
	// attempt gets its own copy.
	again := cred
	again.Passphrase = bytes.Clone(cred.Passphrase)
	scr.shell.goBackground(func() {
		var plan *vault.RepairPlan
		scr.locked.SetRepair(func(p vault.RepairPlan) bool { plan = &p; return false })
		sess, err := scr.locked.Unlock(cred)
		scr.locked.SetRepair(nil)
		fyne.Do(func() {
			if plan == nil {
				scr.onResult(sess, err)
				return
			}
			scr.working = false
			scr.busy.Stop()
			scr.busy.Hide()
			scr.confirmRepair(again, *plan)
		})
	})
}

// confirmRepair asks the person, in their language, whether to drop what
// plan describes; yes unlocks dropping exactly that and nothing else.
func (scr *unlockScreen) confirmRepair(cred session.Credential, plan vault.RepairPlan) {
	cat := scr.shell.cat
	text := widget.NewLabel(errtext.RepairPlan(cat, plan))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(cat.T("unlock.repair_title"), cat.T("unlock.repair_confirm"), cat.T("dialog.cancel"), container.New(fixedWidth{width: 520}, text), func(yes bool) {
		scr.repairDialog = nil
		if !yes {
			clear(cred.Passphrase)
			return
		}
		scr.run(func() (*session.Session, error) {
			scr.locked.SetRepair(func(p vault.RepairPlan) bool { return sameRepair(p, plan) })
			defer scr.locked.SetRepair(nil)
			defer clear(cred.Passphrase)
			return scr.locked.Unlock(cred)
		}, false)
	}, scr.shell.win)
	scr.repairDialog = d
	showFitted(d)
}

// sameRepair reports whether p drops exactly what the person confirmed.
func sameRepair(p, confirmed vault.RepairPlan) bool {
	return p.Offset == confirmed.Offset && p.Bytes == confirmed.Bytes && p.FileSize == confirmed.FileSize && p.Records == confirmed.Records
}
