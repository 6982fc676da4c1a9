package media

import (
	"encoding/binary"
	"fmt"
)

// rafMagic starts every Fujifilm RAF file. Its header gives, at offset 84, the offset and length (big-endian)
// of a JPEG that carries the photo's EXIF and a large preview; the sensor data follows it.
const rafMagic = "FUJIFILMCCD-RAW "

// readRAF reads a RAF's embedded JPEG: its EXIF is the photo's metadata, and it is the preview.
func readRAF(data []byte) (container, error) {
	c := container{raw: "RAF"}
	if len(data) < 92 {
		return c, fmt.Errorf("%w: raf header truncated", ErrCorrupt)
	}
	off := uint64(binary.BigEndian.Uint32(data[84:]))
	n := uint64(binary.BigEndian.Uint32(data[88:]))
	if off == 0 || off >= uint64(len(data)) || n > uint64(len(data))-off {
		return c, fmt.Errorf("%w: raf JPEG at %d+%d beyond the %d-byte file", ErrCorrupt, off, n, len(data))
	}
	jpeg := data[off : off+n]
	j, err := readJPEG(jpeg)
	if err != nil {
		return c, fmt.Errorf("raf embedded jpeg: %w", err)
	}
	c.exif, c.xmp = j.exif, j.xmp
	c.width, c.height = j.width, j.height
	c.addPreview(jpeg)
	return c, nil
}
