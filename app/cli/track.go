package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cairn-photos/cairn/library"
)

// runTrack manages the GPS tracks of a library: add copies GPX files into the library folder (never the
// album), list shows them, remove deletes one, clock sets a camera's clock offset. The next scan places the
// photos again from what the library keeps, without reading them.
func runTrack(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("track", flag.ContinueOnError)
	album := fs.String("album", "", "album whose library holds the tracks (may be left out when there is one)")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: want add FILE.gpx..., list, remove NAME or clock CAMERA OFFSET", errUsage)
	}
	verb, rest := pos[0], pos[1:]
	switch verb {
	case "add":
		if len(rest) == 0 {
			return fmt.Errorf("%w: track add needs at least one GPX file", errUsage)
		}
	case "list":
		if err := exactly(rest, 0, "no arguments after list"); err != nil {
			return err
		}
	case "remove":
		if err := exactly(rest, 1, "one track NAME (see track list)"); err != nil {
			return err
		}
	case "clock":
		if err := exactly(rest, 2, `CAMERA OFFSET, e.g. clock "Canon EOS R6" +5h45m30s`); err != nil {
			return err
		}
	default:
		return fmt.Errorf("%w: unknown track command %q", errUsage, verb)
	}
	lib, err := library.Open(*album, false, library.Options{DataRoot: env.DataRoot})
	if err != nil {
		return err
	}
	defer lib.Close()
	switch verb {
	case "add":
		added, err := lib.AddTracks(rest)
		if err != nil {
			return err
		}
		return writeTracks(env.Stdout, added, *asJSON)
	case "list":
		tracks, err := lib.Tracks()
		if err != nil {
			return err
		}
		return writeTracks(env.Stdout, tracks, *asJSON)
	case "remove":
		return lib.RemoveTrack(rest[0])
	default: // clock
		off, err := parseClockOffset(rest[1])
		if err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		return lib.SetCameraClock(rest[0], off)
	}
}

// parseClockOffset reads "+5h45m30s", "-3h" or "+05:45".
func parseClockOffset(s string) (time.Duration, error) {
	if d, err := time.ParseDuration(strings.TrimPrefix(s, "+")); err == nil {
		return d, nil
	}
	if t, err := time.Parse("-07:00", s); err == nil {
		_, off := t.Zone()
		return time.Duration(off) * time.Second, nil
	}
	return 0, fmt.Errorf("clock offset %q: want a duration (+5h45m30s) or an offset (+05:45)", s)
}

func writeTracks(w io.Writer, tracks []library.TrackInfo, asJSON bool) error {
	if asJSON {
		return writeJSONLines(w, tracks)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tPOINTS\tSEGMENTS\tSTART (UTC)\tEND (UTC)")
	for _, t := range tracks {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", t.Name, t.Points, t.Segments,
			t.Start.UTC().Format("2006-01-02 15:04:05"), t.End.UTC().Format("2006-01-02 15:04:05"))
	}
	return tw.Flush()
}
