package model

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// wordTokenizer is a tokenizer.json whose vocabulary is a few whole words, with added tokens for padding,
// the end of the text and one FLORES-200 language code.
const wordTokenizer = `{
  "added_tokens": [{"id": 0, "content": "<pad>"}, {"id": 1, "content": "</s>"},
    {"id": 2, "content": "deu_Latn", "special": true}],
  "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "▁"},
  "model": {"type": "BPE", "unk_token": "<unk>", "vocab": {"<pad>": 0, "</s>": 1, "deu_Latn": 2, "<unk>": 3,
    "a": 4, "b": 5, "▁": 6, "A": 7, "ab": 8}, "merges": ["a b"]},
  "post_processor": {"type": "TemplateProcessing", "single": [{"Sequence": {"id": "A"}}, {"SpecialToken": {"id": "</s>"}}],
    "special_tokens": {"</s>": {"id": "</s>", "ids": [1], "tokens": ["</s>"]}}}
}`

func writeTextModel(t *testing.T, name, config string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	files := map[string]string{"tokenizer.json": wordTokenizer, "tokenizer_config.json": `{"pad_token": "<pad>"}`}
	if config != "" {
		files["config.json"] = config
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadTextFollowsConfig(t *testing.T) {
	// Without config.json: Immich's defaults, 77 tokens and whitespace cleaning only.
	text, err := LoadText(writeTextModel(t, "plain", ""), "")
	if err != nil {
		t.Fatal(err)
	}
	if got := text.Tokenize("  A   ab!", ""); len(got) != 77 || !reflect.DeepEqual(got[:6], []int{7, 6, 8, 3, 1, 0}) {
		t.Errorf("whitespace cleaning: %v", got[:8])
	}
	text, err = LoadText(writeTextModel(t, "canon", `{"text_cfg": {"context_length": 5, "tokenizer_kwargs": {"clean": "canonicalize"}}}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text.Tokenize("  A   ab!", ""), []int{4, 6, 8, 1, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("canonicalize: %v, want %v", got, want)
	}
	// Truncation keeps the end token.
	if got, want := text.Tokenize("a a a a a a", ""), []int{4, 6, 4, 6, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("truncated: %v, want %v", got, want)
	}
}

func TestNLLBModelsGetTheLanguageCode(t *testing.T) {
	text, err := LoadText(writeTextModel(t, "nllb-clip-base-siglip__v1", `{"text_cfg": {"context_length": 4}}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text.Tokenize("ab", "de-AT"), []int{2, 8, 1, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("nllb with de-AT: %v, want %v", got, want)
	}
	if got, want := text.Tokenize("ab", ""), []int{8, 1, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("nllb without a language: %v, want %v", got, want)
	}
	other, err := LoadText(writeTextModel(t, "ViT-B-16-SigLIP2__webli", `{"text_cfg": {"context_length": 4}}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := other.Tokenize("ab", "de"), []int{8, 1, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("other models ignore the language: %v, want %v", got, want)
	}
	for lang, want := range map[string]string{"pt-BR": "por_Latn", "de-AT": "deu_Latn", "zh-TW": "zho_Hant", "xx": "eng_Latn"} {
		if got := floresCode(lang); got != want {
			t.Errorf("floresCode(%s) = %s, want %s", lang, got, want)
		}
	}
}
