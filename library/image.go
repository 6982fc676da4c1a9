package library

import (
	"fmt"
	"image"

	"github.com/cairn-photos/cairn/library/media"
)

// LoadImage reads the photo at path and returns it upright, for showing it large. With maxSide <= 0 it is the
// full resolution; otherwise it is scaled down so that its longer side is at most maxSide, decoding at a
// reduced size where the format allows (JPEG DCT scaling, an embedded HEIC thumbnail that is big enough), so a
// 24 MP photo shown on a 1600 px screen never has all its pixels decoded. Photos over media.MaxPixels are
// refused before decoding. Errors name the file and the cause.
func LoadImage(path string, maxSide int) (image.Image, error) {
	img, err := loadReduced(path, maxSide)
	if err != nil {
		return nil, err
	}
	return media.Thumbnail(img, maxSide), nil
}

// LoadScreenImage reads the photo at path upright at the size the decoder reaches fastest whose longer side is
// at least minSide (the full image when that is smaller): JPEG's DCT scaling alone, the output below twice the
// size asked, with no resampling after it. It is for a screen, which scales the picture anyway: a 24 MP JPEG
// shown on a 1600 px screen is decoded at 3/8 and never resampled in Go.
func LoadScreenImage(path string, minSide int) (image.Image, error) {
	return loadReduced(path, minSide)
}

// loadReduced reads and decodes the photo at path upright, reduced by the decoder so that its longer side is
// at least side (0: full size).
func loadReduced(path string, side int) (image.Image, error) {
	data, err := readFileLimited(path, maxFileSize)
	if err != nil {
		return nil, fmt.Errorf("load image %s: %w", path, err)
	}
	info, err := media.Inspect(data)
	if err != nil {
		return nil, fmt.Errorf("load image %s: %w", path, err)
	}
	img, err := media.DecodeUpright(data, info, shortSideFor(info.Width, info.Height, side))
	if err != nil {
		return nil, fmt.Errorf("load image %s: %w", path, err)
	}
	return img, nil
}

// shortSideFor is the shorter side a w×h image has when its longer side is maxSide, rounded up so the decoded
// image is never smaller than asked; 0 (full size) when no shrinking is wanted. The ratio is the same before
// and after orientation, so the stored size will do.
func shortSideFor(w, h, maxSide int) int {
	long, short := max(w, h), min(w, h)
	if maxSide <= 0 || long <= maxSide {
		return 0
	}
	return max(1, (short*maxSide+long-1)/long)
}
