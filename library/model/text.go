package model

import "strings"

// cleanText prepares a query as open_clip does before tokenising: "canonicalize" (SigLIP) turns "_" into a
// space, drops ASCII punctuation and lower-cases; every mode collapses runs of whitespace and trims.
func cleanText(text, mode string) string {
	if mode == "canonicalize" {
		text = strings.ReplaceAll(text, "_", " ")
		text = strings.Map(func(r rune) rune {
			if r < 128 && strings.ContainsRune(`!"#$%&'()*+,-./:;<=>?@[\]^_{|}~`+"`", r) {
				return -1
			}
			return r
		}, text)
		text = strings.ToLower(text)
	}
	return strings.Join(strings.Fields(text), " ")
}
