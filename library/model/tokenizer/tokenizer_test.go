package tokenizer

import (
	"reflect"
	"testing"
)

// sentencePieceJSON is a hand-made Gemma/SigLIP-2-style tokenizer: spaces become ▁, no pre-tokenizer, BPE
// with byte fallback, and an end-of-sequence token appended by a template.
const sentencePieceJSON = `{
  "added_tokens": [{"id": 1, "content": "<pad>"}, {"id": 2, "content": "<eos>"}],
  "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "▁"},
  "pre_tokenizer": null,
  "model": {"type": "BPE", "unk_token": "<unk>", "fuse_unk": true, "byte_fallback": true,
    "vocab": {"<unk>": 0, "<pad>": 1, "<eos>": 2, "<0xC3>": 3, "<0xA9>": 4, "<0x21>": 5, "▁": 6, "c": 7,
      "a": 8, "t": 9, "ca": 10, "cat": 11, "▁cat": 12, "s": 13, "b": 14, "ab": 15, "bc": 16},
    "merges": ["b c", "a b", "c a", "ca t", "▁ cat"]},
  "post_processor": {"type": "TemplateProcessing",
    "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<eos>", "type_id": 0}}],
    "special_tokens": {"<eos>": {"id": "<eos>", "ids": [2], "tokens": ["<eos>"]}}}
}`

func TestSentencePieceBPE(t *testing.T) {
	tok, err := Parse([]byte(sentencePieceJSON))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text string
		want []int
	}{
		{" cat", []int{12, 2}},
		{" cats", []int{12, 13, 2}},
		// f is unknown and has no byte token → <unk>; é → its two UTF-8 bytes; ! → its byte token.
		{" café!", []int{6, 10, 0, 3, 4, 5, 2}},
		// Two unknown characters in a row fuse into one <unk>.
		{"ff", []int{0, 2}},
		// "b c" outranks "a b", so "abc" is a + bc, not ab + c.
		{"abc", []int{8, 16, 2}},
	}
	for _, c := range cases {
		if got := tok.Encode(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Encode(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestEncodePaddedKeepsSpecialTokens(t *testing.T) {
	tok, err := Parse([]byte(sentencePieceJSON))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tok.EncodePadded(" cat cat cat", 3, 1), []int{12, 12, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("truncated = %v, want %v", got, want)
	}
	if got, want := tok.EncodePadded(" cat", 5, 1), []int{12, 2, 1, 1, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("padded = %v, want %v", got, want)
	}
	if id, ok := tok.TokenID("<pad>"); !ok || id != 1 {
		t.Errorf("TokenID(<pad>) = %d, %v", id, ok)
	}
}

// clipJSON is a hand-made CLIP-style tokenizer: lower-case, whitespace collapsed, CLIP's word regex,
// byte-level runes, "</w>" on the last symbol of a word, and <start>/<end> around the text.
const clipJSON = `{
  "added_tokens": [{"id": 0, "content": "<|startoftext|>"}, {"id": 1, "content": "<|endoftext|>"}],
  "normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"},
    {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, {"type": "Lowercase"}]},
  "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
    {"type": "Split", "pattern": {"Regex": "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+"},
     "behavior": "Removed", "invert": true},
    {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
  "model": {"type": "BPE", "continuing_subword_prefix": "", "end_of_word_suffix": "</w>", "unk_token": null,
    "vocab": {"<|startoftext|>": 0, "<|endoftext|>": 1, "h": 2, "i": 3, "i</w>": 4, "hi</w>": 5, "!</w>": 6,
      "Ã": 7, "©</w>": 8, "Ã©</w>": 9, "c": 10, "a": 11, "f": 12, "2</w>": 13},
    "merges": [["h", "i</w>"], ["Ã", "©</w>"]]},
  "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", 1], "cls": ["<|startoftext|>", 0],
    "trim_offsets": false, "add_prefix_space": false}
}`

func TestCLIPByteLevelBPE(t *testing.T) {
	tok, err := Parse([]byte(clipJSON))
	if err != nil {
		t.Fatal(err)
	}
	// "Hi   CAFÉ!" → "hi café!" → words hi / café / ! → é is bytes C3 A9, shown as "Ã©".
	got := tok.Encode("Hi   CAFÉ!")
	want := []int{0, 5, 10, 11, 12, 9, 6, 1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Encode = %v, want %v", got, want)
	}
	// Digits split one by one; "22" is two words "2</w>".
	if got, want := tok.Encode("22"), []int{0, 13, 13, 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("Encode(22) = %v, want %v", got, want)
	}
}

func TestMergeOutsideVocabularyIsIgnored(t *testing.T) {
	tok, err := Parse([]byte(`{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "c": 3},
		"merges": ["b c", "a b"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := tok.Encode("abc"); !reflect.DeepEqual(got, []int{2, 3}) {
		t.Errorf("Encode(abc) = %v, want [2 3]", got)
	}
}

func TestBytesToUnicode(t *testing.T) {
	table := bytesToUnicode()
	for b, want := range map[byte]rune{' ': 'Ġ', 'a': 'a', 0xC3: 'Ã', '\n': 'Ċ', 0xAD: 'Ń'} {
		if table[b] != want {
			t.Errorf("byte %#x → %q, want %q", b, table[b], want)
		}
	}
}

func TestGPT2SplitGivesLastSpaceToNextWord(t *testing.T) {
	got := splitGPT2("hello   world's 42!")
	want := []string{"hello", "  ", " world", "'s", " 42", "!"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("split = %q, want %q", got, want)
	}
}

func TestMetaspaceSplitsBeforeEachWord(t *testing.T) {
	m := metaspace{replacement: "▁", prepend: "always", splitWords: true}
	got := m.split([]string{"a photo  of"})
	want := []string{"▁a", "▁photo", "▁", "▁of"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("split = %q, want %q", got, want)
	}
}

func TestUnsupportedPartsAreErrors(t *testing.T) {
	for _, bad := range []string{
		`{"model": {"type": "WordPiece", "vocab": {}}}`,
		`{"normalizer": {"type": "BertNormalizer"}, "model": {"type": "BPE", "vocab": {}, "merges": []}}`,
		`{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["ab"]}}`,
		`not json`,
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%s) succeeded", bad)
		}
	}
}

// TestConcurrentEncode runs encodings from several goroutines on one Tokenizer (run with -race).
func TestConcurrentEncode(t *testing.T) {
	tok, err := Parse([]byte(clipJSON))
	if err != nil {
		t.Fatal(err)
	}
	want := tok.EncodePadded("Hi   CAFÉ! 22", 10, 1)
	done := make(chan []int)
	for i := 0; i < 8; i++ {
		go func() { done <- tok.EncodePadded("Hi   CAFÉ! 22", 10, 1) }()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Errorf("concurrent encode = %v, want %v", got, want)
		}
	}
}
