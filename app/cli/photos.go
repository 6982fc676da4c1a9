package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
)

func runPhotos(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("photos", flag.ContinueOnError)
	album := fs.String("album", "", "album whose library to read (may be left out when there is one)")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	lib, err := library.Open(*album, false, library.Options{DataRoot: env.DataRoot, ReadOnly: true})
	if err != nil {
		return err
	}
	defer lib.Close()
	photos, err := lib.Photos(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONLines(env.Stdout, photos)
	}
	return writePhotoTable(env.Stdout, photos)
}

// writeJSONLines prints one JSON object per line.
func writeJSONLines[T any](w io.Writer, items []T) error {
	enc := json.NewEncoder(w)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
	}
	return nil
}

func writePhotoTable(w io.Writer, photos []library.Photo) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SHOT TIME\tPOSITION\tALTITUDE\tHEADING\tPEAKS\tPATH")
	for _, p := range photos {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(p.ShotTime.String()), position(p.GPS),
			optional(p.Altitude, "%.0f m"), optional(p.Heading, "%.0f°"), peakNames(p.PredictedPeaks), p.Rel)
	}
	fmt.Fprintf(tw, "%d photos\n", len(photos))
	return tw.Flush()
}

func position(g *library.LatLon) string {
	if g == nil {
		return "-"
	}
	return fmt.Sprintf("%.5f,%.5f", g.Lat, g.Lon)
}

func optional(v *float64, format string) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf(format, *v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func peakNames(gs []library.PeakGuess) string {
	if len(gs) == 0 {
		return "-"
	}
	names := make([]string, len(gs))
	for i, g := range gs {
		names[i] = g.Name
	}
	return strings.Join(names, ", ")
}
