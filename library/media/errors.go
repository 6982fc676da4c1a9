package media

import (
	"errors"
	"fmt"
)

// Sentinel errors; callers test them with errors.Is. They are never reassigned.
var (
	// ErrUnsupported: the bytes are a format, or use a feature of one, that this package does not read. Its
	// text starts the messages built on it: "unsupported: …".
	ErrUnsupported = errors.New("unsupported")
	// ErrNoPreview: a camera RAW file whose embedded previews are all missing or too small to show. It wraps
	// ErrUnsupported, since Cairn reads RAW files only through their previews.
	ErrNoPreview = fmt.Errorf("%w: RAW file without a usable embedded preview", ErrUnsupported)
	// ErrTooLarge: the image declares more pixels than MaxPixels (a decompression bomb, or simply too big).
	ErrTooLarge = errors.New("image too large")
	// ErrCorrupt: the container or image data is damaged or truncated. Never used for a feature that is
	// merely not supported.
	ErrCorrupt = errors.New("corrupt image data")
)

// ReaderVersion counts the changes by which this package reads files it refused before (a format, a place
// where a RAW keeps its preview): a library remembers the files it could not read with the version, and tries
// them again when it changes, without reading again the photos it did read.
// 2: previews in Pentax (PEF, in-camera DNG) and older Nikon maker notes; 3: and in the maker note an Adobe
// DNG keeps.
const ReaderVersion = 3

// MaxPixels is the largest image (width × height, as declared in the header) that is decoded at all.
const MaxPixels = 100_000_000

// checkPixels rejects images over MaxPixels and images without a usable size before anything is decoded.
func checkPixels(w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: image declares size %d×%d", ErrCorrupt, w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%w: %d×%d is %.1f megapixels, more than the %d MP limit",
			ErrTooLarge, w, h, float64(w)*float64(h)/1e6, MaxPixels/1_000_000)
	}
	return nil
}

// recoverAs turns a panic inside a third-party parser or decoder into an error naming the step, so that one
// bad file fails alone. Use it as `defer recoverAs(&err, "decode jpeg")`.
func recoverAs(err *error, step string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %w: panic in parser: %v", step, ErrCorrupt, r)
	}
}
