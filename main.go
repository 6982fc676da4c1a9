// Cairn is an offline photo album for people who photograph mountains.
// With no arguments it opens the window; subcommands run headless (see app.Main).
package main

import (
	"os"

	_ "github.com/cairn-photos/cairn/internal/clocale" // before Fyne reads the locale: see its doc

	"github.com/cairn-photos/cairn/app"
)

func main() {
	os.Exit(app.Main(os.Args[1:]))
}
