package model

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// modelFiles are the files of a model in Immich's layout, as its Hugging Face repositories hold them.
func modelFiles() []string {
	return []string{
		"config.json",
		"visual/preprocess_cfg.json",
		"textual/tokenizer.json",
		"textual/tokenizer_config.json",
		"textual/special_tokens_map.json",
		"textual/model.onnx",
		"visual/model.onnx",
	}
}

// knownModels are the downloadable models Cairn has been written for, with a one-line description.
func knownModels() map[string]string {
	return map[string]string{
		DefaultName:        "SigLIP-2 ViT-B/16, 768-d, 224 px, context 64 (default)",
		"ViT-B-32__openai": "OpenAI CLIP ViT-B/32, 512-d, 224 px, context 77",
	}
}

// Installed describes a model that is installed, downloadable, or both.
type Installed struct {
	Name        string
	Dir         string // where it is or would be installed
	Installed   bool   // config.json and both towers are present
	Known       bool   // Cairn knows how to fetch it
	Description string
	Bytes       int64 // size on disk when installed
}

// ModelsDir is where models live under a data root (what `cairn model path` prints).
func ModelsDir(dataRoot string) string { return filepath.Join(dataRoot, "models") }

// Resolve turns a --model value into a model directory: a path (anything with a separator, or an existing
// directory) as it is, else dataRoot/models/<name>; "" means DefaultName. A missing model is an error
// wrapping ErrUnavailable that says how to fetch it.
func Resolve(dataRoot, nameOrDir string) (string, error) {
	if nameOrDir == "" {
		nameOrDir = DefaultName
	}
	dir := filepath.Join(ModelsDir(dataRoot), nameOrDir)
	if strings.ContainsAny(nameOrDir, `/\`) || isDir(nameOrDir) {
		dir = nameOrDir
	}
	if !complete(dir) {
		return "", fmt.Errorf("%w: no model at %s (for a known model run `cairn model fetch %s`)",
			ErrUnavailable, dir, filepath.Base(nameOrDir))
	}
	return dir, nil
}

// List returns the installed models under dataRoot/models and the known ones not yet fetched, by name.
func List(dataRoot string) ([]Installed, error) {
	known := knownModels()
	byName := map[string]Installed{}
	for name, desc := range known {
		byName[name] = Installed{Name: name, Dir: filepath.Join(ModelsDir(dataRoot), name), Known: true, Description: desc}
	}
	entries, err := os.ReadDir(ModelsDir(dataRoot))
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("list models: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		in := byName[e.Name()]
		in.Name, in.Dir = e.Name(), filepath.Join(ModelsDir(dataRoot), e.Name())
		in.Installed = complete(in.Dir)
		if in.Installed {
			in.Bytes = dirSize(in.Dir)
		}
		byName[e.Name()] = in
	}
	out := make([]Installed, 0, len(byName))
	for _, in := range byName {
		out = append(out, in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func complete(dir string) bool {
	for _, f := range []string{"config.json", "visual/model.onnx", "textual/model.onnx", "textual/tokenizer.json"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			return false
		}
	}
	return true
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
