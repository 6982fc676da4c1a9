package tokenizer

import (
	"encoding/json"
	"fmt"
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
