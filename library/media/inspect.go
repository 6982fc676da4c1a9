package media

import (
	"fmt"

	"github.com/rwcarlsen/goexif/exif"
)

// Info is what Inspect learns without decoding pixels.
type Info struct {
	Format        Format
	Width, Height int // as stored, before EXIF orientation or HEIF rotation
	Meta          Metadata
	// MetaErr is set when EXIF was present but (partly) unreadable; the image itself may be fine and Meta holds
	// whatever could be read. A photo without EXIF has MetaErr nil and default Meta.
	MetaErr error
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
	if err != nil {
		return info, fmt.Errorf("inspect %s: %w", info.Format, err)
	}
	switch {
	case c.exifErr != nil:
		info.MetaErr = c.exifErr
	case c.exif != nil:
		info.Meta, info.MetaErr = parseEXIF(c.exif)
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
	}
	return container{}, fmt.Errorf("%w: %s", ErrUnsupported, f)
}

// readTIFF takes the whole file as the EXIF block, and the size from IFD0's ImageWidth and ImageLength.
func readTIFF(data []byte) (c container, err error) {
	defer recoverAs(&err, "tiff header")
	c.exif = data
	x, _ := exif.Decode(newTIFFReader(data))
	if x == nil {
		return c, nil // Inspect reports the EXIF failure through parseEXIF
	}
	c.width, _ = tagInt(x, exif.ImageWidth)
	c.height, _ = tagInt(x, exif.ImageLength)
	return c, nil
}
