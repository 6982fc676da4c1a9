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
	FormatTIFF Format = "tiff" // classic TIFF and BigTIFF
	FormatAVIF Format = "avif" // AV1-coded HEIF, decoded by libheif when it has an AV1 decoder
	FormatGIF  Format = "gif"  // the first frame
	FormatBMP  Format = "bmp"
	// FormatRAW is a camera RAW file (DNG, CR2, CR3, NEF, ARW, ORF, RW2, RAF, PEF, …), read through its
	// embedded previews. Sniff says FormatTIFF for the TIFF-based ones (their first bytes are a TIFF's, or
	// nearly); Inspect tells them apart by their directories.
	FormatRAW Format = "raw"
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
	case isTIFFMagic(head):
		return FormatTIFF, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return FormatGIF, nil
	case isBMP(head):
		return FormatBMP, nil
	case bytes.HasPrefix(head, []byte(rafMagic)):
		return FormatRAW, nil
	case len(head) >= 12 && string(head[4:12]) == "ftypcrx ":
		return FormatRAW, nil // Canon CR3
	case isHEIF(head):
		return FormatHEIC, nil
	case isAVIF(head):
		return FormatAVIF, nil
	}
	if name := unsupportedRAW(head); name != "" {
		return "", fmt.Errorf("sniff: %w: %s raw files (no common library reads them)", ErrUnsupported, name)
	}
	n := min(len(head), 8)
	return "", fmt.Errorf("sniff: %w: not an image format Cairn reads (first bytes % x)", ErrUnsupported, head[:n])
}

// isBMP recognises "BM" followed, after the 14-byte file header, by the size of one of the known info headers
// (OS/2 and Windows versions 1 to 5).
func isBMP(head []byte) bool {
	if len(head) < 18 || string(head[0:2]) != "BM" {
		return false
	}
	switch binary.LittleEndian.Uint32(head[14:]) {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// isTIFFMagic recognises TIFF, BigTIFF and the TIFF-based RAWs with their own magic number: Olympus ORF
// ("IIRO", "IIRS", "MMOR") and Panasonic RW2 ("IIU\0").
func isTIFFMagic(head []byte) bool {
	for _, m := range []string{"II*\x00", "MM\x00*", "II+\x00", "MM\x00+", "IIRO", "IIRS", "MMOR", "IIU\x00"} {
		if bytes.HasPrefix(head, []byte(m)) {
			return true
		}
	}
	return false
}

// unsupportedRAW names the RAW formats recognised only to say that they are not read.
func unsupportedRAW(head []byte) string {
	switch {
	case len(head) >= 14 && string(head[6:14]) == "HEAPCCDR":
		return "Canon CRW"
	case bytes.HasPrefix(head, []byte("\x00MRM")):
		return "Minolta MRW"
	case bytes.HasPrefix(head, []byte("FOVb")):
		return "Sigma X3F"
	}
	return ""
}

// ftypBrands returns the major and compatible brands of an ftyp box at the start of head, nil when there is none.
func ftypBrands(head []byte) []string {
	if len(head) < 16 || string(head[4:8]) != "ftyp" {
		return nil
	}
	size := int(binary.BigEndian.Uint32(head[0:4]))
	if size < 16 || size > len(head) {
		size = len(head) - len(head)%4 // a truncated header: look at the brands that are there
	}
	brands := []string{string(head[8:12])} // major brand, then minor version, then compatible brands
	for off := 16; off+4 <= size; off += 4 {
		brands = append(brands, string(head[off:off+4]))
	}
	return brands
}

// isAVIF reports whether head starts with an ftyp box naming an AVIF brand.
func isAVIF(head []byte) bool {
	for _, b := range ftypBrands(head) {
		if b == "avif" || b == "avis" {
			return true
		}
	}
	return false
}

// isHEIF reports whether head starts with an ftyp box naming an HEVC-coded HEIF brand, as major or compatible
// brand. A plain mif1/msf1 file counts unless it says it is AVIF, which libheif here may not decode.
func isHEIF(head []byte) bool {
	var hevc, generic, avif bool
	for _, b := range ftypBrands(head) {
		switch b {
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
