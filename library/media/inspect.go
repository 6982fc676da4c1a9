package media

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"io"

	"github.com/jsummers/gobmp"
)

// Info is what Inspect learns without decoding pixels.
type Info struct {
	Format        Format
	Width, Height int // as stored, before EXIF orientation or HEIF rotation
	Meta          Metadata
	// MetaErr is set when EXIF was present but (partly) unreadable; the image itself may be fine and Meta holds
	// whatever could be read. A photo without EXIF has MetaErr nil and default Meta.
	MetaErr error
	// RawKind names the kind of camera RAW ("CR3", "NEF", "DNG", …) when Format is FormatRAW. Its size is the
	// largest image it describes; DecodeUpright shows one of its embedded previews.
	RawKind string

	previews     []preview
	heifRotation bool // HEIF/AVIF: the primary image has irot or imir, which libheif applies itself
}

// Inspect sniffs the format and reads the stored size and EXIF metadata from a whole file's bytes. It decodes
// no pixels. It returns an error (wrapping ErrUnsupported or ErrCorrupt) only when the file is not a readable
// image container; an image over MaxPixels is inspected normally and refused later by DecodeUpright.
func Inspect(data []byte) (info Info, err error) {
	defer recoverAs(&err, "inspect")
	info.Meta = defaultMetadata()
	info.Format, err = Sniff(data[:min(len(data), SniffLen)])
	if err != nil {
		return info, fmt.Errorf("inspect: %w", err)
	}
	c, err := readContainer(info.Format, data)
	info.Width, info.Height = c.width, c.height
	info.previews, info.heifRotation = c.previews, c.heifRotation
	if c.raw != "" {
		info.Format, info.RawKind = FormatRAW, c.raw
	}
	if err != nil {
		return info, fmt.Errorf("inspect %s: %w", info.Format, err)
	}
	switch {
	case c.exifErr != nil:
		info.MetaErr = c.exifErr
	case c.exif != nil:
		info.Meta, info.MetaErr = parseEXIF(c.exif)
	}
	if info.Format == FormatRAW {
		fillFromPreviews(&info.Meta, c.previews)
	}
	if c.xmp != nil { // embedded XMP fills what EXIF lacks
		x, err := ParseXMP(c.xmp)
		if err != nil && info.MetaErr == nil {
			info.MetaErr = err
		}
		info.Meta.Fill(x)
	}
	if info.Width <= 0 || info.Height <= 0 {
		return info, fmt.Errorf("inspect %s: %w: no usable image size (%d×%d)", info.Format, ErrCorrupt, info.Width, info.Height)
	}
	return info, nil
}

// readContainer dispatches the header walk by format.
func readContainer(f Format, data []byte) (container, error) {
	switch f {
	case FormatJPEG:
		return readJPEG(data)
	case FormatPNG:
		return readPNG(data)
	case FormatWebP:
		return readWebP(data)
	case FormatHEIC:
		return readHEIC(data)
	case FormatTIFF:
		return readTIFF(data)
	case FormatAVIF:
		return readHEIC(data)
	case FormatGIF:
		return readStdConfig(gif.DecodeConfig, data)
	case FormatBMP:
		return readStdConfig(gobmp.DecodeConfig, data)
	case FormatRAW:
		if bytes.HasPrefix(data, []byte(rafMagic)) {
			return readRAF(data)
		}
		return readCR3(data)
	}
	return container{}, fmt.Errorf("%w: %s", ErrUnsupported, f)
}

// readTIFF reads a TIFF, BigTIFF or TIFF-based camera RAW: the size from IFD0 (for a RAW, the largest image
// any directory describes), the EXIF from the file itself, and a RAW's previews.
func readTIFF(data []byte) (c container, err error) {
	defer recoverAs(&err, "tiff header")
	t, err := parseTIFFDoc(data)
	if err != nil {
		return c, fmt.Errorf("tiff: %w", err)
	}
	switch {
	case t.big:
		c.exif = exifFromTIFFDoc(t)
	case t.magic != 42: // ORF, RW2: a TIFF with another magic number, which goexif refuses
		c.exif = bytes.Clone(data)
		t.order.PutUint16(c.exif[2:], 42)
	default:
		c.exif = data
	}
	if ifd0, err := t.readIFD(t.first); err == nil {
		w, _ := t.uint1(ifd0, tagImageWidth)
		h, _ := t.uint1(ifd0, tagImageLength)
		c.width, c.height = int(min(w, 1<<31)), int(min(h, 1<<31))
		if f, ok := ifd0.field(tagXMP); ok {
			c.xmp = f.value
		}
	}
	if r := inspectTIFFRaw(t); r.isRaw {
		c.raw, c.previews = r.kind, r.previews
		c.width, c.height = r.width, r.height
	}
	return c, nil
}

// tagXMP holds an XMP packet in a TIFF's IFD0.
const tagXMP = 0x02BC

// readStdConfig takes the size from a standard-library-style header reader.
func readStdConfig(config func(io.Reader) (image.Config, error), data []byte) (c container, err error) {
	defer recoverAs(&err, "header")
	cfg, err := config(bytes.NewReader(data))
	if err != nil {
		return c, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	c.width, c.height = cfg.Width, cfg.Height
	return c, nil
}
