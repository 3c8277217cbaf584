// Package clocale makes the process's locale readable by Fyne before Fyne
// starts.
//
// Fyne's lang package reads the user's locale from LC_ALL, LC_MESSAGES, LANG
// and LANGUAGE when it is initialised, and logs an error to stderr when it
// finds the C or POSIX locale ("C.UTF-8" is common on servers and in CI).
// That would put noise on stderr of every command-line run, whose contract is
// one clear line. daumoi chooses its own interface language anyway (Vietnamese
// unless the user picks English), so when the locale is C-like this package
// sets LANGUAGE=en for the process, which Fyne parses without complaint.
//
// The package must import nothing but the standard library's os and strings:
// Go initialises packages in import-path order once their dependencies are
// ready, and "daumoi/..." sorts before "fyne.io/...", so this init runs first.
package clocale

import (
	"os"
	"strings"
)

func init() {
	if isCLocale(currentLocale(os.Getenv)) && os.Getenv("LANGUAGE") == "" {
		_ = os.Setenv("LANGUAGE", "en")
	}
}

// currentLocale returns the locale the C library would use for messages.
func currentLocale(getenv func(string) string) string {
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(key); v != "" {
			return v
		}
	}
	return ""
}

// isCLocale reports whether loc is empty or a variant of C/POSIX.
func isCLocale(loc string) bool {
	base, _, _ := strings.Cut(loc, ".")
	return base == "" || base == "C" || base == "POSIX"
}
