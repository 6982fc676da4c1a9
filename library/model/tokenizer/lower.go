package tokenizer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Go's strings.ToLower uses the simple case mapping; Python's str.lower() and Rust's char::to_lowercase use
// the full one, which differs for one character: İ (U+0130) becomes i + combining dot above.
const dottedCapitalI = '\u0130'

// lowerChars lower-cases each character on its own with the full mapping, as Rust's char::to_lowercase
// does for Hugging Face's Lowercase normalizer.
func lowerChars(s string) string {
	return strings.Map(unicode.ToLower, strings.ReplaceAll(s, string(dottedCapitalI), "i\u0307"))
}

// PythonLower is Python's str.lower(): the full lower-case mapping, and Σ becomes final ς at the end of a
// word (after a cased letter and not before one, skipping case-ignorable characters), as Immich's text
// cleaning does.
func PythonLower(s string) string {
	if !strings.ContainsRune(s, 'Σ') {
		return lowerChars(s)
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for i, r := range s {
		switch r {
		case dottedCapitalI:
			sb.WriteString("i\u0307")
		case 'Σ':
			if finalSigma(s, i) {
				sb.WriteRune('ς')
			} else {
				sb.WriteRune('σ')
			}
		default:
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}

// finalSigma is Unicode's Final_Sigma condition for the Σ at byte i, as CPython tests it.
func finalSigma(s string, i int) bool {
	return casedNeighbour(s[:i], true) && !casedNeighbour(s[i+len("Σ"):], false)
}

// casedNeighbour says whether the character nearest to the end of s (back) or to its start, skipping
// case-ignorable ones, is cased.
func casedNeighbour(s string, back bool) bool {
	for len(s) > 0 {
		var r rune
		var size int
		if back {
			r, size = utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		} else {
			r, size = utf8.DecodeRuneInString(s)
			s = s[size:]
		}
		if !caseIgnorable(r) {
			return cased(r)
		}
	}
	return false
}

// cased is Unicode's Cased property: upper-, lower- or title-case letters and the Other_ variants.
func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable is Unicode's Case_Ignorable property: marks, format characters, modifier letters and
// symbols, and the word-break MidLetter, MidNumLet and Single_Quote characters.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00B7', '\u0387', '\u055F', '\u05F4', '\u2018', '\u2019', '\u2024', '\u2027',
		'\uFE13', '\uFE52', '\uFE55', '\uFF07', '\uFF0E', '\uFF1A':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
