package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/cairn-photos/cairn/library"
)

func runScan(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	modelName := fs.String("model", "", "model name or folder (default: "+defaultModelHint+")")
	workers := fs.Int("workers", 0, "photos read at once (default: number of cores)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "one album folder"); err != nil {
		return err
	}
	album, err := library.Resolve(env.DataRoot, pos[0])
	if err != nil {
		return err
	}
	m, modelDir, closeModel, err := openModel(env, album, *modelName)
	if err != nil {
		return err
	}
	defer closeModel()
	lib, err := library.Open(album, true, library.Options{DataRoot: env.DataRoot, Embedder: m, ModelDir: modelDir, Workers: *workers})
	if err != nil {
		return err
	}
	defer lib.Close()

	live := isTerminal(env.Stderr)
	progress := func(p library.Progress) {
		if live {
			fmt.Fprintf(env.Stderr, "\r\033[K%s", progressLine(p))
		}
	}
	if *modelName != "" && !lib.UsesModel(*modelName) {
		next, nextDir, err := library.OpenModel(env.DataRoot, *modelName)
		if err != nil {
			return err
		}
		defer next.Close()
		sum, err := lib.SwitchModel(ctx, next, nextDir, progress)
		if live {
			fmt.Fprint(env.Stderr, "\r\033[K")
		}
		for _, s := range sum.Skipped {
			fmt.Fprintf(env.Stdout, "not embedded %s: %s\n", s.Path, s.Reason)
		}
		if err != nil {
			return fmt.Errorf("switch to model %s (the library keeps its model until every photo is embedded): %w", next.Name(), err)
		}
		fmt.Fprintf(env.Stdout, "switched to model %s: embedded %d photos\n", next.Name(), sum.Indexed)
		if s := sum.Rederivation(); s != "" {
			fmt.Fprintln(env.Stdout, s)
		}
	}
	sum, err := lib.Scan(ctx, progress)
	if live {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(env.Stdout, "skipped %s: %s\n", s.Path, s.Reason)
	}
	if s := sum.Rederivation(); s != "" {
		fmt.Fprintln(env.Stdout, s)
	}
	if s := sum.TrackPlacement(); s != "" {
		fmt.Fprintln(env.Stdout, s)
	}
	if s := sum.OtherFiles(); s != "" {
		fmt.Fprintln(env.Stdout, s)
	}
	fmt.Fprintf(env.Stdout, "indexed %d, unchanged %d, removed %d, skipped %d in %s\n",
		sum.Indexed, sum.Unchanged, sum.Removed, len(sum.Skipped), sum.Elapsed.Round(10*time.Millisecond))
	return err
}

// progressLine is the live line of a scan: the progress and the photo at hand.
func progressLine(p library.Progress) string {
	if p.Current != "" && p.Phase == "reading" {
		return p.String() + "  " + p.Current
	}
	return p.String()
}
