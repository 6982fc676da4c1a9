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

// CatalogEntry is one of Immich's image–text models that Cairn can run: its tokenizer is one Cairn reads
// (OpenAI's CLIP BPE or SigLIP-2's Gemma BPE) and its preprocessing one Cairn implements. Immich's other
// models need SentencePiece Unigram or WordPiece tokenizers with a precompiled character map, which Cairn
// refuses with an error that names them.
type CatalogEntry struct {
	Name      string
	Family    string // "CLIP" or "SigLIP-2"
	Dim       int    // embedding length
	Params    int    // millions of parameters, image and text towers together
	Languages string // "English" or "multilingual"
}

// DownloadBytes is the approximate download: Immich's exports hold float32 weights, four bytes a parameter
// (the exact sizes and hashes are checked when fetching).
func (e CatalogEntry) DownloadBytes() int64 { return int64(e.Params) * 4 << 20 }

// Catalog lists the models Cairn can run, by name. Dimensions and parameter counts are open_clip's.
func Catalog() []CatalogEntry {
	clip := func(name string, dim, params int) CatalogEntry {
		return CatalogEntry{Name: name, Family: "CLIP", Dim: dim, Params: params, Languages: "English"}
	}
	siglip2 := func(name string, dim, params int) CatalogEntry {
		return CatalogEntry{Name: name, Family: "SigLIP-2", Dim: dim, Params: params, Languages: "multilingual"}
	}
	entries := []CatalogEntry{
		siglip2("ViT-B-16-SigLIP2__webli", 768, 375),
		siglip2("ViT-B-32-SigLIP2-256__webli", 768, 377),
		siglip2("ViT-L-16-SigLIP2-256__webli", 1024, 882),
		siglip2("ViT-L-16-SigLIP2-384__webli", 1024, 882),
		siglip2("ViT-L-16-SigLIP2-512__webli", 1024, 882),
		siglip2("ViT-SO400M-14-SigLIP2__webli", 1152, 1136),
		siglip2("ViT-SO400M-14-SigLIP2-378__webli", 1152, 1136),
		siglip2("ViT-SO400M-16-SigLIP2-256__webli", 1152, 1136),
		siglip2("ViT-SO400M-16-SigLIP2-384__webli", 1152, 1136),
		siglip2("ViT-SO400M-16-SigLIP2-512__webli", 1152, 1136),
		siglip2("ViT-gopt-16-SigLIP2-256__webli", 1536, 1871),
		siglip2("ViT-gopt-16-SigLIP2-384__webli", 1536, 1871),
		clip("ViT-B-32__openai", 512, 151),
		clip("ViT-B-16__openai", 512, 150),
		clip("ViT-L-14__openai", 768, 428),
		clip("ViT-L-14-336__openai", 768, 428),
		clip("RN50__openai", 1024, 102),
		clip("RN50__cc12m", 1024, 102),
		clip("RN50__yfcc15m", 1024, 102),
		clip("RN101__openai", 512, 120),
		clip("RN101__yfcc15m", 512, 120),
		clip("RN50x4__openai", 640, 178),
		clip("RN50x16__openai", 768, 291),
		clip("RN50x64__openai", 1024, 623),
		clip("ViT-B-32__laion2b-s34b-b79k", 512, 151),
		clip("ViT-B-32__laion2b_e16", 512, 151),
		clip("ViT-B-32__laion400m_e31", 512, 151),
		clip("ViT-B-32__laion400m_e32", 512, 151),
		clip("ViT-B-16__laion400m_e31", 512, 150),
		clip("ViT-B-16__laion400m_e32", 512, 150),
		clip("ViT-B-16-plus-240__laion400m_e31", 640, 208),
		clip("ViT-B-16-plus-240__laion400m_e32", 640, 208),
		clip("ViT-L-14__laion400m_e31", 768, 428),
		clip("ViT-L-14__laion400m_e32", 768, 428),
		clip("ViT-L-14__laion2b-s32b-b82k", 768, 428),
		clip("ViT-L-14-quickgelu__dfn2b", 768, 428),
		clip("ViT-H-14__laion2b-s32b-b79k", 1024, 986),
		clip("ViT-H-14-quickgelu__dfn5b", 1024, 986),
		clip("ViT-H-14-378-quickgelu__dfn5b", 1024, 987),
		clip("ViT-g-14__laion2b-s12b-b42k", 1024, 1367),
	}
	return entries
}

// catalogEntry finds a model of the catalogue by name.
func catalogEntry(name string) (CatalogEntry, bool) {
	for _, e := range Catalog() {
		if e.Name == name {
			return e, true
		}
	}
	return CatalogEntry{}, false
}

// describe is the one-line description of a catalogue model.
func (e CatalogEntry) describe() string {
	d := fmt.Sprintf("%s, %d-d, %s, about %s to download", e.Family, e.Dim, e.Languages, humanBytes(e.DownloadBytes()))
	if e.Name == DefaultName {
		d += " (default)"
	}
	return d
}

func humanBytes(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	}
	return fmt.Sprintf("%d MB", n>>20)
}

// Installed describes a model that is installed, downloadable, or both.
type Installed struct {
	Name        string
	Dir         string // where it is or would be installed
	Installed   bool   // config.json and both towers are present
	Known       bool   // in Cairn's catalogue: Cairn can fetch and run it
	Description string
	Bytes       int64        // size on disk when installed
	Entry       CatalogEntry // when Known: dimension, download size, languages
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
	byName := map[string]Installed{}
	for _, e := range Catalog() {
		byName[e.Name] = Installed{Name: e.Name, Dir: filepath.Join(ModelsDir(dataRoot), e.Name), Known: true,
			Description: e.describe(), Entry: e}
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
