package tokenizer

import (
	"encoding/json"
	"fmt"
)

// postProcessor adds special tokens around an encoded sequence.
type postProcessor interface {
	apply(ids []int) []int
	added() int // how many ids apply adds
}

type noPost struct{}

func (noPost) apply(ids []int) []int { return ids }
func (noPost) added() int            { return 0 }

// template is TemplateProcessing's "single" template (also used for Roberta/Bert: cls, text, sep).
type template struct {
	before, after []int
}

func (t template) apply(ids []int) []int {
	out := make([]int, 0, len(t.before)+len(ids)+len(t.after))
	out = append(out, t.before...)
	out = append(out, ids...)
	return append(out, t.after...)
}

func (t template) added() int { return len(t.before) + len(t.after) }

type postSequence []postProcessor

func (ps postSequence) apply(ids []int) []int {
	for _, p := range ps {
		ids = p.apply(ids)
	}
	return ids
}

func (ps postSequence) added() int {
	n := 0
	for _, p := range ps {
		n += p.added()
	}
	return n
}

func parsePostProcessor(raw json.RawMessage) (postProcessor, error) {
	if isNull(raw) {
		return noPost{}, nil
	}
	var p struct {
		Type       string            `json:"type"`
		Processors []json.RawMessage `json:"processors"`
		Single     []struct {
			SpecialToken *struct {
				ID string `json:"id"`
			} `json:"SpecialToken"`
			Sequence *struct {
				ID string `json:"id"`
			} `json:"Sequence"`
		} `json:"single"`
		SpecialTokens map[string]struct {
			IDs []int `json:"ids"`
		} `json:"special_tokens"`
		Cls []json.RawMessage `json:"cls"`
		Sep []json.RawMessage `json:"sep"`
	}
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	switch p.Type {
	case "Sequence":
		var seq postSequence
		for _, sub := range p.Processors {
			s, err := parsePostProcessor(sub)
			if err != nil {
				return nil, err
			}
			seq = append(seq, s)
		}
		return seq, nil
	case "ByteLevel":
		return noPost{}, nil // it only adjusts offsets
	case "TemplateProcessing":
		var t template
		seen := false
		for _, item := range p.Single {
			switch {
			case item.Sequence != nil:
				seen = true
			case item.SpecialToken != nil:
				tok, ok := p.SpecialTokens[item.SpecialToken.ID]
				if !ok {
					return nil, fmt.Errorf("special token %q not defined", item.SpecialToken.ID)
				}
				if seen {
					t.after = append(t.after, tok.IDs...)
				} else {
					t.before = append(t.before, tok.IDs...)
				}
			}
		}
		return t, nil
	case "RobertaProcessing", "BertProcessing":
		cls, err := tokenPairID(p.Cls)
		if err != nil {
			return nil, fmt.Errorf("cls: %w", err)
		}
		sep, err := tokenPairID(p.Sep)
		if err != nil {
			return nil, fmt.Errorf("sep: %w", err)
		}
		return template{before: []int{cls}, after: []int{sep}}, nil
	}
	return nil, fmt.Errorf("unsupported post-processor %q", p.Type)
}

// tokenPairID reads the id from a ["token", id] pair.
func tokenPairID(pair []json.RawMessage) (int, error) {
	if len(pair) != 2 {
		return 0, fmt.Errorf("want [token, id], got %d items", len(pair))
	}
	var id int
	if err := json.Unmarshal(pair[1], &id); err != nil {
		return 0, err
	}
	return id, nil
}
