package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
)

// peakRow is one line of `cairn peaks --json`.
type peakRow struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases"`
	Lat        float64  `json:"lat"`
	Lon        float64  `json:"lon"`
	ElevationM float64  `json:"elevation_m"`
	Photos     int      `json:"photos"`
}

// runPeaks lists the peak catalog with photo counts. It works before any album is scanned: counts are then 0.
func runPeaks(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("peaks", flag.ContinueOnError)
	album := fs.String("album", "", "album whose photo counts to show")
	asJSON := fs.Bool("json", false, "one JSON object per line")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	cat, err := library.LoadCatalog(env.DataRoot)
	if err != nil {
		return err
	}
	lib, err := library.Open(*album, false, library.Options{DataRoot: env.DataRoot, Catalog: cat, ReadOnly: true})
	switch {
	case err == nil:
		defer lib.Close()
	case errors.Is(err, library.ErrNoLibrary) && *album == "":
		lib = nil // no album scanned yet: the catalog alone
	default:
		return err
	}
	all, err := library.CatalogPeaks(ctx, cat, lib)
	if err != nil {
		return err
	}
	rows := make([]peakRow, len(all))
	for i, p := range all {
		aliases := p.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		rows[i] = peakRow{p.ID, p.Name, aliases, p.Lat, p.Lon, p.ElevationM, p.Photos}
	}
	if *asJSON {
		return writeJSONLines(env.Stdout, rows)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tELEVATION\tPOSITION\tPHOTOS\tALSO CALLED")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%.0f m\t%.4f,%.4f\t%d\t%s\n", r.ID, r.Name, r.ElevationM, r.Lat, r.Lon, r.Photos, strings.Join(r.Aliases, ", "))
	}
	fmt.Fprintf(tw, "%d peaks\n", len(rows))
	return tw.Flush()
}
