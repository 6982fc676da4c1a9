// Package clocale spells Debian's default locale, C.UTF-8, in a way Fyne's locale lookup understands.
//
// Fyne reads the locale while its packages initialise (fyne.io/fyne/v2/lang loads its translations in an
// init function), and with LANG=C.UTF-8 it takes "C" for a language tag, fails to parse it and logs three
// lines of "Fyne error: Error parsing user locale C" to stderr — before main runs, so for every command
// line subcommand too. Setting LANGUAGE=en for a C locale makes it read English instead, which is what it
// falls back to anyway; the C library ignores LANGUAGE in the C locale, so nothing else changes.
//
// Import it first from package main (import _ ".../internal/clocale"). Go initialises packages in import
// path order among those whose imports are ready, and this one imports only os and strings, like the
// locale lookup Fyne uses (github.com/jeandeaual/go-locale) but earlier in that order: its init runs before
// that package's and so before Fyne's.
package clocale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") == "" && isC(effective(os.Getenv)) {
		os.Setenv("LANGUAGE", "en")
	}
}

// effective is the locale messages are in: the first of LC_ALL, LC_MESSAGES and LANG that is set.
func effective(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// isC tells whether locale is the C locale with a codeset, such as C.UTF-8 or POSIX.utf8. Plain "C" and
// "POSIX" are left alone: Fyne's lookup knows them.
func isC(locale string) bool {
	lang, codeset, ok := strings.Cut(locale, ".")
	return ok && codeset != "" && (lang == "C" || lang == "POSIX")
}
