package tokenizer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// largeTokenizer builds a tokenizer.json with Gemma's proportions: 256k tokens and 250k merges.
func largeTokenizer(b *testing.B) []byte {
	b.Helper()
	vocab := map[string]int{"<unk>": 0}
	var merges [][2]string
	for i := 0; len(vocab) < 256000; i++ {
		left, right := fmt.Sprintf("▁w%d", i), fmt.Sprintf("x%d", i)
		vocab[left], vocab[right], vocab[left+right] = len(vocab), len(vocab)+1, len(vocab)+2
		merges = append(merges, [2]string{left, right})
	}
	data, err := json.Marshal(map[string]any{
		"normalizer": map[string]any{"type": "Replace", "pattern": map[string]any{"String": " "}, "content": "▁"},
		"model": map[string]any{"type": "BPE", "unk_token": "<unk>", "byte_fallback": true, "fuse_unk": true,
			"vocab": vocab, "merges": merges},
	})
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// BenchmarkParseLarge is the cost of loading a Gemma-sized tokenizer.json once per model Load.
func BenchmarkParseLarge(b *testing.B) {
	data := largeTokenizer(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeQuery is one typical query.
func BenchmarkEncodeQuery(b *testing.B) {
	tok, err := Parse([]byte(sentencePieceJSON))
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		tok.EncodePadded(" cat cats café abc cat cat cat cats", 64, 1)
	}
}

// gemmaFile writes the real Gemma tokenizer.json into a temporary folder.
func gemmaFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "tokenizer.json")
	if err := os.WriteFile(path, gemmaJSON(b), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkLoadGemmaJSON is the first load of the real 256k-token Gemma tokenizer.json (no cache).
func BenchmarkLoadGemmaJSON(b *testing.B) {
	path := gemmaFile(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadGemmaCached is every later load: the source is hashed and the binary cache read.
func BenchmarkLoadGemmaCached(b *testing.B) {
	path := gemmaFile(b)
	if _, err := LoadCached(path, ""); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := LoadCached(path, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeGemma encodes the golden texts with the real vocabulary; it reports tokens per second.
func BenchmarkEncodeGemma(b *testing.B) {
	tok, err := Parse(gemmaJSON(b))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	for _, e := range goldenEntries(b) {
		if e.Tokenizer == "gemma" && e.Mode == "whitespace" {
			texts = append(texts, e.Cleaned)
		}
	}
	b.ResetTimer()
	tokens := 0
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			tokens += len(tok.Encode(s))
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
