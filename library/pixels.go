package library

import (
	"encoding/json"
	"fmt"
	"image"

	"github.com/cairn-photos/cairn/library/skyline"
)

// pixelProduct is something the decode stage derives from a photo's pixels and stores with its record, so
// that the stages after decode (identify) use it without opening the album file again.
type pixelProduct struct {
	name string
	// version changes when derive computes something else: every photo is decoded again to derive it.
	version int
	// derive computes the product from the photo decoded upright (its shorter side at least ThumbSize and the
	// model's input size) and its record as read. The result is stored as JSON under name.
	derive func(img image.Image, p Photo) (any, error)
}

// pixelsSkyline names the photo's skyline profile (library/skyline: the sky–terrain boundary per column),
// which identify lays the terrain's rendered horizon on.
const pixelsSkyline = "skyline"

// pixelProducts lists what decode derives from pixels and stores. Adding one here makes the next scan decode
// every photo once to derive it, and identify finds it in derived.Pixels.
func pixelProducts() []pixelProduct {
	return []pixelProduct{
		{name: pixelsSkyline, version: 1, derive: func(img image.Image, _ Photo) (any, error) {
			return skyline.Detect(img), nil
		}},
	}
}

// pixelProductInputs describes the pixel products for the decode stage's digest.
func pixelProductInputs() []string {
	var out []string
	for _, p := range pixelProducts() {
		out = append(out, fmt.Sprintf("pixels %s v%d", p.name, p.version))
	}
	return out
}

// derivePixels runs every pixel product on img.
func derivePixels(img image.Image, p Photo) (map[string]json.RawMessage, error) {
	var out map[string]json.RawMessage
	for _, prod := range pixelProducts() {
		v, err := prod.derive(img, p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", prod.name, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", prod.name, err)
		}
		if out == nil {
			out = map[string]json.RawMessage{}
		}
		out[prod.name] = b
	}
	return out, nil
}
