package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
)

func runSearch(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	f := addQueryFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	q, err := f.query()
	if err != nil {
		return err
	}
	q.Text = strings.Join(pos, " ")
	if q.Text == "" && !f.filters() {
		return fmt.Errorf("%w: want a query, a filter or both", errUsage)
	}
	lib, closeLib, err := openForQueries(env, *f.album)
	if err != nil {
		return err
	}
	defer closeLib()
	if err := f.libraryFilters(lib, &q); err != nil {
		return err
	}
	res, err := lib.Search(ctx, q)
	if err != nil {
		return err
	}
	return writeHits(env.Stdout, res, *f.asJSON)
}

func runSimilar(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("similar", flag.ContinueOnError)
	f := addQueryFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "one photo"); err != nil {
		return err
	}
	q, err := f.query()
	if err != nil {
		return err
	}
	lib, closeLib, err := openForQueries(env, *f.album)
	if err != nil {
		return err
	}
	defer closeLib()
	if err := f.libraryFilters(lib, &q); err != nil {
		return err
	}
	res, err := lib.Similar(ctx, pos[0], q)
	if err != nil {
		return err
	}
	if !*f.asJSON {
		if id := res.Photo; id != nil && len(id.Peaks) > 0 {
			fmt.Fprintf(env.Stdout, "%s shows %s (%.2f): %s\n\n", pos[0], id.Peaks[0].Name, id.Peaks[0].Score, id.Peaks[0].Explanation)
		} else if id != nil {
			fmt.Fprintf(env.Stdout, "%s: no peak identified: %s\n\n", pos[0], id.WhyNoPeak())
		}
	}
	return writeHits(env.Stdout, res, *f.asJSON)
}

// writeHits prints a search's hits: a table, or one JSON object per hit.
func writeHits(w io.Writer, res library.Results, asJSON bool) error {
	if asJSON {
		return writeJSONLines(w, res.Hits)
	}
	if p := res.Place; p != nil {
		fmt.Fprintf(w, "Photos taken at %s (within %g km of it), newest first\n\n", p.Name, p.RadiusKm)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tSHOT TIME\tPEAKS\tWHY\tPATH")
	for _, h := range res.Hits {
		fmt.Fprintf(tw, "%.4f\t%s\t%s\t%s\t%s\n", h.Score, orDash(h.ShotTime.String()), peakNames(h.PredictedPeaks), strings.Join(h.Why, "; "), h.Rel)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d of %d matches", len(res.Hits), len(res.All))
	if len(res.Facets) > 0 {
		var top []string
		for _, f := range res.Facets[:min(5, len(res.Facets))] {
			top = append(top, fmt.Sprintf("%s %d", f.Name, f.Count))
		}
		fmt.Fprintf(w, "; peaks: %s", strings.Join(top, ", "))
	}
	fmt.Fprintln(w)
	return nil
}

// openForQueries opens a library for reading with the model it was scanned with, when that model is still
// installed; without it, searches by name still work.
func openForQueries(env *Env, album string) (*library.Library, func(), error) {
	albumPath, err := library.Resolve(env.DataRoot, album)
	if err != nil {
		return nil, nil, err
	}
	var m library.Model
	closeModel := func() {}
	if library.ModelFor(env.DataRoot, albumPath, "") != "" { // only the library's own model: never another
		loaded, _, err := library.OpenModelFor(env.DataRoot, albumPath, "")
		if err != nil {
			fmt.Fprintf(env.Stderr, "%v; searching by name only\n", err)
		} else {
			m, closeModel = loaded, func() { loaded.Close() }
		}
	}
	lib, err := library.Open(albumPath, false, library.Options{DataRoot: env.DataRoot, Embedder: m, ReadOnly: true})
	if err != nil {
		closeModel()
		return nil, nil, err
	}
	return lib, func() { lib.Close(); closeModel() }, nil
}
