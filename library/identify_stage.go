package library

import (
	"encoding/json"

	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/skyline"
)

// identifyInput is everything the identify stage derives from. It never opens the album file: a rescan after
// the catalog (or, later, the terrain) changed runs it on what the stores kept.
type identifyInput struct {
	photo  Photo                      // the record: camera, position, heading, size
	vector []float32                  // the model's vector; nil without a model
	pixels map[string]json.RawMessage // what decode derived from the pixels (pixels.go)
}

// identifyOutput is what the identify stage derives.
type identifyOutput struct {
	peaks  []peaks.Prediction // best first
	hidden []peaks.Prediction // the peaks in the frame that terrain hides, each saying by what
	view   *ViewInfo          // the camera's orientation and field of view, once known
}

// identifyStage names the peaks a photo shows, at most max, from its input and the Identifier's catalog and
// model. It is the one place identification is computed, for scanned photos and dropped ones alike. Without
// the model's opinion — an image-only model, or a text tower that fails — it names them from geometry.
func (n *Identifier) identifyStage(in identifyInput, max int) (identifyOutput, error) {
	var sky *skyline.Profile
	if raw, ok := in.pixels[pixelsSkyline]; ok {
		sky = new(skyline.Profile)
		if err := json.Unmarshal(raw, sky); err != nil {
			sky = nil // unreadable: identify without it, as for a photo decoded before skylines were kept
		}
	}
	named, hidden, view, err := n.predict(in.photo, sky, in.vector, max)
	if err != nil {
		named, hidden, view, err = n.predict(in.photo, sky, nil, max)
	}
	if err != nil {
		return identifyOutput{}, err
	}
	return identifyOutput{peaks: named, hidden: hidden, view: view}, nil
}

// apply stores the stage's output in the photo's record.
func (o identifyOutput) apply(p *Photo) {
	p.PredictedPeaks = guesses(o.peaks)
	p.HiddenPeaks = nil
	if len(o.hidden) > 0 {
		p.HiddenPeaks = guesses(o.hidden)
	}
	p.View = o.view
}
