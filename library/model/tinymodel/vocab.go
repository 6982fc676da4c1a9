package tinymodel

import (
	"fmt"
	"sort"
)

// vocabulary builds a SentencePiece-style BPE vocabulary: special tokens, the 256 byte-fallback tokens,
// "▁" and the letters, then every prefix of each "▁word" with the merge that makes it. It also returns
// the text tower's word table, dim floats per token.
func vocabulary() (map[string]int, [][2]string, []float32) {
	vocab := map[string]int{}
	var order []string
	add := func(tok string) {
		if _, ok := vocab[tok]; !ok {
			vocab[tok] = len(order)
			order = append(order, tok)
		}
	}
	for _, s := range []string{"<pad>", "<eos>", "<bos>", "<unk>"} {
		add(s)
	}
	for b := 0; b < 256; b++ {
		add(fmt.Sprintf("<0x%02X>", b))
	}
	add("▁")
	for c := 'a'; c <= 'z'; c++ {
		add(string(c))
	}
	words := plainWords()
	for w := range colours() {
		words = append(words, w)
	}
	sort.Strings(words)
	var merges [][2]string
	for _, w := range words {
		prefix := "▁"
		for _, c := range w {
			next := prefix + string(c)
			if _, ok := vocab[next]; !ok {
				add(next)
				merges = append(merges, [2]string{prefix, string(c)})
			}
			prefix = next
		}
	}
	table := make([]float32, dim*len(order))
	for _, w := range plainWords() {
		table[dim*vocab["▁"+w]+3] = 0.2
	}
	for w, rgb := range colours() {
		row := table[dim*vocab["▁"+w]:]
		for i, c := range rgb {
			row[i] = c/255*2 - 1
		}
		row[3] = 1
	}
	return vocab, merges, table
}

func tokenizerJSON(vocab map[string]int, merges [][2]string) map[string]any {
	return map[string]any{
		"version":      "1.0",
		"added_tokens": []map[string]any{{"id": 0, "content": "<pad>", "special": true}, {"id": 1, "content": "<eos>", "special": true}},
		"normalizer": map[string]any{"type": "Sequence", "normalizers": []map[string]any{
			{"type": "Prepend", "prepend": "▁"},
			{"type": "Replace", "pattern": map[string]any{"String": " "}, "content": "▁"},
		}},
		"pre_tokenizer": nil,
		"model": map[string]any{"type": "BPE", "unk_token": "<unk>", "fuse_unk": true, "byte_fallback": true,
			"vocab": vocab, "merges": merges},
		"post_processor": map[string]any{"type": "TemplateProcessing",
			"single": []map[string]any{{"Sequence": map[string]any{"id": "A", "type_id": 0}},
				{"SpecialToken": map[string]any{"id": "<eos>", "type_id": 0}}},
			"special_tokens": map[string]any{"<eos>": map[string]any{"id": "<eos>", "ids": []int{1}, "tokens": []string{"<eos>"}}}},
	}
}
