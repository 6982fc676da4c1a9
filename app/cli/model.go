package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
)

const defaultModelHint = model.DefaultName + " when installed"

// openModel loads the model a command asked for, or the default one when installed; without one the command
// goes on and says so. It returns the model (nil without one), its folder and a function that closes it.
func openModel(env *Env, name string) (library.Model, string, func(), error) {
	m, dir, err := library.OpenModel(env.DataRoot, name)
	if errors.Is(err, library.ErrNoModel) {
		fmt.Fprintln(env.Stderr, err)
		return nil, "", func() {}, nil
	}
	if err != nil {
		return nil, "", func() {}, err
	}
	return m, dir, func() { m.Close() }, nil
}

// runModel lists, fetches and locates image–text models.
func runModel(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want list, fetch or path", errUsage)
	}
	switch args[0] {
	case "list":
		return modelList(env, args[1:])
	case "fetch":
		return modelFetch(ctx, env, args[1:])
	case "path":
		if len(args) != 1 {
			return fmt.Errorf("%w: model path takes no arguments", errUsage)
		}
		fmt.Fprintln(env.Stdout, model.ModelsDir(env.DataRoot))
		return nil
	default:
		return fmt.Errorf("%w: unknown model command %q", errUsage, args[0])
	}
}

func modelList(env *Env, args []string) error {
	if len(args) != 0 {
		return fmt.Errorf("%w: model list takes no arguments", errUsage)
	}
	models, err := model.List(env.DataRoot)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tSIZE\tDESCRIPTION")
	for _, m := range models {
		status, size := "not installed", "-"
		if m.Installed {
			status, size = "installed", fmt.Sprintf("%d MB", m.Bytes>>20)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Name, status, size, m.Description)
	}
	return tw.Flush()
}

func modelFetch(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("model fetch", flag.ContinueOnError)
	from := fs.String("from", model.DefaultBaseURL, "where to download from (a mirror of the model repositories)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return fmt.Errorf("%w: model fetch takes at most one name", errUsage)
	}
	name := model.DefaultName
	if len(pos) == 1 {
		name = pos[0]
	}
	opt := model.FetchOptions{BaseURL: *from}
	if isTerminal(env.Stderr) {
		opt.Progress = model.ProgressBar(env.Stderr)
	}
	err = model.Fetch(ctx, env.DataRoot, name, opt)
	if opt.Progress != nil {
		fmt.Fprintln(env.Stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "fetched %s into %s\n", name, filepath.Join(model.ModelsDir(env.DataRoot), name))
	return nil
}
