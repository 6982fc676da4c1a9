package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
)

const defaultModelHint = model.DefaultName + " when installed"

// openModel loads the model the library of album uses (library.ModelFor: its own, else name, else the
// default one when installed); without one the command goes on and says so. It returns the model (nil
// without one), its folder and a function that closes it.
func openModel(env *Env, album, name string) (library.Model, string, func(), error) {
	m, dir, err := library.OpenModelFor(env.DataRoot, album, name)
	if errors.Is(err, library.ErrNoModel) {
		fmt.Fprintln(env.Stderr, err)
		return nil, "", func() {}, nil
	}
	if err != nil {
		return nil, "", func() {}, err
	}
	return m, dir, func() { m.Close() }, nil
}

// runModel lists, fetches, locates and tokenizes with image–text models.
func runModel(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want list, fetch, tokenize or path", errUsage)
	}
	switch args[0] {
	case "list":
		return modelList(env, args[1:])
	case "fetch":
		return modelFetch(ctx, env, args[1:])
	case "tokenize":
		return modelTokenize(env, args[1:])
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
	fmt.Fprintln(tw, "NAME\tDIM\tDOWNLOAD\tLANGUAGES\tSTATUS")
	for _, m := range models {
		dim, download, languages := "-", "-", "-"
		if m.Known {
			dim = fmt.Sprint(m.Entry.Dim)
			download = fmt.Sprintf("≈%.1f GB", float64(m.Entry.DownloadBytes())/(1<<30))
			languages = m.Entry.Languages
		}
		status := "not installed"
		switch {
		case m.Installed && m.Known:
			status = fmt.Sprintf("installed, %d MB", m.Bytes>>20)
		case m.Installed:
			status = fmt.Sprintf("installed, %d MB, not in the catalogue", m.Bytes>>20)
		case !m.Known:
			status = "incomplete folder"
		}
		if m.Name == model.DefaultName {
			status += " (default)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, dim, download, languages, status)
	}
	return tw.Flush()
}

// modelTokenize prints the ids the text tower would get for each text: the model's own cleaning, special
// tokens, truncation and padding. It needs only the model's tokenizer files, not ONNX Runtime.
func modelTokenize(env *Env, args []string) error {
	fs := flag.NewFlagSet("model tokenize", flag.ContinueOnError)
	name := fs.String("model", "", "model name or folder (default: "+model.DefaultName+")")
	asJSON := fs.Bool("json", false, "print one JSON object per text")
	language := fs.String("language", "", "the query language as Immich passes it (a code such as de or pt-BR)")
	// Flags come first; everything after them is text, even when it starts with "-" ("-40°C").
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	texts := fs.Args()
	if len(texts) == 0 {
		return fmt.Errorf("%w: model tokenize wants at least one text", errUsage)
	}
	dir := *name
	if dir == "" {
		dir = model.DefaultName
	}
	if !strings.ContainsAny(dir, `/\`) {
		if _, err := os.Stat(dir); err != nil {
			dir = filepath.Join(model.ModelsDir(env.DataRoot), dir)
		}
	}
	text, err := model.LoadText(dir, model.CacheDir(env.DataRoot))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, t := range texts {
		ids := text.Tokenize(t, *language)
		if *asJSON {
			if err := enc.Encode(struct {
				Text string `json:"text"`
				IDs  []int  `json:"ids"`
			}{t, ids}); err != nil {
				return err
			}
			continue
		}
		parts := make([]string, len(ids))
		for i, id := range ids {
			parts[i] = strconv.Itoa(id)
		}
		fmt.Fprintln(env.Stdout, strings.Join(parts, " "))
	}
	return nil
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
