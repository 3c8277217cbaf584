// Package assets holds the files embedded into the daumoi binary that are not
// code: the application icon and the third-party licence notices. Translations,
// fonts and regulation packs live in the sub-packages i18n, fonts and packs.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed icon/icon.png icon/icon.svg licences
var files embed.FS

// IconPNG returns the 512×512 application icon (a shield with a check mark).
func IconPNG() []byte {
	return mustRead("icon/icon.png")
}

// IconSVG returns the application icon as SVG, which scales to any size.
func IconSVG() []byte {
	return mustRead("icon/icon.svg")
}

// Licences returns the licence notices of bundled libraries and fonts, one
// file per component, keyed by file name.
func Licences() fs.FS {
	sub, err := fs.Sub(files, "licences")
	if err != nil {
		// The folder is embedded at build time; failing here is a build defect.
		panic("assets: licences folder missing from the binary: " + err.Error())
	}
	return sub
}

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("assets: " + name + " missing from the binary: " + err.Error())
	}
	return b
}
