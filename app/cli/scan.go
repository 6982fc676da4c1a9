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
	m, modelDir, closeModel, err := openModel(env, *modelName)
	if err != nil {
		return err
	}
	defer closeModel()
	lib, err := library.Open(pos[0], true, library.Options{DataRoot: env.DataRoot, Embedder: m, ModelDir: modelDir, Workers: *workers})
	if err != nil {
		return err
	}
	defer lib.Close()

	live := isTerminal(env.Stderr)
	sum, err := lib.Scan(ctx, func(p library.Progress) {
		if live {
			fmt.Fprintf(env.Stderr, "\r\033[K%s", progressLine(p))
		}
	})
	if live {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(env.Stdout, "skipped %s: %s\n", s.Path, s.Reason)
	}
	fmt.Fprintf(env.Stdout, "indexed %d, unchanged %d, removed %d, skipped %d in %s\n",
		sum.Indexed, sum.Unchanged, sum.Removed, len(sum.Skipped), sum.Elapsed.Round(10*time.Millisecond))
	return err
}

// progressLine is the one-line form of a scan's progress: count, rate, ETA and the photo at hand.
func progressLine(p library.Progress) string {
	if p.Phase == "listing" {
		return "listing photos…"
	}
	line := fmt.Sprintf("%d/%d photos", p.Done, p.Total)
	if p.Rate > 0 {
		line += fmt.Sprintf("  %.1f/s", p.Rate)
	}
	if p.ETA > 0 {
		line += "  ETA " + formatDuration(p.ETA)
	}
	if p.Current != "" {
		line += "  " + p.Current
	}
	return line
}

func formatDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
