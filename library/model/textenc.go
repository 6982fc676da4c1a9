package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/cairn-photos/cairn/library/model/tokenizer"
)

// Text is a model's text side without ONNX Runtime: Immich's cleaning, the tokenizer, its special tokens,
// truncation and padding to the context length. It is what the text tower gets, and is safe for concurrent use.
type Text struct {
	name    string
	clean   string // "canonicalize" or "" (whitespace only)
	context int
	padID   int
	nllb    bool
	tokens  *tokenizer.Tokenizer
}

// textFiles finds the tokenizer files of the model in dir: textual/ in Immich's layout, or dir itself for a
// folder that holds only them.
func textFiles(dir string) (string, error) {
	for _, sub := range []string{"textual", "."} {
		if _, err := os.Stat(filepath.Join(dir, sub, "tokenizer.json")); err == nil {
			return filepath.Join(dir, sub), nil
		}
	}
	return "", fmt.Errorf("%w: %s has no textual/tokenizer.json (for a known model run `cairn model fetch %s`)",
		ErrUnavailable, dir, filepath.Base(dir))
}

// LoadText reads the text side of the model in dir: its tokenizer.json, tokenizer_config.json and, when
// present, config.json (context length and cleaning; without it, 77 tokens and no canonicalisation, as
// Immich assumes). The tokenizer's compact cache goes beside tokenizer.json, or into cacheDir when the model
// folder is read-only ("" for no fallback).
func LoadText(dir, cacheDir string) (*Text, error) {
	textDir, err := textFiles(dir)
	if err != nil {
		return nil, err
	}
	t := &Text{name: filepath.Base(filepath.Clean(dir)), context: 77}
	t.nllb = strings.HasPrefix(t.name, "nllb")
	var cfg config
	switch err := readJSON(filepath.Join(dir, "config.json"), &cfg); {
	case err == nil:
		if cfg.TextCfg.ContextLength > 0 {
			t.context = cfg.TextCfg.ContextLength
		}
		if cfg.TextCfg.TokenizerKwargs.Clean == "canonicalize" {
			t.clean = "canonicalize"
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	if t.tokens, err = tokenizer.LoadCached(filepath.Join(textDir, "tokenizer.json"), cacheDir); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	pad := padToken(textDir, isSigLIP(t.name, cfg))
	var ok bool
	if t.padID, ok = t.tokens.TokenID(pad); !ok {
		return nil, fmt.Errorf("%w: model %s: pad token %q not in the tokenizer", ErrUnavailable, dir, pad)
	}
	return t, nil
}

// Tokenize returns the ids the text tower gets for a query: Immich's cleaning, the language code an NLLB
// model expects in front (language is the query's language as Immich passes it: a Weblate code such as
// "de" or "pt-BR", "" when unknown), the tokenizer's own special tokens, truncation and padding.
func (t *Text) Tokenize(text, language string) []int {
	text = cleanText(text, t.clean)
	if t.nllb && language != "" {
		text = floresCode(language) + text
	}
	return t.tokens.EncodePadded(text, t.context, t.padID)
}

// Context is the number of ids Tokenize returns.
func (t *Text) Context() int { return t.context }

// CacheDir is where a data root keeps tokenizer caches for model folders that are read-only.
func CacheDir(dataRoot string) string { return filepath.Join(dataRoot, "cache", "tokenizers") }
