package tinymodel

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cairn-photos/cairn/library/model/tokenizer"
)

func TestWriteMakesATokenizerThatKnowsColourWords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), Name)
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.Load(filepath.Join(dir, "textual", "tokenizer.json"))
	if err != nil {
		t.Fatal(err)
	}
	red, ok := tok.TokenID("▁red")
	if !ok {
		t.Fatal("▁red not in the vocabulary")
	}
	eos, _ := tok.TokenID("<eos>")
	if got := tok.Encode("red"); !reflect.DeepEqual(got, []int{red, eos}) {
		t.Errorf("Encode(red) = %v, want [%d %d]", got, red, eos)
	}
	// An unknown word falls back to letters, and a non-ASCII letter to its UTF-8 byte tokens.
	// No word starts with z, so "▁zé" stays ▁, z, then é's bytes C3 A9.
	want := []int{id(t, tok, "▁"), id(t, tok, "z"), id(t, tok, "<0xC3>"), id(t, tok, "<0xA9>"), eos}
	if got := tok.Encode("zé"); !reflect.DeepEqual(got, want) {
		t.Errorf("Encode(zé) = %v, want %v", got, want)
	}
	vocab, _, table := vocabulary()
	row := table[dim*vocab["▁red"] : dim*vocab["▁red"]+dim]
	if !reflect.DeepEqual(row, []float32{1, -1, -1, 1}) {
		t.Errorf("red's vector = %v", row)
	}
}

func id(t *testing.T, tok *tokenizer.Tokenizer, s string) int {
	t.Helper()
	n, ok := tok.TokenID(s)
	if !ok {
		t.Fatalf("%q not in the vocabulary", s)
	}
	return n
}
