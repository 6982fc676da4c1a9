package model

import (
	"strings"
	"unicode"

	"github.com/cairn-photos/cairn/library/model/tokenizer"
)

// cleanText is Immich's clean_text, exactly: whitespace collapsed as Python's " ".join(text.split()) does,
// then for "canonicalize" (SigLIP's tokenizer_kwargs.clean) Python's string.punctuation removed and the text
// lower-cased as Python's str.lower() does.
func cleanText(text, mode string) string {
	text = strings.Join(strings.FieldsFunc(text, pythonSpace), " ")
	if mode == "canonicalize" {
		text = tokenizer.PythonLower(strings.Map(func(r rune) rune {
			if r < 128 && strings.ContainsRune(pythonPunctuation, r) {
				return -1
			}
			return r
		}, text))
	}
	return text
}

// pythonPunctuation is Python's string.punctuation.
const pythonPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// pythonSpace is Python's str.isspace: Go's unicode.IsSpace and the four information separators
// U+001C–U+001F, which Python counts as whitespace.
func pythonSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1C && r <= 0x1F)
}
