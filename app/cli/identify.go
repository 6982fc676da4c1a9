package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
)

// runIdentify names the peaks in a photo, which need not be in any album. It uses the album library's model
// when there is a library, else the default model when installed, else geometry alone.
func runIdentify(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("identify", flag.ContinueOnError)
	album := fs.String("album", "", "album whose model to use")
	asJSON := fs.Bool("json", false, "one JSON object per peak, best first")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := exactly(pos, 1, "one photo"); err != nil {
		return err
	}
	albumPath, err := library.Resolve(env.DataRoot, *album)
	if err != nil && (*album != "" || !errors.Is(err, library.ErrNoLibrary)) {
		return err
	}
	m, _, closeModel, err := openModel(env, albumPath, "")
	if err != nil {
		return err
	}
	defer closeModel()
	cat, err := library.LoadCatalog(env.DataRoot)
	if err != nil {
		return err
	}
	dem, err := library.LoadTerrain(env.DataRoot)
	if err != nil {
		return err
	}
	res, err := library.NewIdentifier(cat, m, dem).Identify(pos[0])
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONLines(env.Stdout, append(res.Peaks, res.Hidden...))
	}
	if len(res.Peaks) == 0 {
		fmt.Fprintln(env.Stdout, "no peak identified: "+res.WhyNoPeak())
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PEAK\tSCORE\tFROM\tWHY")
	for _, p := range res.Peaks {
		fmt.Fprintf(tw, "%s\t%.2f\t%s\t%s\n", p.Name, p.Score, p.Source, p.Explanation)
	}
	for _, p := range res.Hidden {
		fmt.Fprintf(tw, "%s\t-\thidden\t%s\n", p.Name, p.Explanation)
	}
	return tw.Flush()
}
