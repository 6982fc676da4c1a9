package tokenizer

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// goldenEntry is one line of testdata/golden.jsonl, written by testdata/gen (`make tokenizer-golden`): a
// text, Immich's cleaning of it, and the ids independent implementations give for the cleaned text.
type goldenEntry struct {
	Tokenizer string   `json:"tokenizer"` // "gemma" or "clip"
	Mode      string   `json:"mode"`      // Immich's cleaning: "whitespace" or "canonicalize"
	Text      string   `json:"text"`
	Cleaned   string   `json:"cleaned"`
	IDs       []int    `json:"ids"`     // with special tokens, untruncated
	Context   int      `json:"context"` // when Padded is set
	Padded    []int    `json:"padded"`  // truncated and padded with id 0 to Context
	Refs      []string `json:"refs"`
}

// GoldenEntries reads the golden file; other packages' tests use it through this package's testdata path.
func goldenEntries(t testing.TB) []goldenEntry {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldenEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e goldenEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("golden.jsonl line %d: %v", len(out)+1, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// gunzip reads a .gz file from the shared test data.
func gunzip(t testing.TB, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// gemmaJSON is the real Gemma tokenizer.json that SigLIP-2 uses.
func gemmaJSON(t testing.TB) []byte {
	t.Helper()
	return gunzip(t, filepath.Join(testenv.SharedDir(t, "tokenizers", "gemma"), "tokenizer.json.gz"))
}

// clipTokenizerJSON builds openai/clip-vit-base-patch32's tokenizer.json in Hugging Face's layout (as
// transformers' CLIPConverter writes it) from OpenAI's merges: the 256 byte-level characters, the same with
// </w>, one token per merge, and the start and end tokens.
func clipTokenizerJSON(t testing.TB) []byte {
	t.Helper()
	text := string(gunzip(t, filepath.Join(testenv.SharedDir(t, "tokenizers", "clip"), "bpe_simple_vocab_16e6.txt.gz")))
	merges := strings.Split(text, "\n")[1 : 49152-256-2+1]
	table := bytesToUnicode()
	var order []rune
	for b := 0; b < 256; b++ {
		if r := table[b]; r < 256 && r == rune(b) {
			order = append(order, r)
		}
	}
	for b := 0; b < 256; b++ {
		if r := table[b]; r >= 256 {
			order = append(order, r)
		}
	}
	var tokens []string
	for _, r := range order {
		tokens = append(tokens, string(r))
	}
	for _, r := range order {
		tokens = append(tokens, string(r)+"</w>")
	}
	for _, m := range merges {
		tokens = append(tokens, strings.Replace(m, " ", "", 1))
	}
	tokens = append(tokens, "<|startoftext|>", "<|endoftext|>")
	vocab := make(map[string]int, len(tokens))
	for i, tok := range tokens {
		vocab[tok] = i
	}
	special := func(id int, content string) map[string]any {
		return map[string]any{"id": id, "content": content, "single_word": false, "lstrip": false,
			"rstrip": false, "normalized": true, "special": true}
	}
	data, err := json.Marshal(map[string]any{
		"version":      "1.0",
		"added_tokens": []any{special(49406, "<|startoftext|>"), special(49407, "<|endoftext|>")},
		"normalizer": map[string]any{"type": "Sequence", "normalizers": []any{
			map[string]any{"type": "NFC"},
			map[string]any{"type": "Replace", "pattern": map[string]any{"Regex": `\s+`}, "content": " "},
			map[string]any{"type": "Lowercase"}}},
		"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
			map[string]any{"type": "Split", "pattern": map[string]any{
				"Regex": `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`},
				"behavior": "Removed", "invert": true},
			map[string]any{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true}}},
		"post_processor": map[string]any{"type": "RobertaProcessing", "sep": []any{"<|endoftext|>", 49407},
			"cls": []any{"<|startoftext|>", 49406}, "trim_offsets": false, "add_prefix_space": false},
		"decoder": map[string]any{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true},
		"model": map[string]any{"type": "BPE", "dropout": nil, "unk_token": "<|endoftext|>",
			"continuing_subword_prefix": "", "end_of_word_suffix": "</w>", "fuse_unk": false,
			"byte_fallback": false, "vocab": vocab, "merges": merges},
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGolden compares every entry of the golden file with the real Gemma vocabulary and OpenAI's CLIP merges.
func TestGolden(t *testing.T) {
	entries := goldenEntries(t)
	for _, name := range []string{"gemma", "clip"} {
		t.Run(name, func(t *testing.T) {
			var data []byte
			if name == "gemma" {
				data = gemmaJSON(t)
			} else {
				data = clipTokenizerJSON(t)
			}
			tok, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			checked, failed := 0, 0
			for _, e := range entries {
				if e.Tokenizer != name {
					continue
				}
				checked++
				got := tok.Encode(e.Cleaned)
				if !reflect.DeepEqual(got, e.IDs) {
					failed++
					if failed <= 20 {
						t.Errorf("%s %q: Encode = %v, want %v (%v)", e.Mode, e.Cleaned, got, e.IDs, e.Refs)
					}
					continue
				}
				if e.Padded != nil {
					if got := tok.EncodePadded(e.Cleaned, e.Context, 0); !reflect.DeepEqual(got, e.Padded) {
						failed++
						t.Errorf("%s %q: EncodePadded(%d) = %v, want %v", e.Mode, e.Cleaned, e.Context, got, e.Padded)
					}
				}
			}
			if checked < 600 {
				t.Errorf("only %d golden entries for %s", checked, name)
			}
			t.Logf("%s: %d of %d golden entries match", name, checked-failed, checked)
		})
	}
}
