package gui

import (
	"io"
	"os"

	"fyne.io/fyne/v2"

	"daumoi/app/exportfile"
)

// saveExport writes what a save dialog asked for, the way every export is
// written (package exportfile: one file mode, the file complete or not at
// all). The dialog has already created the file empty; it is replaced in
// one step, or removed if writing fails.
func saveExport(w fyne.URIWriteCloser, write func(io.Writer) error) error {
	path := w.URI().Path()
	_ = w.Close()
	if err := exportfile.Write(path, exportfile.Options{Perm: 0o600, Replace: true}, write); err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// exportOutput is where a signed bundle chosen in a save dialog is written:
// the session publishes it (replacing the empty file the dialog created)
// once the bundle is recorded. The caller calls the returned drop if the
// bundle was not published.
func exportOutput(w fyne.URIWriteCloser) (out *exportfile.File, drop func(), err error) {
	path := w.URI().Path()
	_ = w.Close()
	f, err := exportfile.Create(path, exportfile.Options{Perm: 0o600, Replace: true})
	if err != nil {
		_ = os.Remove(path)
		return nil, nil, err
	}
	return f, func() { f.Abort(); _ = os.Remove(path) }, nil
}
