package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"strings"

	"github.com/jsummers/gobmp"
)

// DecodeUpright decodes the photo described by info (from Inspect on the same data) at a reduced size and turns
// it upright. The result's shorter side is at least minShortSide and below 2×minShortSide, or the full image
// when that is smaller; minShortSide <= 0 asks for full size.
//
// JPEG uses libjpeg-turbo's DCT scaling (the standard library decoder when libjpeg-turbo refuses the file, for
// instance CMYK); HEIC and AVIF use libheif and an embedded thumbnail when that is big enough; a camera RAW is
// its embedded preview (see pickPreview), a JPEG; TIFF uses libtiff; PNG, WebP (an animation's first frame),
// GIF (the first frame) and BMP are decoded whole and then shrunk. EXIF orientation is applied exactly once:
// not to HEIF images with a rotation of their own, which libheif applies.
// Images over MaxPixels are refused with ErrTooLarge before anything is decoded.
func DecodeUpright(data []byte, info Info, minShortSide int) (img image.Image, err error) {
	defer recoverAs(&err, "decode")
	if info.Format == FormatRAW {
		return decodeRAW(data, info, minShortSide)
	}
	if err := checkPixels(info.Width, info.Height); err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.Format, err)
	}
	var rgba *image.RGBA
	switch info.Format {
	case FormatJPEG:
		rgba, err = decodeJPEG(data, minShortSide)
	case FormatHEIC, FormatAVIF:
		var heif *image.NRGBA
		heif, err = decodeHEIF(data, info.Format, minShortSide)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", info.Format, err)
		}
		rgba = shrinkToShortSide(toRGBA(heif), minShortSide)
		if info.heifRotation { // libheif turned it already
			return rgba, nil
		}
		return orient(rgba, info.Meta.Orientation), nil
	case FormatPNG:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))() // held until shrunk, see budget.go
		rgba, err = decodeStd(png.DecodeConfig, png.Decode, withoutBadAncillaryChunks(data))
	case FormatWebP:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeWebP(data)
	case FormatTIFF:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeTIFF(data)
	case FormatGIF:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeStd(gif.DecodeConfig, gif.Decode, data)
	case FormatBMP:
		defer fullSize.acquire(int64(info.Width) * int64(info.Height))()
		rgba, err = decodeStd(gobmp.DecodeConfig, gobmp.Decode, data)
	default:
		return nil, fmt.Errorf("decode %s: %w: no pixel decoder for this format", info.Format, ErrUnsupported)
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.Format, err)
	}
	return orient(shrinkToShortSide(rgba, minShortSide), info.Meta.Orientation), nil
}

// decodeRAW decodes the embedded preview pickPreview chooses, turned upright by the RAW's orientation (the
// previews are stored as the sensor saw the scene, like the RAW data).
func decodeRAW(data []byte, info Info, minShortSide int) (image.Image, error) {
	p, err := pickPreview(info.previews, minShortSide)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", info.RawKind, err)
	}
	var rgba *image.RGBA
	if p.ifd0 {
		if err := checkPixels(p.width, p.height); err != nil {
			return nil, fmt.Errorf("decode %s preview: %w", info.RawKind, err)
		}
		rgba, err = decodeTIFF(data) // libtiff reads the first directory
	} else {
		rgba, err = decodeJPEG(p.data, p.jpegShortSide(minShortSide))
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s preview %d×%d: %w", info.RawKind, p.width, p.height, err)
	}
	rgba = p.cutBorders(rgba)
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
		return nil, classifyDecodeError(err)
	}
	return ownRGBA(m), nil
}

// classifyDecodeError wraps a third-party decoder's error as ErrUnsupported when it says the file uses a
// feature the decoder lacks, else as ErrCorrupt.
func classifyDecodeError(err error) error {
	msg := strings.ToLower(err.Error())
	if strings.Contains(msg, "unsupported") || strings.Contains(msg, "not implemented") ||
		strings.Contains(msg, "not supported") {
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return fmt.Errorf("%w: %v", ErrCorrupt, err)
}
