// Package cli is Cairn's command line: the subcommands of DESIGN.md's CLI contract, each a thin layer over the
// library API.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// Env is what a command runs with.
type Env struct {
	DataRoot string
	Stdout   io.Writer
	Stderr   io.Writer
}

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env *Env, args []string) error
}

func commands() []command {
	return []command{
		{"scan", "scan ALBUM [--model NAME|DIR] [--workers N]", runScan},
		{"photos", "photos [--album ALBUM] [--json]", runPhotos},
		{"search", "search [--album ALBUM] [--json] [--k N] [--near LAT,LON,KM|NAME,KM] [--bbox S,W,N,E] [--from DATE] [--to DATE] [--peak ID]... [--sort relevance|newest|oldest] [QUERY]", runSearch},
		{"similar", "similar [--album ALBUM] [--json] [--k N] [filters as for search] PHOTO", runSimilar},
		{"identify", "identify [--album ALBUM] [--json] PHOTO", runIdentify},
		{"peaks", "peaks [--album ALBUM] [--json]", runPeaks},
		{"model", "model list | fetch [NAME] [--from URL] | path | tokenize [--model NAME|DIR] [--json] [--language CODE] TEXT...", runModel},
		{"terrain", "terrain list [--verify] | fetch --bbox S,W,N,E [--from URL] | import FILE...", runTerrain},
		{"track", "track add FILE.gpx... | list | remove NAME | clock CAMERA OFFSET [--album ALBUM] [--json]", runTrack},
	}
}

// errUsage marks an error in how a command was called.
var errUsage = errors.New("usage")

// Run runs the subcommand in args[0] and returns the exit code. Ctrl-C cancels the command's context.
func Run(env *Env, args []string) int {
	if len(args) == 0 {
		PrintUsage(env.Stderr)
		return 2
	}
	if args[0] == "help" {
		return help(env, args[1:])
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		var h *helpRequested
		switch {
		case err == nil:
			return 0
		case errors.As(err, &h):
			printCommandUsage(env.Stdout, c, h.flags)
			return 0
		case errors.Is(err, flag.ErrHelp), isHelp(args[1:]):
			printCommandUsage(env.Stdout, c, nil)
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(env.Stderr, "cairn %s: %v\nusage: cairn [--data DIR] %s\n", c.name, err, c.usage)
			return 2
		default:
			fmt.Fprintf(env.Stderr, "cairn %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "cairn: unknown command %q\n", args[0])
	PrintUsage(env.Stderr)
	return 2
}

// help prints the usage of Cairn, or of the command named, to stdout.
func help(env *Env, args []string) int {
	if len(args) == 0 {
		PrintUsage(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return Run(env, []string{c.name, "-h"})
		}
	}
	fmt.Fprintf(env.Stderr, "cairn help: unknown command %q\n", args[0])
	PrintUsage(env.Stderr)
	return 2
}

// PrintUsage writes how to call Cairn and each of its commands.
func PrintUsage(w io.Writer) {
	fmt.Fprintln(w, "usage:\n  cairn [--data DIR]                 open the window")
	for _, c := range commands() {
		fmt.Fprintf(w, "  cairn [--data DIR] %s\n", c.usage)
	}
	fmt.Fprintln(w, "  cairn help [COMMAND]               this text, or a command's flags")
	fmt.Fprintln(w, "\n--data DIR: where libraries and models live (default ~/.local/share/cairn)")
}

// printCommandUsage writes how to call command c and, when known, its flags.
func printCommandUsage(w io.Writer, c command, flags *flag.FlagSet) {
	fmt.Fprintf(w, "usage: cairn [--data DIR] %s\n", c.usage)
	if flags == nil {
		return
	}
	var buf strings.Builder
	flags.SetOutput(&buf)
	flags.PrintDefaults()
	if buf.Len() > 0 {
		fmt.Fprintf(w, "\nflags:\n%s", buf.String())
	}
}

// isHelp tells whether a command's arguments ask for its help (commands without flags of their own).
func isHelp(args []string) bool {
	return len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help")
}

// helpRequested is the error parse returns for -h: Run prints the command's usage with these flags.
type helpRequested struct{ flags *flag.FlagSet }

func (h *helpRequested) Error() string { return "help requested" }
func (h *helpRequested) Unwrap() error { return flag.ErrHelp }

// parse parses flags that may stand before, between or after the positional arguments, and returns the
// positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &helpRequested{flags: fs}
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// exactly checks the number of positional arguments.
func exactly(pos []string, n int, what string) error {
	if len(pos) != n {
		return fmt.Errorf("%w: want %s, got %q", errUsage, what, strings.Join(pos, " "))
	}
	return nil
}

// isTerminal tells whether w is an interactive terminal, where a live progress line makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
