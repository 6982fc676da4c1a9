package media

import (
	"fmt"
	"image"
	"image/jpeg"
	"io"
)

// EncodeJPEG writes img as a baseline JPEG; quality is clamped to 1..100. Thumbnails are cached this way.
func EncodeJPEG(w io.Writer, img image.Image, quality int) error {
	quality = min(max(quality, 1), 100)
	if err := jpeg.Encode(w, img, &jpeg.Options{Quality: quality}); err != nil {
		return fmt.Errorf("encode jpeg: %w", err)
	}
	return nil
}
