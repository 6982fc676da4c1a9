package library

import (
	"encoding/json"

	"github.com/cairn-photos/cairn/library/peaks"
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
	peaks []peaks.Prediction // best first
	view  *ViewInfo          // the camera's orientation and field of view, once known
}

// identifyStage names the peaks a photo shows, at most max, from its input and the Identifier's catalog and
// model. It is the one place identification is computed, for scanned photos and dropped ones alike. Without
// the model's opinion — an image-only model, or a text tower that fails — it names them from geometry.
func (n *Identifier) identifyStage(in identifyInput, max int) (identifyOutput, error) {
	preds, err := n.predict(in.photo, in.vector, max)
	if err != nil {
		preds, err = n.predict(in.photo, nil, max)
	}
	if err != nil {
		return identifyOutput{}, err
	}
	return identifyOutput{peaks: preds, view: in.photo.View}, nil
}

// apply stores the stage's output in the photo's record.
func (o identifyOutput) apply(p *Photo) {
	p.PredictedPeaks = guesses(o.peaks)
	p.View = o.view
}
