package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
)

func runSearch(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	album := fs.String("album", "", "album whose library to search (may be left out when there is one)")
	asJSON := fs.Bool("json", false, "one JSON object per hit")
	k := fs.Int("k", library.DefaultK, "how many hits at most")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: want a query", errUsage)
	}
	if *k <= 0 {
		return fmt.Errorf("%w: --k must be positive, got %d", errUsage, *k)
	}
	lib, closeLib, err := openForQueries(env, *album)
	if err != nil {
		return err
	}
	defer closeLib()
	hits, err := lib.Search(ctx, library.Query{Text: strings.Join(pos, " "), K: *k})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONLines(env.Stdout, hits)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tSHOT TIME\tPEAKS\tWHY\tPATH")
	for _, h := range hits {
		fmt.Fprintf(tw, "%.4f\t%s\t%s\t%s\t%s\n", h.Score, orDash(h.ShotTime), peakNames(h.PredictedPeaks), strings.Join(h.Why, "; "), h.Rel)
	}
	fmt.Fprintf(tw, "%d hits\n", len(hits))
	return tw.Flush()
}

// openForQueries opens a library for reading with the model it was scanned with, when that model is still
// installed; without it, searches by name still work.
func openForQueries(env *Env, album string) (*library.Library, func(), error) {
	albumPath, err := library.Resolve(env.DataRoot, album)
	if err != nil {
		return nil, nil, err
	}
	manifest, _ := library.ReadManifest(env.DataRoot, albumPath) // a missing library is Open's error to report
	var m library.Model
	closeModel := func() {}
	if source := manifest.ModelDir; source != "" {
		if m, _, closeModel, err = openModel(env, source); err != nil {
			fmt.Fprintf(env.Stderr, "model %s: %v; searching by name only\n", manifest.ModelName, err)
			m = nil
		}
	}
	lib, err := library.Open(albumPath, false, library.Options{DataRoot: env.DataRoot, Embedder: m})
	if err != nil {
		closeModel()
		return nil, nil, err
	}
	return lib, func() { lib.Close(); closeModel() }, nil
}
