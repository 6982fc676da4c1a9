package model

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// config is the part of an Immich/open_clip config.json that Cairn reads.
type config struct {
	EmbedDim  int `json:"embed_dim"`
	VisionCfg struct {
		ImageSize json.RawMessage `json:"image_size"` // 224 or [224, 224]
	} `json:"vision_cfg"`
	TextCfg struct {
		ContextLength   int    `json:"context_length"`
		HFTokenizerName string `json:"hf_tokenizer_name"`
		TokenizerKwargs struct {
			Clean string `json:"clean"`
		} `json:"tokenizer_kwargs"`
	} `json:"text_cfg"`
}

// preprocessConfig is visual/preprocess_cfg.json.
type preprocessConfig struct {
	Size          json.RawMessage `json:"size"`
	Mean          []float32       `json:"mean"`
	Std           []float32       `json:"std"`
	Interpolation string          `json:"interpolation"`
	ResizeMode    string          `json:"resize_mode"`
}

// Preprocess says how an image becomes the image tower's input.
type Preprocess struct {
	Size          int        // S: the tower takes S×S
	Mode          string     // "squash" (straight to S×S) or "shortest" (shortest side to S, centre crop)
	Interpolation string     // "bicubic" or "bilinear"
	Mean, Std     [3]float32 // per channel, on values in [0, 1]
}

// String is a stable one-line description, stored in the library manifest.
func (p Preprocess) String() string {
	return fmt.Sprintf("%s %dx%d %s mean=%s std=%s", p.Mode, p.Size, p.Size, p.Interpolation,
		floats(p.Mean[:]), floats(p.Std[:]))
}

func floats(fs []float32) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = fmt.Sprintf("%g", f)
	}
	return strings.Join(parts, ",")
}

// OpenAI CLIP's normalisation.
const (
	clipMeanR, clipMeanG, clipMeanB = 0.48145466, 0.4578275, 0.40821073
	clipStdR, clipStdG, clipStdB    = 0.26862954, 0.26130258, 0.27577711
)

// isSigLIP tells the model family from the model's name or tokenizer settings.
func isSigLIP(name string, cfg config) bool {
	n := strings.ToLower(name + " " + cfg.TextCfg.HFTokenizerName)
	return strings.Contains(n, "siglip") || cfg.TextCfg.TokenizerKwargs.Clean == "canonicalize"
}

// readConfig reads config.json and visual/preprocess_cfg.json; values the files leave out come from the
// family's defaults (SigLIP: squash, mean = std = 0.5; CLIP: shortest side + centre crop, OpenAI mean/std).
func readConfig(dir, name string) (config, Preprocess, error) {
	var cfg config
	if err := readJSON(filepath.Join(dir, "config.json"), &cfg); err != nil {
		return cfg, Preprocess{}, err
	}
	if cfg.EmbedDim <= 0 {
		return cfg, Preprocess{}, fmt.Errorf("config.json in %s: embed_dim missing", dir)
	}
	if cfg.TextCfg.ContextLength <= 0 {
		cfg.TextCfg.ContextLength = 77
	}
	siglip := isSigLIP(name, cfg)
	pre := Preprocess{Mode: "shortest", Interpolation: "bicubic",
		Mean: [3]float32{clipMeanR, clipMeanG, clipMeanB}, Std: [3]float32{clipStdR, clipStdG, clipStdB}}
	if siglip {
		pre.Mode = "squash"
		pre.Mean = [3]float32{0.5, 0.5, 0.5}
		pre.Std = [3]float32{0.5, 0.5, 0.5}
	}
	pre.Size = sizeOf(cfg.VisionCfg.ImageSize)

	var pc preprocessConfig
	path := filepath.Join(dir, "visual", "preprocess_cfg.json")
	if _, err := os.Stat(path); err == nil {
		if err := readJSON(path, &pc); err != nil {
			return cfg, pre, err
		}
		if s := sizeOf(pc.Size); s > 0 {
			pre.Size = s
		}
		if len(pc.Mean) == 3 {
			copy(pre.Mean[:], pc.Mean)
		}
		if len(pc.Std) == 3 {
			copy(pre.Std[:], pc.Std)
		}
		if pc.Interpolation != "" {
			pre.Interpolation = pc.Interpolation
		}
		if pc.ResizeMode != "" {
			pre.Mode = pc.ResizeMode
		}
	}
	if pre.Size <= 0 {
		return cfg, pre, fmt.Errorf("model %s: image size missing from config.json and preprocess_cfg.json", dir)
	}
	switch pre.Mode {
	case "squash", "shortest":
	default:
		return cfg, pre, fmt.Errorf("model %s: unsupported resize_mode %q", dir, pre.Mode)
	}
	switch pre.Interpolation {
	case "bicubic", "bilinear":
	default:
		return cfg, pre, fmt.Errorf("model %s: unsupported interpolation %q", dir, pre.Interpolation)
	}
	for _, s := range pre.Std {
		if s == 0 {
			return cfg, pre, fmt.Errorf("model %s: std of 0", dir)
		}
	}
	return cfg, pre, nil
}

// sizeOf reads 224 or [224, 224] (square sizes only; the towers Cairn runs are square).
func sizeOf(raw json.RawMessage) int {
	var n int
	if json.Unmarshal(raw, &n) == nil {
		return n
	}
	var hw []int
	if json.Unmarshal(raw, &hw) == nil && len(hw) > 0 {
		return hw[0]
	}
	return 0
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %w", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// padToken finds the pad token's name: tokenizer_config.json, then special_tokens_map.json, each of which
// may hold it as a string or as {"content": ...}; CLIP exports without one pad with <|endoftext|>.
func padToken(textDir string, siglip bool) string {
	for _, name := range []string{"tokenizer_config.json", "special_tokens_map.json"} {
		var f struct {
			Pad json.RawMessage `json:"pad_token"`
		}
		if readJSON(filepath.Join(textDir, name), &f) != nil || len(f.Pad) == 0 {
			continue
		}
		var s string
		if json.Unmarshal(f.Pad, &s) == nil && s != "" {
			return s
		}
		var obj struct {
			Content string `json:"content"`
		}
		if json.Unmarshal(f.Pad, &obj) == nil && obj.Content != "" {
			return obj.Content
		}
	}
	if siglip {
		return "<pad>"
	}
	return "<|endoftext|>"
}
