package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// container is what the cheap header walk of one file finds: the stored pixel size and the raw EXIF block
// (a TIFF structure starting with "II" or "MM"), nil when the file carries none.
type container struct {
	width, height int
	sof           byte // JPEG: the start-of-frame marker, which tells baseline from lossless and others
	exif          []byte
	exifErr       error  // the EXIF block exists but cannot be extracted; the pixels may be fine
	xmp           []byte // an XMP packet embedded in the file, nil when there is none
	previews      []preview
	heifRotation  bool   // HEIF: the primary image has irot or imir
	raw           string // the kind of camera RAW ("CR3", "NEF", …), empty for other images
}

// exifHeader prefixes EXIF in JPEG APP1 segments, and sometimes in PNG and WebP chunks; xmpHeader prefixes
// the XMP packet in a JPEG APP1 segment.
var (
	exifHeader = []byte("Exif\x00\x00")
	xmpHeader  = []byte("http://ns.adobe.com/xap/1.0/\x00")
)

// readJPEG walks the JPEG markers up to the start of scan, taking the size from the frame header (SOFn) and
// the EXIF from the first APP1 segment that starts with "Exif\0\0". Stray bytes between segments are skipped
// up to the next marker, as libjpeg does (it only warns about them).
func readJPEG(data []byte) (container, error) {
	var c container
	off := 2 // after SOI
	for off < len(data) {
		if data[off] != 0xFF {
			next := bytes.IndexByte(data[off:], 0xFF)
			if next < 0 {
				break
			}
			off += next
		}
		for off < len(data) && data[off] == 0xFF { // fill bytes
			off++
		}
		if off >= len(data) {
			break
		}
		marker := data[off]
		off++
		switch {
		case marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7): // no length field
			continue
		case marker == 0x00: // an escaped 0xFF among stray bytes, not a marker
			continue
		case marker == 0xD9: // end of image
			return c, jpegDone(c)
		}
		if len(data)-off < 2 {
			break // truncated inside a segment header
		}
		length := int(binary.BigEndian.Uint16(data[off:]))
		if length < 2 || length > len(data)-off {
			return c, fmt.Errorf("%w: jpeg: segment 0xFF%02X declares %d bytes, %d remain", ErrCorrupt, marker, length, len(data)-off)
		}
		seg := data[off+2 : off+length]
		off += length
		switch {
		case marker == 0xE1 && c.exif == nil && bytes.HasPrefix(seg, exifHeader):
			c.exif = seg[len(exifHeader):]
		case marker == 0xE1 && c.xmp == nil && bytes.HasPrefix(seg, xmpHeader):
			c.xmp = seg[len(xmpHeader):]
		case isSOF(marker) && len(seg) >= 5 && c.width == 0: // decoders use the first frame header
			c.sof = marker
			c.height = int(binary.BigEndian.Uint16(seg[1:]))
			c.width = int(binary.BigEndian.Uint16(seg[3:]))
		case marker == 0xDA: // start of scan: the headers are over
			return c, jpegDone(c)
		}
	}
	if c.width == 0 {
		return c, fmt.Errorf("%w: jpeg: truncated before the frame header", ErrCorrupt)
	}
	return c, nil
}

func jpegDone(c container) error {
	if c.width == 0 || c.height == 0 {
		return fmt.Errorf("%w: jpeg: no frame size before the image data", ErrCorrupt)
	}
	return nil
}

// isSOF reports whether marker is a start-of-frame (SOF0–SOF15 except DHT, JPG and DAC).
func isSOF(marker byte) bool {
	return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
}

// readPNG walks the PNG chunks: size from IHDR, EXIF from eXIf.
func readPNG(data []byte) (container, error) {
	var c container
	off := 8 // after the signature
	for off+8 <= len(data) {
		length := int64(binary.BigEndian.Uint32(data[off:]))
		typ := string(data[off+4 : off+8])
		body := off + 8
		if length > int64(len(data)-body) {
			if c.width == 0 {
				return c, fmt.Errorf("%w: png: chunk %q declares %d bytes, %d remain", ErrCorrupt, typ, length, len(data)-body)
			}
			break // a truncated tail: keep what the header said
		}
		chunk := data[body : body+int(length)]
		switch typ {
		case "IHDR":
			if len(chunk) < 8 {
				return c, fmt.Errorf("%w: png: short IHDR", ErrCorrupt)
			}
			c.width = int(binary.BigEndian.Uint32(chunk[0:]))
			c.height = int(binary.BigEndian.Uint32(chunk[4:]))
		case "eXIf":
			c.exif = bytes.TrimPrefix(chunk, exifHeader)
		case "iTXt":
			if x, ok := pngXMP(chunk); ok && c.xmp == nil {
				c.xmp = x
			}
		case "IEND":
			return c, nil
		}
		off = body + int(length) + 4 // + CRC
	}
	if c.width == 0 {
		return c, fmt.Errorf("%w: png: no IHDR chunk", ErrCorrupt)
	}
	return c, nil
}

// pngXMP returns the XMP packet of an iTXt chunk with keyword XML:com.adobe.xmp, when it is stored
// uncompressed, as the XMP specification asks.
func pngXMP(chunk []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(chunk, []byte("XML:com.adobe.xmp\x00"))
	if !ok || len(rest) < 2 || rest[0] != 0 { // compression flag
		return nil, false
	}
	rest = rest[2:]
	for range 2 { // language tag, translated keyword
		i := bytes.IndexByte(rest, 0)
		if i < 0 {
			return nil, false
		}
		rest = rest[i+1:]
	}
	return rest, true
}

// readWebP walks the RIFF chunks: size from VP8X, VP8 or VP8L, EXIF from the EXIF chunk.
func readWebP(data []byte) (container, error) {
	var c container
	off := 12 // after "RIFF" size "WEBP"
	for off+8 <= len(data) {
		typ := string(data[off : off+4])
		length := int64(binary.LittleEndian.Uint32(data[off+4:]))
		body := off + 8
		if length > int64(len(data)-body) {
			if c.width == 0 {
				return c, fmt.Errorf("%w: webp: chunk %q declares %d bytes, %d remain", ErrCorrupt, typ, length, len(data)-body)
			}
			break
		}
		chunk := data[body : body+int(length)]
		switch typ {
		case "VP8X": // extended header: 24-bit canvas width-1 and height-1
			if len(chunk) >= 10 {
				c.width = int(uint32(chunk[4])|uint32(chunk[5])<<8|uint32(chunk[6])<<16) + 1
				c.height = int(uint32(chunk[7])|uint32(chunk[8])<<8|uint32(chunk[9])<<16) + 1
			}
		case "VP8 ": // lossy: a key frame starts with a 3-byte tag, then 9d 01 2a, then 14-bit sizes
			if c.width == 0 && len(chunk) >= 10 && bytes.Equal(chunk[3:6], []byte{0x9d, 0x01, 0x2a}) {
				c.width = int(binary.LittleEndian.Uint16(chunk[6:]) & 0x3fff)
				c.height = int(binary.LittleEndian.Uint16(chunk[8:]) & 0x3fff)
			}
		case "VP8L": // lossless: signature 0x2f, then 14-bit width-1 and height-1
			if c.width == 0 && len(chunk) >= 5 && chunk[0] == 0x2f {
				bits := binary.LittleEndian.Uint32(chunk[1:])
				c.width = int(bits&0x3fff) + 1
				c.height = int(bits>>14&0x3fff) + 1
			}
		case "EXIF":
			c.exif = bytes.TrimPrefix(chunk, exifHeader)
		case "XMP ":
			c.xmp = chunk
		}
		off = body + int(length) + int(length&1) // chunks are padded to an even size
	}
	if c.width == 0 {
		return c, fmt.Errorf("%w: webp: no image size header", ErrCorrupt)
	}
	return c, nil
}

// readHEIC reads the primary image size and the Exif item. The Exif item starts with a 4-byte offset to the
// TIFF header (usually 6, skipping "Exif\0\0").
func readHEIC(data []byte) (container, error) {
	m, err := readHEIFMeta(data)
	c := container{width: m.width, height: m.height, exifErr: m.exifErr, xmp: m.xmp, heifRotation: m.rotated}
	if err != nil {
		return c, err
	}
	if len(m.exif) < 4 {
		return c, nil
	}
	skip := uint64(binary.BigEndian.Uint32(m.exif))
	if skip <= uint64(len(m.exif)-4) {
		c.exif = m.exif[4+skip:]
	}
	if !isTIFFHeader(c.exif) { // a writer that got the offset wrong: look for the TIFF header ourselves
		if i := bytes.Index(m.exif, exifHeader); i >= 0 {
			c.exif = m.exif[i+len(exifHeader):]
		}
	}
	return c, nil
}

func isTIFFHeader(b []byte) bool {
	return bytes.HasPrefix(b, []byte("II*\x00")) || bytes.HasPrefix(b, []byte("MM\x00*"))
}
