package tokenizer

import "testing"

// FuzzEncode feeds arbitrary text (search queries come straight from users) to the SentencePiece and the
// CLIP tokenizer. Encoding must return, never panic, give only ids the tokenizer knows, and EncodePadded
// must give exactly the length asked for. `go test -fuzz FuzzEncode ./library/model/tokenizer/` searches on.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "prayer flags", "Ama Dablam at dawn", "  yak\ton a\nbridge  ", "ÆØÅ — 珠穆朗玛峰 🏔️",
		"\xff\xfe invalid utf-8", "<eos><pad>", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"} {
		f.Add(s)
	}
	toks := map[string]*Tokenizer{}
	for name, js := range map[string]string{"sentencepiece": sentencePieceJSON, "clip": clipJSON} {
		tok, err := Parse([]byte(js))
		if err != nil {
			f.Fatal(err)
		}
		toks[name] = tok
	}
	f.Fuzz(func(t *testing.T, text string) {
		for name, tok := range toks {
			known := tok.knownIDs()
			for _, id := range tok.Encode(text) {
				if !known[id] {
					t.Fatalf("%s: Encode(%q) gave unknown id %d", name, text, id)
				}
			}
			if ids := tok.EncodePadded(text, 16, 0); len(ids) != 16 {
				t.Fatalf("%s: EncodePadded(%q, 16) gave %d ids", name, text, len(ids))
			}
		}
	})
}

// knownIDs is every id of the vocabulary and the added tokens.
func (t *Tokenizer) knownIDs() map[int]bool {
	out := map[int]bool{}
	for _, id := range t.model.vocab.ids {
		out[int(id)] = true
	}
	for _, id := range t.added {
		out[id] = true
	}
	return out
}

// FuzzParse feeds arbitrary bytes to Parse, as a damaged or foreign tokenizer.json would be: it must return
// an error or a tokenizer that encodes without panicking.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sentencePieceJSON))
	f.Add([]byte(clipJSON))
	f.Add([]byte(`{"model":{"type":"BPE","vocab":{},"merges":[]}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := Parse(data)
		if err != nil {
			return
		}
		tok.Encode("Ama Dablam, prayer flags ÆØÅ \xff")
		if ids := tok.EncodePadded("yak on a bridge", 8, 0); len(ids) != 8 {
			t.Fatalf("EncodePadded gave %d ids", len(ids))
		}
	})
}
