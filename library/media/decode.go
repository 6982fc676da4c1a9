package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// DecodeUpright decodes the photo described by info (from Inspect on the same data) at a reduced size and turns
// it upright. The result's shorter side is at least minShortSide and below 2×minShortSide, or the full image
// when that is smaller; minShortSide <= 0 asks for full size.
//
// JPEG uses libjpeg-turbo's DCT scaling (the standard library decoder when libjpeg-turbo refuses the file, for
// instance CMYK); HEIC uses libheif and its embedded thumbnail when that is big enough; PNG, WebP and TIFF are
// decoded whole (standard library, golang.org/x/image) and then shrunk. EXIF orientation is applied exactly once, and not to HEIC, whose rotation libheif already applied.
// Images over MaxPixels are refused with ErrTooLarge before anything is decoded.
func DecodeUpright(data []byte, info Info, minShortSide int) (img image.Image, err error) {
	defer recoverAs(&err, "decode")
	if err := checkPixels(info.Width, info.Height); err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.Format, err)
	}
	var rgba *image.RGBA
	switch info.Format {
	case FormatJPEG:
		rgba, err = decodeJPEG(data, minShortSide)
	case FormatHEIC:
		var heic *image.NRGBA
		heic, err = decodeHEIC(data, minShortSide)
		if err != nil {
			return nil, fmt.Errorf("decode heic: %w", err)
		}
		return shrinkToShortSide(toRGBA(heic), minShortSide), nil // already upright
	case FormatPNG:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))() // held until shrunk, see budget.go
		rgba, err = decodeStd(png.DecodeConfig, png.Decode, data)
	case FormatWebP:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeStd(webp.DecodeConfig, webp.Decode, data)
	case FormatTIFF:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeStd(tiff.DecodeConfig, tiff.Decode, data)
	default:
		return nil, fmt.Errorf("decode %s: %w: no pixel decoder for this format", info.Format, ErrUnsupported)
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.Format, err)
	}
	return orient(shrinkToShortSide(rgba, minShortSide), info.Meta.Orientation), nil
}

// decodeJPEG tries libjpeg-turbo and falls back to the standard library, which also reads a few files
// libjpeg-turbo will not convert to RGB (CMYK/YCCK).
func decodeJPEG(data []byte, minShortSide int) (*image.RGBA, error) {
	img, turboErr := decodeJPEGTurbo(data, minShortSide)
	if turboErr == nil || errors.Is(turboErr, ErrTooLarge) {
		return img, turboErr
	}
	img, stdErr := decodeStd(jpeg.DecodeConfig, jpeg.Decode, data)
	if stdErr != nil {
		return nil, fmt.Errorf("%w (standard decoder: %v)", turboErr, stdErr)
	}
	return img, nil
}

// decodeStd runs a standard-library-style decoder, turning its panics and errors into ErrCorrupt. The decoder's
// own reading of the header is checked against MaxPixels first, in case it differs from what Inspect saw.
func decodeStd(config func(io.Reader) (image.Config, error), decode func(io.Reader) (image.Image, error), data []byte) (img *image.RGBA, err error) {
	defer recoverAs(&err, "decode")
	cfg, err := config(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if err := checkPixels(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	m, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return ownRGBA(m), nil
}
