package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cairn-photos/cairn/assets"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/terrain"
)

// runTerrain lists, fetches and imports terrain tiles.
func runTerrain(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want list, fetch or import", errUsage)
	}
	switch args[0] {
	case "list":
		return terrainList(env, args[1:])
	case "fetch":
		return terrainFetch(ctx, env, args[1:])
	case "import":
		return terrainImport(env, args[1:])
	default:
		return fmt.Errorf("%w: unknown terrain command %q", errUsage, args[0])
	}
}

func terrainList(env *Env, args []string) error {
	fs := flag.NewFlagSet("terrain list", flag.ContinueOnError)
	verify := fs.Bool("verify", false, "read every tile whole and show its resolution or what is wrong with it")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	dem, err := terrain.Open(terrain.Dir(env.DataRoot))
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	header := "TILE\tSIZE\tSOURCE"
	if *verify {
		header = "TILE\tSIZE\tRESOLUTION\tSOURCE"
	}
	fmt.Fprintln(tw, header)
	bundled, bad := 0, 0
	for _, t := range dem.Coverage() {
		if t.Source == terrain.Embedded {
			bundled++
		}
		size := fmt.Sprintf("%.1f MB", float64(t.Bytes)/1e6)
		if !*verify {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, size, t.Source)
			continue
		}
		res := ""
		if sec, err := dem.Check(t); err != nil {
			res, bad = "bad: "+err.Error(), bad+1
		} else {
			res = fmt.Sprintf("%d″", sec)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.Name, size, res, t.Source)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range dem.Problems() {
		fmt.Fprintln(env.Stderr, p)
	}
	n := len(dem.Coverage())
	fmt.Fprintf(env.Stdout, "%d tiles (%d bundled: %s; %d in %s), digest %s\n",
		n, bundled, assets.TerrainCredit, n-bundled, terrain.Dir(env.DataRoot), dem.Digest())
	if bad > 0 {
		return fmt.Errorf("%d tiles cannot be read", bad)
	}
	return nil
}

func terrainFetch(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("terrain fetch", flag.ContinueOnError)
	bbox := fs.String("bbox", "", "the area to fetch: S,W,N,E in degrees, e.g. 27.5,86.4,28.3,87.3")
	from := fs.String("from", terrain.DefaultTileURL, "the tile service (SRTM layout: URL/N27/N27E086.hgt.gz)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 0, "no arguments"); err != nil {
		return err
	}
	if *bbox == "" {
		return fmt.Errorf("%w: --bbox S,W,N,E is required", errUsage)
	}
	b, err := library.ParseBox(*bbox)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	opt := terrain.FetchOptions{BaseURL: *from}
	if isTerminal(env.Stderr) {
		opt.Progress = fetchProgressLine(env.Stderr)
	}
	dir := terrain.Dir(env.DataRoot)
	rep, err := terrain.Fetch(ctx, dir, terrain.Box{South: b.South, West: b.West, North: b.North, East: b.East}, opt)
	if opt.Progress != nil {
		fmt.Fprintln(env.Stderr)
	}
	fmt.Fprintf(env.Stdout, "fetched %d tiles into %s, %d already there", len(rep.Fetched), dir, len(rep.Present))
	if len(rep.Unavailable) > 0 {
		fmt.Fprintf(env.Stdout, "; not on the service (sea, or beyond its coverage): %s", strings.Join(rep.Unavailable, " "))
	}
	fmt.Fprintln(env.Stdout)
	return err
}

// fetchProgressLine draws the fetch's progress on one terminal line, redrawn at most ten times a second.
func fetchProgressLine(w io.Writer) func(terrain.FetchProgress) {
	var last time.Time
	return func(p terrain.FetchProgress) {
		if now := time.Now(); now.Sub(last) < 100*time.Millisecond && p.Done < p.Total {
			return
		} else {
			last = now
		}
		tile := ""
		if p.Tile != "" {
			tile = fmt.Sprintf("  %s %.1f", p.Tile, float64(p.Bytes)/1e6)
			if p.Size > 0 {
				tile += fmt.Sprintf("/%.1f", float64(p.Size)/1e6)
			}
			tile += " MB"
		}
		eta := ""
		if p.ETA > 0 {
			eta = "  about " + p.ETA.Round(time.Second).String() + " left"
		}
		fmt.Fprintf(w, "\r%d/%d tiles%s  %.0f MB in all%s\033[K", p.Done, p.Total, tile, float64(p.FetchedBytes)/1e6, eta)
	}
}

func terrainImport(env *Env, args []string) error {
	fs := flag.NewFlagSet("terrain import", flag.ContinueOnError)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return fmt.Errorf("%w: want tile files (N27E086.hgt, .hgt.gz or .hgt.zip)", errUsage)
	}
	dir := terrain.Dir(env.DataRoot)
	names, err := terrain.Import(dir, pos)
	if len(names) > 0 {
		fmt.Fprintf(env.Stdout, "imported %s into %s\n", strings.Join(names, " "), dir)
	}
	return err
}
