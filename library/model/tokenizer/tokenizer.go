// Package tokenizer encodes text with a Hugging Face tokenizer.json: the SentencePiece-style BPE with byte
// fallback that Gemma and SigLIP-2 use, and CLIP's byte-level BPE with an end-of-word suffix. It implements
// the parts of the tokenizers pipeline those files use (normalizer → pre-tokenizer → BPE → post-processor)
// and refuses, with an error, the parts it does not know.
package tokenizer

import (
	"encoding/json"
	"fmt"
	"os"
)

// Tokenizer turns text into token ids. It is read-only after Load and safe for concurrent use.
type Tokenizer struct {
	normalize normalizer
	pre       preTokenizer
	model     *bpe
	post      postProcessor
	added     map[string]int
}

// file is the part of tokenizer.json that Cairn reads.
type file struct {
	AddedTokens []struct {
		ID      int    `json:"id"`
		Content string `json:"content"`
	} `json:"added_tokens"`
	Normalizer    json.RawMessage `json:"normalizer"`
	PreTokenizer  json.RawMessage `json:"pre_tokenizer"`
	Model         json.RawMessage `json:"model"`
	PostProcessor json.RawMessage `json:"post_processor"`
}

// Load reads a tokenizer.json file.
func Load(path string) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read tokenizer: %w", err)
	}
	t, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer %s: %w", path, err)
	}
	return t, nil
}

// Parse builds a Tokenizer from the bytes of a tokenizer.json.
func Parse(data []byte) (*Tokenizer, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("parse tokenizer.json: %w", err)
	}
	t := &Tokenizer{added: map[string]int{}}
	for _, a := range f.AddedTokens {
		t.added[a.Content] = a.ID
	}
	var err error
	if t.normalize, err = parseNormalizer(f.Normalizer); err != nil {
		return nil, fmt.Errorf("normalizer: %w", err)
	}
	if t.pre, err = parsePreTokenizer(f.PreTokenizer); err != nil {
		return nil, fmt.Errorf("pre_tokenizer: %w", err)
	}
	if t.model, err = parseBPE(f.Model); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if t.post, err = parsePostProcessor(f.PostProcessor); err != nil {
		return nil, fmt.Errorf("post_processor: %w", err)
	}
	return t, nil
}

// TokenID returns the id of a token from the vocabulary or the added tokens.
func (t *Tokenizer) TokenID(token string) (int, bool) {
	if id, ok := t.added[token]; ok {
		return id, true
	}
	id, ok := t.model.vocab[token]
	return id, ok
}

// Encode returns the ids of text with the post-processor's special tokens, without truncation or padding.
func (t *Tokenizer) Encode(text string) []int {
	return t.post.apply(t.encodeSequence(text))
}

// EncodePadded returns exactly length ids: the text's tokens truncated so that the special tokens still fit
// (as Hugging Face truncation does), the special tokens, then padID up to length.
func (t *Tokenizer) EncodePadded(text string, length, padID int) []int {
	ids := t.encodeSequence(text)
	if room := length - t.post.added(); len(ids) > room {
		ids = ids[:max(room, 0)]
	}
	ids = t.post.apply(ids)
	if len(ids) > length {
		ids = ids[:length]
	}
	for len(ids) < length {
		ids = append(ids, padID)
	}
	return ids
}

func (t *Tokenizer) encodeSequence(text string) []int {
	text = t.normalize.normalize(text)
	var ids []int
	for _, word := range t.pre.split([]string{text}) {
		ids = append(ids, t.model.word(word)...)
	}
	return ids
}
