package model

import (
	"fmt"
	"math"
	"strings"
)

// Concept is a prompt ensemble for free-text queries: templates with {q}, and anti-concepts subtracted
// with a weight. The peak catalog carries its own; DefaultConcept is the fallback.
type Concept struct {
	Templates  []string
	Anti       []string
	AntiWeight float32
}

// DefaultConcept is the original demo's ensemble for free-text queries, used when the catalog or config
// gives none.
func DefaultConcept() Concept {
	return Concept{
		Templates: []string{
			"a photo of {q}",
			"a natural photo of {q} in the mountains",
			"{q}, trekking photo in the Himalayas",
		},
		Anti:       []string{"painting, illustration, poster, map, logo"},
		AntiWeight: 0.25,
	}
}

// Ensemble embeds every template with {name} and {q} replaced by subject, averages them, subtracts
// antiWeight × the mean of the anti-concepts, and L2-normalises — the demo's peak text prototype.
func (m *Model) Ensemble(templates []string, subject string, anti []string, antiWeight float32) ([]float32, error) {
	if len(templates) == 0 {
		return nil, fmt.Errorf("ensemble for %q: no templates", subject)
	}
	texts := make([]string, len(templates))
	r := strings.NewReplacer("{name}", subject, "{q}", subject)
	for i, t := range templates {
		texts[i] = r.Replace(t)
	}
	vecs, err := m.EmbedTexts(texts)
	if err != nil {
		return nil, fmt.Errorf("ensemble for %q: %w", subject, err)
	}
	sum := mean(vecs)
	if len(anti) > 0 && antiWeight != 0 {
		antiVecs, err := m.EmbedTexts(anti)
		if err != nil {
			return nil, fmt.Errorf("anti-concepts: %w", err)
		}
		for i, v := range mean(antiVecs) {
			sum[i] -= antiWeight * v
		}
	}
	return normalize(sum), nil
}

// Blend mixes a text prototype with reference photos as the demo did:
// l2norm(α·text + (1−α)·l2norm(mean(images))). With no images it is the normalised text.
func Blend(text []float32, images [][]float32, alpha float32) []float32 {
	out := append([]float32(nil), text...)
	var usable [][]float32
	for _, v := range images {
		if len(v) == len(text) { // a vector from another model cannot be blended in
			usable = append(usable, v)
		}
	}
	if len(usable) == 0 {
		return normalize(out)
	}
	alpha = min(max(alpha, 0), 1)
	img := normalize(mean(usable))
	for i := range out {
		out[i] = alpha*out[i] + (1-alpha)*img[i]
	}
	return normalize(out)
}

func mean(vecs [][]float32) []float32 {
	out := make([]float32, len(vecs[0]))
	for _, v := range vecs {
		for i, x := range v {
			out[i] += x
		}
	}
	for i := range out {
		out[i] /= float32(len(vecs))
	}
	return out
}

// normalize scales v to unit length in place and returns it; a zero vector stays zero.
func normalize(v []float32) []float32 {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return v
	}
	inv := float32(1 / math.Sqrt(ss))
	for i := range v {
		v[i] *= inv
	}
	return v
}
