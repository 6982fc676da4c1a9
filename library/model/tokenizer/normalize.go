package tokenizer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalizer rewrites the whole text before it is split.
type normalizer interface {
	normalize(string) string
}

type normalizers []normalizer

func (ns normalizers) normalize(s string) string {
	for _, n := range ns {
		s = n.normalize(s)
	}
	return s
}

// lowercase is Hugging Face's Lowercase: each character's full lower-case mapping (İ → i̇), without the
// final-sigma rule, which works on words rather than characters.
type lowercase struct{}

func (lowercase) normalize(s string) string { return lowerChars(s) }

type replace struct {
	re      *regexp.Regexp
	literal string
	content string
}

func (r replace) normalize(s string) string {
	if r.re != nil {
		return r.re.ReplaceAllLiteralString(s, r.content)
	}
	return strings.ReplaceAll(s, r.literal, r.content)
}

type prepend struct{ prefix string }

func (p prepend) normalize(s string) string {
	if s == "" {
		return s
	}
	return p.prefix + s
}

type strip struct{ left, right bool }

func (st strip) normalize(s string) string {
	if st.left {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
	}
	if st.right {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
	}
	return s
}

// unicodeForm is one of the NFC, NFD, NFKC and NFKD normalizers.
type unicodeForm struct{ form norm.Form }

func (u unicodeForm) normalize(s string) string { return u.form.String(s) }

// pattern is the {"String": ...} or {"Regex": ...} object that Replace and Split use.
type pattern struct {
	String *string `json:"String"`
	Regex  *string `json:"Regex"`
}

func (p pattern) compile() (*regexp.Regexp, string, error) {
	switch {
	case p.Regex != nil:
		re, err := compileOniguruma(*p.Regex)
		if err != nil {
			return nil, "", err
		}
		return re, "", nil
	case p.String != nil:
		return nil, *p.String, nil
	}
	return nil, "", fmt.Errorf("pattern has neither String nor Regex")
}

func parseNormalizer(raw json.RawMessage) (normalizer, error) {
	if isNull(raw) {
		return normalizers(nil), nil
	}
	var n struct {
		Type        string            `json:"type"`
		Normalizers []json.RawMessage `json:"normalizers"`
		Pattern     pattern           `json:"pattern"`
		Content     string            `json:"content"`
		Prepend     string            `json:"prepend"`
		StripLeft   bool              `json:"strip_left"`
		StripRight  bool              `json:"strip_right"`
	}
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, err
	}
	switch n.Type {
	case "Sequence":
		var seq normalizers
		for _, sub := range n.Normalizers {
			s, err := parseNormalizer(sub)
			if err != nil {
				return nil, err
			}
			seq = append(seq, s)
		}
		return seq, nil
	case "Lowercase":
		return lowercase{}, nil
	case "Replace":
		re, lit, err := n.Pattern.compile()
		if err != nil {
			return nil, err
		}
		return replace{re: re, literal: lit, content: n.Content}, nil
	case "Prepend":
		return prepend{prefix: n.Prepend}, nil
	case "Strip":
		return strip{left: n.StripLeft, right: n.StripRight}, nil
	case "NFC":
		return unicodeForm{norm.NFC}, nil
	case "NFD":
		return unicodeForm{norm.NFD}, nil
	case "NFKC":
		return unicodeForm{norm.NFKC}, nil
	case "NFKD":
		return unicodeForm{norm.NFKD}, nil
	case "Precompiled":
		return nil, fmt.Errorf("normalizer Precompiled (a SentencePiece character map) is not supported")
	}
	return nil, fmt.Errorf("unsupported normalizer %q", n.Type)
}
