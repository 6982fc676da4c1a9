// Package app holds Cairn's two front ends: the Fyne window (app/gui) and the command line (app/cli).
package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cairn-photos/cairn/app/cli"
	"github.com/cairn-photos/cairn/app/gui"
	"github.com/cairn-photos/cairn/library"
)

// Main runs Cairn with the given arguments and returns the process exit code: no subcommand opens the window.
func Main(args []string) int {
	fs := flag.NewFlagSet("cairn", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dataRoot := fs.String("data", "", "folder that holds Cairn's libraries and models")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cli.PrintUsage(os.Stdout)
			return 0
		}
		fmt.Fprintf(os.Stderr, "cairn: %v\n", err)
		cli.PrintUsage(os.Stderr)
		return 2
	}
	if fs.NArg() == 0 {
		if err := gui.Run(*dataRoot); err != nil {
			fmt.Fprintf(os.Stderr, "cairn: %v\n", err)
			return 1
		}
		return 0
	}
	root := *dataRoot
	if root == "" {
		root = library.DefaultDataRoot()
	}
	return cli.Run(&cli.Env{DataRoot: root, Stdout: os.Stdout, Stderr: os.Stderr}, fs.Args())
}
