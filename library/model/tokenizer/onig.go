package tokenizer

import (
	"fmt"
	"regexp"
	"strings"
)

// Hugging Face's tokenizers run their patterns with Oniguruma, whose \s, \d and \w are Unicode classes; in
// Go's RE2 they are ASCII. compileOniguruma rewrites them so that a pattern means what it means there, and
// refuses what RE2 cannot do (look-around, back-references) with the pattern in the error.
var onigClasses = map[byte][2]string{
	// Oniguruma's Unicode definitions: \s is 0009–000D, 0085 and the separators (Z*); \d is Nd; \w is
	// letters, marks, decimal digits and connector punctuation.
	's': {`\t\n\v\f\r\x{85}\p{Z}`, ""},
	'd': {`\p{Nd}`, ""},
	'w': {`\p{L}\p{M}\p{Nd}\p{Pc}`, ""},
}

func compileOniguruma(pattern string) (*regexp.Regexp, error) {
	var sb strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			e := pattern[i+1]
			i++
			lower := e | 0x20
			cls, known := onigClasses[lower]
			switch {
			case !known:
				if e >= '1' && e <= '9' {
					return nil, fmt.Errorf("regex %q: back-references are not supported", pattern)
				}
				sb.WriteByte('\\')
				sb.WriteByte(e)
			case e == lower && inClass:
				sb.WriteString(cls[0])
			case e == lower:
				sb.WriteString("[" + cls[0] + "]")
			case inClass:
				return nil, fmt.Errorf("regex %q: a negated class \\%c inside [...] is not supported", pattern, e)
			default:
				sb.WriteString("[^" + cls[0] + "]")
			}
		case c == '[' && !inClass:
			inClass = true
			sb.WriteByte(c)
			// A ] right after [ or [^ is a literal in both syntaxes.
			if i+1 < len(pattern) && pattern[i+1] == '^' {
				sb.WriteByte('^')
				i++
			}
		case c == ']' && inClass:
			inClass = false
			sb.WriteByte(c)
		case c == '(' && !inClass && strings.HasPrefix(pattern[i:], "(?") && len(pattern) > i+2 &&
			strings.ContainsRune("=!<>", rune(pattern[i+2])):
			return nil, fmt.Errorf("regex %q: look-around and atomic groups are not supported", pattern)
		default:
			sb.WriteByte(c)
		}
	}
	re, err := regexp.Compile(sb.String())
	if err != nil {
		return nil, fmt.Errorf("regex %q: %w", pattern, err)
	}
	return re, nil
}
