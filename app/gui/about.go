package gui

import (
	"encoding/json"
	"io/fs"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"daumoi/app/buildinfo"
	"daumoi/assets"
)

// component is one bundled library or font, as listed in
// assets/licences/components.json.
type component struct {
	Name      string `json:"name"`
	Module    string `json:"module"`
	Licence   string `json:"licence"`
	Copyright string `json:"copyright"`
}

// newAboutScreen builds the About area: version, purpose, and the licences
// of everything bundled.
func newAboutScreen(s *Shell) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(appIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(96))

	name := widget.NewLabelWithStyle(windowTitle, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = "headingText"
	version := widget.NewLabel(s.cat.T("about.version", buildinfo.Version) + " — " + s.cat.T("about.go", runtime.Version()))
	desc := widget.NewLabel(s.cat.T("about.description"))
	desc.Wrapping = fyne.TextWrapWord

	head := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name, version, desc))
	licTitle := widget.NewLabelWithStyle(s.cat.T("about.licences"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(container.NewVBox(head, widget.NewSeparator(), licTitle), nil, nil, nil, s.licenceTable())
}

func (s *Shell) licenceTable() fyne.CanvasObject {
	comps, err := loadComponents()
	if err != nil {
		return widget.NewLabel(err.Error())
	}
	headers := []string{s.cat.T("about.component"), s.cat.T("about.licence"), s.cat.T("about.copyright")}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(comps), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := comps[id.Row]
			o.(*widget.Label).SetText([]string{c.Name, c.Licence, c.Copyright}[id.Col])
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range []float32{420, 200, 300} {
		t.SetColumnWidth(i, w)
	}
	return t
}

func loadComponents() ([]component, error) {
	raw, err := fs.ReadFile(assets.Licences(), "components.json")
	if err != nil {
		return nil, err
	}
	var comps []component
	return comps, json.Unmarshal(raw, &comps)
}
