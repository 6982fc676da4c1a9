package media

import (
	"bytes"
	"fmt"
	"image"
	"strings"
)

// Camera RAW files are read through the JPEG previews the camera embeds: decoding the sensor data itself
// (demosaicing, colour matrices, each maker's compression) is a project of its own, and the previews are what
// the camera showed on its screen. This file finds them in TIFF-based RAWs (DNG, CR2, NEF, ARW, ORF, RW2, PEF,
// SRW, IIQ, …); cr3.go and raf.go do the same for Canon's and Fujifilm's own containers.

// preview is one embedded picture: a JPEG (its bytes, a slice of the file), or, when ifd0 is set, the
// uncompressed (or LZW/Deflate) RGB image of the RAW's first directory, which libtiff reads from the file.
// width and height are the picture's, less its borders.
type preview struct {
	data          []byte
	ifd0          bool
	width, height int
	// borders are the black bands, in pixels, top, bottom, left and right, by which the camera fitted the
	// photo into the preview's frame (Pentax's 4:3 preview of a 3:2 photo): cut off when it is decoded.
	borders [4]int
}

// minPreviewSide is the longer side below which a preview is not worth showing: under the 256 px of a
// thumbnail, it would be blown up. Such RAWs are reported as having no usable preview.
const minPreviewSide = 256

// TIFF tags and values that mark a directory as RAW sensor data or locate a preview.
const (
	tagNewSubfileType  = 0x00FE
	tagImageWidth      = 0x0100
	tagImageLength     = 0x0101
	tagCompression     = 0x0103
	tagPhotometric     = 0x0106
	tagStripOffsets    = 0x0111
	tagStripByteCounts = 0x0117
	tagJPEGOffset      = 0x0201 // JPEGInterchangeFormat
	tagJPEGLength      = 0x0202
	tagRW2JpgFromRaw   = 0x002E
	tagMakerNote       = 0x927C
	tagDNGVersion      = 0xC612
	tagDNGPrivateData  = 0xC634 // where in-camera Pentax DNGs keep their maker note
	photometricCFA     = 32803
	photometricLinear  = 34892
)

// tiffRaw is what the directories of a TIFF-based file say about it being a RAW.
type tiffRaw struct {
	isRaw         bool
	kind          string // DNG, CR2, ORF, RW2, or the maker's name
	previews      []preview
	width, height int // the largest image any directory describes
}

// inspectTIFFRaw walks every directory of t, collecting JPEG previews and deciding whether the file is a
// camera RAW: a DNG, a CR2, a file with a RAW magic number, or one with a directory of sensor data (CFA or
// linear-raw photometry, or a maker's own compression).
func inspectTIFFRaw(t tiffDoc) tiffRaw {
	var r tiffRaw
	switch {
	case t.magic == 0x4F52 || t.magic == 0x5352:
		r.isRaw, r.kind = true, "ORF"
	case t.magic == 0x55:
		r.isRaw, r.kind = true, "RW2"
	case len(t.data) >= 10 && string(t.data[8:10]) == "CR":
		r.isRaw, r.kind = true, "CR2"
	case len(t.data) >= 16 && string(t.data[8:16]) == "IIIICwaR": // Phase One's own structure follows
		r.isRaw, r.kind = true, "IIQ"
	}
	seen := map[*byte]bool{} // previews by their first byte in the file: two tags may point to one
	addJPEG := func(b []byte, borders [4]int) {
		if len(b) < 4 || !bytes.HasPrefix(b, []byte{0xFF, 0xD8}) || seen[&b[0]] {
			return
		}
		seen[&b[0]] = true
		c, err := readJPEG(b)
		if err != nil || !decodableSOF(c.sof) {
			return // lossless JPEG (the raw data of a CR2 or DNG), or damaged
		}
		p := preview{data: b, width: c.width, height: c.height}
		if w, h := c.width-borders[2]-borders[3], c.height-borders[0]-borders[1]; w > c.width/2 && h > c.height/2 {
			p.width, p.height, p.borders = w, h, borders // otherwise not borders but a misreading
		}
		r.previews = append(r.previews, p)
		r.grow(c.width, c.height)
	}
	slice := func(off, n uint64) []byte {
		if off >= uint64(len(t.data)) || n > uint64(len(t.data))-off {
			return nil
		}
		return t.data[off : off+n]
	}
	if d, err := t.readIFD(t.first); err == nil && t.magic == 42 { // what libtiff opens
		if w, h, ok := rgbIFD(t, d); ok {
			r.previews = append(r.previews, preview{ifd0: true, width: w, height: h})
		}
	}
	t.walkIFDs(func(d tiffIFD) {
		if _, ok := d.field(tagDNGVersion); ok {
			r.isRaw, r.kind = true, "DNG"
		}
		w, _ := t.uint1(d, tagImageWidth)
		h, _ := t.uint1(d, tagImageLength)
		compression, _ := t.uint1(d, tagCompression)
		photometric, _ := t.uint1(d, tagPhotometric)
		if photometric == photometricCFA || photometric == photometricLinear || compression >= 32767 {
			r.isRaw = true
		}
		if w < 1<<20 && h < 1<<20 {
			r.grow(int(w), int(h))
		}
		// The Exif IFD's PixelXDimension (CR2), RW2's SensorWidth in IFD0: sizes of RAWs whose sensor data
		// directory has none.
		for _, tags := range [][2]uint16{{0xA002, 0xA003}, {0x0002, 0x0003}} {
			if tags[0] == 0x0002 && t.magic != 0x55 {
				continue
			}
			w, _ := t.uint1(d, tags[0])
			h, _ := t.uint1(d, tags[1])
			if w < 1<<20 && h < 1<<20 {
				r.grow(int(w), int(h))
			}
		}
		if off, ok := t.uint1(d, tagJPEGOffset); ok {
			if n, ok := t.uint1(d, tagJPEGLength); ok {
				addJPEG(slice(off, n), [4]int{})
			}
		}
		if compression == 6 || compression == 7 {
			offs, _ := d.field(tagStripOffsets)
			counts, _ := d.field(tagStripByteCounts)
			if o, n := t.uints(offs), t.uints(counts); len(o) == 1 && len(n) == 1 {
				addJPEG(slice(o[0], n[0]), [4]int{})
			}
		}
		if f, ok := d.field(tagRW2JpgFromRaw); ok && t.magic == 0x55 {
			addJPEG(f.value, [4]int{})
		}
		for _, tag := range []uint16{tagMakerNote, tagDNGPrivateData} {
			if f, ok := d.field(tag); ok && f.value != nil {
				for _, p := range makerNotePreviews(t, f.value) {
					addJPEG(p.data, p.borders)
				}
			}
		}
	})
	if r.isRaw && r.kind == "" {
		r.kind = rawKindOfMake(t)
	}
	return r
}

// rgbIFD reports the size of a directory that holds a plain 8-bit RGB image (a DNG's or NEF's IFD0 preview)
// and is not itself sensor data.
func rgbIFD(t tiffDoc, d tiffIFD) (int, int, bool) {
	w, _ := t.uint1(d, tagImageWidth)
	h, _ := t.uint1(d, tagImageLength)
	photometric, _ := t.uint1(d, tagPhotometric)
	compression, ok := t.uint1(d, tagCompression)
	if !ok {
		compression = 1
	}
	bits, _ := d.field(0x0102) // BitsPerSample
	for _, b := range t.uints(bits) {
		if b != 8 {
			return 0, 0, false
		}
	}
	if photometric != 2 || w == 0 || h == 0 || w >= 1<<16 || h >= 1<<16 {
		return 0, 0, false
	}
	switch compression {
	case 1, 5, 8, 32946: // none, LZW, Deflate
		return int(w), int(h), true
	}
	return 0, 0, false
}

// jpegShortSide is the short side to ask of the whole JPEG so that, its borders cut off, the picture's is
// at least minShortSide.
func (p preview) jpegShortSide(minShortSide int) int {
	fullW, fullH := p.width+p.borders[2]+p.borders[3], p.height+p.borders[0]+p.borders[1]
	if p.borders == [4]int{} || minShortSide <= 0 {
		return minShortSide
	}
	short := min(p.width, p.height) // the decoder scales both alike
	return (minShortSide*min(fullW, fullH) + short - 1) / short
}

// cutBorders returns img, the decoded preview (maybe scaled down), without the preview's borders.
func (p preview) cutBorders(img *image.RGBA) *image.RGBA {
	if p.borders == [4]int{} {
		return img
	}
	fullW, fullH := p.width+p.borders[2]+p.borders[3], p.height+p.borders[0]+p.borders[1]
	b := img.Bounds()
	scale := func(v, full, got int) int { return v * got / full }
	r := image.Rect(b.Min.X+scale(p.borders[2], fullW, b.Dx()), b.Min.Y+scale(p.borders[0], fullH, b.Dy()),
		b.Max.X-scale(p.borders[3], fullW, b.Dx()), b.Max.Y-scale(p.borders[1], fullH, b.Dy()))
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := 0; y < r.Dy(); y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+4*r.Dx()], img.Pix[img.PixOffset(r.Min.X, r.Min.Y+y):])
	}
	return out
}

func (r *tiffRaw) grow(w, h int) {
	if w*h > r.width*r.height {
		r.width, r.height = w, h
	}
}

// decodableSOF reports whether a JPEG frame type is one libjpeg-turbo decodes: baseline, extended or
// progressive Huffman (SOF0–SOF2). Lossless (SOF3) and arithmetic-coded frames hold sensor data, not previews.
func decodableSOF(marker byte) bool {
	return marker >= 0xC0 && marker <= 0xC2
}

// rawKindOfMake names a TIFF-based RAW by its maker, for messages and the scan summary.
func rawKindOfMake(t tiffDoc) string {
	ifd0, err := t.readIFD(t.first)
	if err != nil {
		return "RAW"
	}
	f, _ := ifd0.field(0x010F)
	make := strings.ToUpper(strings.TrimRight(string(f.value), "\x00 "))
	for prefix, kind := range map[string]string{"NIKON": "NEF", "SONY": "ARW", "PENTAX": "PEF", "RICOH": "PEF",
		"SAMSUNG": "SRW", "LEAF": "IIQ", "PHASE ONE": "IIQ", "HASSELBLAD": "3FR", "KODAK": "DCR", "CANON": "CR2",
		"EPSON": "ERF", "MAMIYA": "MEF", "LEICA": "RWL"} {
		if strings.HasPrefix(make, prefix) {
			return kind
		}
	}
	return "RAW"
}

// pickPreview chooses the preview to decode for an image whose shorter side should be at least minShortSide:
// the smallest that is big enough (the cheapest to decode), else the largest. It fails with ErrNoPreview when
// even the largest is under minPreviewSide.
func pickPreview(previews []preview, minShortSide int) (preview, error) {
	var best, largest preview
	for _, p := range previews {
		if p.width*p.height > largest.width*largest.height {
			largest = p
		}
		if minShortSide > 0 && min(p.width, p.height) >= minShortSide &&
			(best.width == 0 || p.width*p.height < best.width*best.height) {
			best = p
		}
	}
	if max(largest.width, largest.height) < minPreviewSide {
		if largest.width == 0 {
			return preview{}, fmt.Errorf("%w (none embedded)", ErrNoPreview)
		}
		return preview{}, fmt.Errorf("%w (the largest is %d×%d)", ErrNoPreview, largest.width, largest.height)
	}
	if best.width == 0 {
		best = largest
	}
	return best, nil
}
