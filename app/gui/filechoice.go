package gui

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// chooseMode is what a file choice asks for.
type chooseMode int

const (
	chooseOpen   chooseMode = iota // one existing file
	chooseFolder                   // one existing folder
	chooseSave                     // a file to write, in an existing folder
)

// fileRequest is one question "which file?" asked of the user.
type fileRequest struct {
	mode  chooseMode
	title string   // the dialog's title; empty means the mode's own
	exts  []string // the extensions offered (".pdf"), lower case; none means any file
	name  string   // the file name suggested (chooseSave)
}

// fileChooser asks the user for a file or folder: every open, save and
// folder dialog of the GUI goes through the shell's one (Shell.files).
// chosen runs on the UI thread with the path, and not at all when the
// user cancels.
type fileChooser interface {
	choose(req fileRequest, chosen func(path string))
}

// chooser is the shell's chooser: the system's own dialogs where the
// platform gives them (filechoice_windows.go), else the in-app one.
func (s *Shell) chooser() fileChooser {
	if s.files == nil {
		s.files = newFileChooser(s)
	}
	return s.files
}

// chooseFile asks for one existing file with one of exts (any file when
// there are none) and gives its path to chosen.
func (s *Shell) chooseFile(chosen func(path string), exts ...string) {
	s.chooser().choose(fileRequest{mode: chooseOpen, exts: exts}, chosen)
}

// chooseFolder asks for an existing folder and gives its path to chosen.
func (s *Shell) chooseFolder(chosen func(path string)) {
	s.chooser().choose(fileRequest{mode: chooseFolder}, chosen)
}

// chooseSaveFile asks where to save a file, suggesting name, and gives the
// path to chosen once the user agreed to replace any file there.
func (s *Shell) chooseSaveFile(title, name string, exts []string, chosen func(path string)) {
	s.chooser().choose(fileRequest{mode: chooseSave, title: title, name: name, exts: exts}, chosen)
}

// requestTitle is req's title, or its mode's own.
func (s *Shell) requestTitle(req fileRequest) string {
	if req.title != "" {
		return req.title
	}
	switch req.mode {
	case chooseFolder:
		return s.cat.T("file.choose.title_folder")
	case chooseSave:
		return s.cat.T("file.choose.title_save")
	}
	return s.cat.T("file.choose.title_open")
}

// allowedExt tells whether path has one of exts (any when there are none),
// whatever its case.
func allowedExt(path string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range exts {
		if strings.ToLower(e) == ext {
			return true
		}
	}
	return false
}

// withExt is path with exts' first extension added when it has none of
// them (a name typed without ".pdf").
func withExt(path string, exts []string) string {
	if allowedExt(path, exts) {
		return path
	}
	return path + strings.ToLower(exts[0])
}

// extList is exts for a person to read: "*.csv, *.xlsx".
func extList(exts []string) string {
	var seen []string
	for _, e := range exts {
		e = "*" + strings.ToLower(e)
		if !slices.Contains(seen, e) {
			seen = append(seen, e)
		}
	}
	return strings.Join(seen, ", ")
}

// readFileStart reads the file at path, at most limit bytes of it.
func readFileStart(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit))
}
