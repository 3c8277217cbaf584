package bundle

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxPathLen bounds an entry name, in bytes.
const maxPathLen = 255

// checkPath reports whether name is a safe relative file path in a bundle:
// valid UTF-8 in NFC, forward slashes, no empty, "." or ".." segment, no
// absolute or drive path, no control characters, and nothing Windows cannot
// create (reserved characters and device names, trailing dots or spaces).
// The error wraps ErrUnsafePath.
func checkPath(name string) error {
	reason := pathProblem(name)
	if reason == "" {
		return nil
	}
	return fmt.Errorf("%w: %q: %s", ErrUnsafePath, name, reason)
}

func pathProblem(name string) string {
	switch {
	case name == "":
		return "empty name"
	case len(name) > maxPathLen:
		return "name too long"
	case !utf8.ValidString(name):
		return "not UTF-8"
	case !norm.NFC.IsNormalString(name):
		return "not in Unicode NFC"
	case strings.ContainsRune(name, '\\'):
		return "backslash"
	case strings.HasPrefix(name, "/"):
		return "absolute path"
	case len(name) >= 2 && name[1] == ':':
		return "drive letter"
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`<>:"|?*`, r) {
			return fmt.Sprintf("character %q not allowed", r)
		}
	}
	for _, seg := range strings.Split(name, "/") {
		if p := segmentProblem(seg); p != "" {
			return p
		}
	}
	return ""
}

func segmentProblem(seg string) string {
	switch {
	case seg == "":
		return "empty segment (directory entry or double slash)"
	case seg == "." || seg == "..":
		return "dot segment"
	case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
		return "segment ends with a dot or space"
	case isWindowsDevice(seg):
		return "reserved device name"
	}
	return ""
}

// isWindowsDevice reports whether seg is a reserved Windows device name,
// with or without an extension (CON, NUL.txt, COM1…).
func isWindowsDevice(seg string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(seg), ".")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		return base[3] >= '1' && base[3] <= '9'
	}
	return false
}

// nameSet detects names that would clash when extracted: equal ignoring
// case, or one used both as a file and as a folder.
type nameSet struct {
	files map[string]bool
	dirs  map[string]bool
}

// newNameSet returns a set holding the manifest's and the signature's
// names, which no file may take (in any case).
func newNameSet() *nameSet {
	s := &nameSet{files: map[string]bool{}, dirs: map[string]bool{}}
	s.files[ManifestName] = true
	s.files[SignatureName] = true
	return s
}

// addEntry records an archive entry name: the manifest and its signature
// are expected once each.
func (s *nameSet) addEntry(name string, seen map[string]bool) error {
	if name == ManifestName || name == SignatureName {
		if seen[name] {
			return fmt.Errorf("%w: %q: duplicate name", ErrUnsafePath, name)
		}
		seen[name] = true
		return nil
	}
	return s.add(name)
}

// add records name; the error wraps ErrUnsafePath.
func (s *nameSet) add(name string) error {
	key := strings.ToLower(name)
	if s.files[key] {
		return fmt.Errorf("%w: %q: duplicate name", ErrUnsafePath, name)
	}
	if s.dirs[key] {
		return fmt.Errorf("%w: %q: both a file and a folder", ErrUnsafePath, name)
	}
	for i := range len(key) {
		if key[i] == '/' {
			if s.files[key[:i]] {
				return fmt.Errorf("%w: %q: both a file and a folder", ErrUnsafePath, key[:i])
			}
			s.dirs[key[:i]] = true
		}
	}
	s.files[key] = true
	return nil
}
