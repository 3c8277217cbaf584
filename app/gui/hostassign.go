package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/textnorm"
)

// maxAssetMatches caps the assets listed while searching for the asset a
// scanned host is.
const maxAssetMatches = 200

// onUnmatchedHosts lists the scanned hosts whose findings matched no asset;
// choosing one gives its findings to an asset of the register.
func (a *activitiesArea) onUnmatchedHosts(changed func()) {
	s := a.shell
	cat := s.cat
	hosts, err := a.svc.ListUnmatchedHosts(0)
	if err != nil {
		s.showError(err)
		return
	}
	if len(hosts) == 0 {
		s.showMessage(cat.T("act.unmatched_title"), cat.T("act.unmatched_none"))
		return
	}
	var d *dialog.CustomDialog
	list := newListTable([]listColumn[session.UnmatchedHost]{
		{title: cat.T("act.col.host"), width: 150, text: func(h session.UnmatchedHost) string { return h.Host }},
		{title: cat.T("col.hostname"), width: 150, text: func(h session.UnmatchedHost) string { return h.Hostname }},
		{title: cat.T("inc.col.system"), width: 220, text: func(h session.UnmatchedHost) string { return a.systemName(h.SystemID) }},
		{title: cat.T("col.open_findings"), width: 90, text: func(h session.UnmatchedHost) string { return fmt.Sprint(h.Open) }},
		{title: cat.T("col.last_seen"), width: 110, text: func(h session.UnmatchedHost) string { return h.LastSeen }},
	}, "", func(h session.UnmatchedHost) {
		a.assignHostDialog(h, func() {
			d.Hide()
			changed()
			a.onUnmatchedHosts(changed)
		})
	})
	list.setRows(hosts)
	intro := wrapLabel(cat.T("act.unmatched_intro"))
	d = dialog.NewCustom(cat.T("act.unmatched_title"), cat.T("dialog.ok"), container.NewBorder(intro, nil, nil, nil, list.view), s.win)
	d.Resize(fyne.NewSize(800, 480))
	d.Show()
}

// assignHostDialog searches the register for the asset a host is and gives
// it the host's findings.
func (a *activitiesArea) assignHostDialog(h session.UnmatchedHost, done func()) {
	s := a.shell
	cat := s.cat
	assets, err := a.svc.ListAssets(session.AssetFilter{})
	if err != nil {
		s.showError(err)
		return
	}
	search := widget.NewEntry()
	search.SetPlaceHolder(cat.T("act.asset_search"))
	shown := matchingAssets(assets, "")
	var chosen int64
	choice := widget.NewLabel(cat.T("act.asset_none_chosen"))
	list := widget.NewList(func() int { return len(shown) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(assetLine(shown[i])) })
	list.OnSelected = func(i widget.ListItemID) {
		chosen = shown[i].ID
		choice.SetText(cat.T("act.asset_chosen", assetLine(shown[i])))
	}
	search.OnChanged = func(text string) {
		shown = matchingAssets(assets, text)
		list.UnselectAll()
		list.Refresh()
	}
	remember := widget.NewCheck(cat.T("act.remember_address", h.Host), nil)
	remember.SetChecked(true)
	head := container.NewVBox(wrapLabel(cat.T("act.assign_intro", strings.TrimSpace(h.Host+" "+h.Hostname), h.Open)), search)
	foot := container.NewVBox(choice, remember)
	d := dialog.NewCustomConfirm(cat.T("act.assign_title"), cat.T("act.assign"), cat.T("reg.cancel"),
		container.NewBorder(head, foot, nil, nil, list), func(ok bool) {
			if !ok {
				return
			}
			if chosen == 0 {
				s.showMessage(cat.T("act.assign_title"), cat.T("act.asset_none_chosen"))
				return
			}
			n, err := a.svc.AssignHost(session.HostAssignment{SystemID: h.SystemID, Host: h.Host, AssetID: chosen, RememberAddress: remember.Checked})
			if err != nil {
				s.showError(err)
				return
			}
			done()
			s.showMessage(cat.T("act.assign_title"), cat.T("act.assigned", n, h.Host))
		}, s.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
	s.win.Canvas().Focus(search)
}

// matchingAssets returns the assets whose text contains query, ignoring
// case and diacritics, at most maxAssetMatches.
func matchingAssets(all []registers.Asset, query string) []registers.Asset {
	var out []registers.Asset
	for _, x := range all {
		if textnorm.Contains(assetLine(x)+" "+x.Location+" "+x.Responsible, query) {
			out = append(out, x)
			if len(out) == maxAssetMatches {
				break
			}
		}
	}
	return out
}

// assetLine is an asset's name, host name and addresses on one line.
func assetLine(x registers.Asset) string {
	parts := []string{fmt.Sprintf("#%d %s", x.ID, x.Name)}
	if x.Hostname != "" {
		parts = append(parts, x.Hostname)
	}
	if len(x.IPs) > 0 {
		parts = append(parts, strings.Join(x.IPs, ", "))
	}
	return strings.Join(parts, " — ")
}
