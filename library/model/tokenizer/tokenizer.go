// Package tokenizer encodes text with a Hugging Face tokenizer.json the way Hugging Face's tokenizers
// library does: added tokens found first, then normalizer → pre-tokenizer → model → post-processor. The
// model is BPE — with byte fallback (Gemma, SigLIP-2) or over GPT-2's byte-level alphabet with an
// end-of-word suffix (CLIP). Parts it does not implement are refused with an error that names them.
package tokenizer

import (
	"encoding/json"
	"fmt"
	"os"
)

// Tokenizer turns text into token ids. It is read-only after Load and safe for concurrent use.
type Tokenizer struct {
	normalize  normalizer
	pre        preTokenizer
	model      *bpe
	post       postProcessor
	added      map[string]int
	raw        *addedSplitter // added tokens matched in the text as given
	normalized *addedSplitter // added tokens matched in the normalized text
}

// parts is a tokenizer.json split into its small settings (config: the whole file without the
// vocabulary and merges, still JSON) and its two large tables.
type parts struct {
	config        []byte
	vocab, merges []byte
}

// config is the part of tokenizer.json besides the vocabulary and merges.
type config struct {
	AddedTokens   []addedToken    `json:"added_tokens"`
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
	p, err := split(data)
	if err != nil {
		return nil, err
	}
	t, _, err := parseParts(p)
	return t, err
}

// split separates the tables from the settings without decoding the tables.
func split(data []byte) (parts, error) {
	top, model, err := sections(data, "model")
	if err != nil {
		return parts{}, fmt.Errorf("parse tokenizer.json: %w", err)
	}
	if model == nil {
		return parts{}, fmt.Errorf("tokenizer.json has no model")
	}
	p := parts{vocab: model["vocab"], merges: model["merges"]}
	if p.vocab == nil {
		return parts{}, fmt.Errorf("model has no vocab")
	}
	delete(model, "vocab")
	delete(model, "merges")
	if top["model"], err = json.Marshal(model); err != nil {
		return parts{}, fmt.Errorf("parse tokenizer.json model: %w", err)
	}
	if p.config, err = json.Marshal(top); err != nil {
		return parts{}, fmt.Errorf("parse tokenizer.json: %w", err)
	}
	return p, nil
}

// parsedConfig is config decoded, with the model's options.
type parsedConfig struct {
	config
	prefix string // the model's continuing_subword_prefix, which merges need to form their tokens
}

func parseConfig(data []byte) (parsedConfig, error) {
	var c parsedConfig
	if err := json.Unmarshal(data, &c.config); err != nil {
		return c, fmt.Errorf("parse tokenizer.json: %w", err)
	}
	var o bpeOptions
	if err := json.Unmarshal(c.Model, &o); err != nil {
		return c, fmt.Errorf("model: %w", err)
	}
	if o.Type != "BPE" && o.Type != "" {
		return c, fmt.Errorf("model type %q is not supported (Cairn reads BPE tokenizers)", o.Type)
	}
	if o.Prefix != nil {
		c.prefix = *o.Prefix
	}
	return c, nil
}

// build assembles a Tokenizer from its settings and tables.
func build(c parsedConfig, vocab *vocabulary, merges *pairTable) (*Tokenizer, error) {
	t := &Tokenizer{added: map[string]int{}}
	var err error
	if t.normalize, err = parseNormalizer(c.Normalizer); err != nil {
		return nil, fmt.Errorf("normalizer: %w", err)
	}
	if t.pre, err = parsePreTokenizer(c.PreTokenizer); err != nil {
		return nil, fmt.Errorf("pre_tokenizer: %w", err)
	}
	if t.model, err = newBPE(c.Model, vocab, merges); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if t.post, err = parsePostProcessor(c.PostProcessor); err != nil {
		return nil, fmt.Errorf("post_processor: %w", err)
	}
	var raw, normalized []addedToken
	for _, a := range c.AddedTokens {
		t.added[a.Content] = a.ID
		if a.Normalized {
			a.Content = t.normalize.normalize(a.Content)
			normalized = append(normalized, a)
		} else {
			raw = append(raw, a)
		}
	}
	t.raw, t.normalized = newAddedSplitter(raw), newAddedSplitter(normalized)
	return t, nil
}

// TokenID returns the id of a token from the vocabulary or the added tokens.
func (t *Tokenizer) TokenID(token string) (int, bool) {
	if id, ok := t.added[token]; ok {
		return id, true
	}
	return t.model.vocab.get(token)
}

// Encode returns the ids of text with the post-processor's special tokens, without truncation or padding.
func (t *Tokenizer) Encode(text string) []int {
	return t.post.apply(t.encodeSequence(text))
}

// EncodePadded returns exactly length ids as Hugging Face's truncation and padding make them: the text's
// tokens cut so that the special tokens still fit, the special tokens, then padID up to length.
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

// encodeSequence encodes text without the post-processor: added tokens are found in the raw text, each
// stretch between them is normalized, searched again for normalized added tokens, pre-tokenized and
// encoded word by word.
func (t *Tokenizer) encodeSequence(text string) []int {
	var ids []int
	for _, seg := range t.raw.split(text) {
		if seg.id >= 0 {
			ids = append(ids, seg.id)
			continue
		}
		if seg.text == "" {
			continue
		}
		for _, nseg := range t.normalized.split(t.normalize.normalize(seg.text)) {
			if nseg.id >= 0 {
				ids = append(ids, nseg.id)
				continue
			}
			if nseg.text == "" {
				continue
			}
			for _, word := range t.pre.split([]string{nseg.text}) {
				ids = t.model.word(ids, word)
			}
		}
	}
	return ids
}
