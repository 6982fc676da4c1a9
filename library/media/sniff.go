package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// Format names an image container as recognised from its first bytes.
type Format string

// The formats this package reads.
const (
	FormatJPEG Format = "jpeg"
	FormatHEIC Format = "heic" // HEIC and other HEVC-coded HEIF files (brands heic, heix, mif1, …)
	FormatPNG  Format = "png"
	FormatWebP Format = "webp"
	FormatTIFF Format = "tiff"
)

// SniffLen is how many leading bytes Sniff needs to recognise every format (an ISO-BMFF ftyp box lists its
// compatible brands after the major one).
const SniffLen = 64

// Sniff tells the format from the first bytes of a file, never from its name: a .HEIC that holds a JPEG is a
// JPEG. It returns an error wrapping ErrUnsupported when the bytes match no known format.
func Sniff(head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return FormatJPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return FormatPNG, nil
	case len(head) >= 12 && string(head[0:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return FormatWebP, nil
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return FormatTIFF, nil
	case isHEIF(head):
		return FormatHEIC, nil
	}
	n := min(len(head), 8)
	return "", fmt.Errorf("sniff: %w (first bytes % x)", ErrUnsupported, head[:n])
}

// isHEIF reports whether head starts with an ftyp box naming an HEVC-coded HEIF brand, as major or compatible
// brand. A plain mif1/msf1 file counts unless it says it is AVIF, which libheif here may not decode.
func isHEIF(head []byte) bool {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(head[0:4]))
	if size < 16 || size > len(head) {
		size = len(head) - len(head)%4 // a truncated header: look at the brands that are there
	}
	brands := [][]byte{head[8:12]} // major brand, then minor version, then compatible brands
	for off := 16; off+4 <= size; off += 4 {
		brands = append(brands, head[off:off+4])
	}
	var hevc, generic, avif bool
	for _, b := range brands {
		switch string(b) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx":
			hevc = true
		case "mif1", "msf1":
			generic = true
		case "avif", "avis":
			avif = true
		}
	}
	return hevc || (generic && !avif)
}
