package model

import (
	"os"
	"path/filepath"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCLIPDefaultsWhenPreprocessConfigIsAbsent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ViT-B-32__openai")
	writeFiles(t, dir, map[string]string{
		"config.json":                   `{"embed_dim": 512, "vision_cfg": {"image_size": 224}, "text_cfg": {"context_length": 77}}`,
		"textual/tokenizer_config.json": `{"pad_token": {"content": "<|endoftext|>"}}`,
	})
	cfg, pre, err := readConfig(dir, "ViT-B-32__openai")
	if err != nil {
		t.Fatal(err)
	}
	if isSigLIP("ViT-B-32__openai", cfg) || pre.Mode != "shortest" || pre.Size != 224 || pre.Mean[0] != clipMeanR {
		t.Errorf("CLIP defaults wrong: %+v", pre)
	}
	if got := padToken(filepath.Join(dir, "textual"), false); got != "<|endoftext|>" {
		t.Errorf("pad token %q", got)
	}
}

func TestSigLIPConfigWithPreprocessFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), DefaultName)
	writeFiles(t, dir, map[string]string{
		"config.json": `{"embed_dim": 768, "vision_cfg": {"image_size": 224},
			"text_cfg": {"context_length": 64, "tokenizer_kwargs": {"clean": "canonicalize"}}}`,
		"visual/preprocess_cfg.json": `{"size": [256, 256], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5],
			"interpolation": "bicubic", "resize_mode": "squash"}`,
		"textual/tokenizer_config.json": `{"pad_token": "<pad>"}`,
	})
	cfg, pre, err := readConfig(dir, DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	if !isSigLIP(DefaultName, cfg) || cfg.TextCfg.ContextLength != 64 || cfg.EmbedDim != 768 {
		t.Errorf("config %+v", cfg)
	}
	if got := pre.String(); got != "squash 256x256 bicubic mean=0.5,0.5,0.5 std=0.5,0.5,0.5" {
		t.Errorf("preprocessing %q", got)
	}
}

func TestBadConfigsAreErrors(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no embed_dim": {"config.json": `{"vision_cfg": {"image_size": 224}}`},
		"bad json":     {"config.json": `{`},
		"bad mode": {"config.json": `{"embed_dim": 4, "vision_cfg": {"image_size": 8}}`,
			"visual/preprocess_cfg.json": `{"resize_mode": "letterbox"}`},
		"zero std": {"config.json": `{"embed_dim": 4, "vision_cfg": {"image_size": 8}}`,
			"visual/preprocess_cfg.json": `{"std": [0, 1, 1]}`},
	} {
		dir := t.TempDir()
		writeFiles(t, dir, files)
		if _, _, err := readConfig(dir, "x"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
