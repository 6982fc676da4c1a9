package media

import (
	"bytes"
	"fmt"
)

// Canon CR3 is an ISO-BMFF file. Its metadata is in moov/uuid(Canon): CMT1 (IFD0), CMT2 (the Exif IFD) and
// CMT4 (the GPS IFD), each a small TIFF of its own, with THMB (a 160×120 JPEG) beside them; the 1620×1080
// preview (PRVW) sits in a top-level uuid box; the first track's only sample is a full-size JPEG; XMP sits in a
// top-level uuid box of its own. The layout is the one exiftool and LibRaw document.

// The uuid box types of CR3.
var (
	cr3CanonUUID   = []byte{0x85, 0xc0, 0xb6, 0x87, 0x82, 0x0f, 0x11, 0xe0, 0x81, 0x11, 0xf4, 0xce, 0x46, 0x2b, 0x6a, 0x48}
	cr3PreviewUUID = []byte{0xea, 0xf4, 0x2b, 0x5e, 0x1c, 0x98, 0x4b, 0x88, 0xb9, 0xfb, 0xb7, 0xdc, 0x40, 0x6e, 0x4d, 0x16}
	xmpUUID        = []byte{0xbe, 0x7a, 0xcf, 0xcb, 0x97, 0xa9, 0x42, 0xe8, 0x9c, 0x71, 0x99, 0x94, 0x91, 0xe3, 0xaf, 0xac}
)

// readCR3 gathers a CR3's metadata into one EXIF block, and its JPEGs (thumbnail, preview, full size).
func readCR3(data []byte) (container, error) {
	c := container{raw: "CR3"}
	top, err := readBoxes(data)
	if err != nil && len(top) == 0 {
		return c, fmt.Errorf("cr3 boxes: %w", err)
	}
	moov, ok := findBox(top, "moov")
	if !ok {
		return c, fmt.Errorf("%w: cr3 without a moov box", ErrCorrupt)
	}
	movie, _ := readBoxes(moov.body)
	var ifd0, exif, gps []orderedFields
	for _, b := range movie {
		if b.typ != "uuid" || !bytes.HasPrefix(b.body, cr3CanonUUID) {
			continue
		}
		canon, _ := readBoxes(b.body[16:])
		for _, cb := range canon {
			switch cb.typ {
			case "CMT1":
				ifd0 = append(ifd0, cr3Fields(cb.body)...)
			case "CMT2":
				exif = append(exif, cr3Fields(cb.body)...)
			case "CMT4":
				gps = append(gps, cr3Fields(cb.body)...)
			case "THMB":
				c.addPreview(jpegAfter(cb.body, 24))
			}
		}
	}
	if len(ifd0)+len(exif)+len(gps) > 0 {
		c.exif = buildEXIF(ifd0, exif, gps)
	}
	for _, b := range top {
		switch {
		case b.typ == "uuid" && bytes.HasPrefix(b.body, cr3PreviewUUID):
			inner, _ := readBoxes(b.body[min(len(b.body), 24):]) // uuid, then 8 bytes before the PRVW box
			if prvw, ok := findBox(inner, "PRVW"); ok {
				c.addPreview(jpegAfter(prvw.body, 24))
			}
		case b.typ == "uuid" && bytes.HasPrefix(b.body, xmpUUID):
			c.xmp = b.body[16:]
		}
	}
	c.addPreview(firstTrackJPEG(data, movie))
	for _, p := range c.previews {
		if p.width*p.height > c.width*c.height {
			c.width, c.height = p.width, p.height
		}
	}
	if c.width == 0 {
		c.width, c.height = cr3SizeFromEXIF(c.exif)
	}
	return c, nil
}

// cr3Fields reads IFD0 of one CMT box's TIFF.
func cr3Fields(body []byte) []orderedFields {
	t, err := parseTIFFDoc(body)
	if err != nil {
		return nil
	}
	d, err := t.readIFD(t.first)
	if err != nil {
		return nil
	}
	return []orderedFields{{t.order, d.fields}}
}

// jpegAfter returns the JPEG that starts within the first limit bytes of b and runs to its end, nil when none.
func jpegAfter(b []byte, limit int) []byte {
	i := bytes.Index(b[:min(len(b), limit+3)], []byte{0xFF, 0xD8, 0xFF})
	if i < 0 {
		return nil
	}
	return b[i:]
}

// firstTrackJPEG returns the sample of moov's first track (offset from stco/co64, size from stsz) when it is a
// JPEG: the full-size picture of a CR3.
func firstTrackJPEG(data []byte, movie []box) []byte {
	trak, ok := findBox(movie, "trak")
	if !ok {
		return nil
	}
	stbl := boxPath(trak.body, "mdia", "minf", "stbl")
	if stbl == nil {
		return nil
	}
	parts, _ := readBoxes(stbl)
	var offset, size uint64
	if b, ok := findBox(parts, "co64"); ok {
		r := byteReader{b: b.body}
		r.fullBoxHeader()
		if r.u32() > 0 {
			offset = r.uint(8)
		}
	} else if b, ok := findBox(parts, "stco"); ok {
		r := byteReader{b: b.body}
		r.fullBoxHeader()
		if r.u32() > 0 {
			offset = uint64(r.u32())
		}
	}
	if b, ok := findBox(parts, "stsz"); ok {
		r := byteReader{b: b.body}
		r.fullBoxHeader()
		size = uint64(r.u32())
		if size == 0 && r.u32() > 0 {
			size = uint64(r.u32())
		}
	}
	if offset == 0 || size == 0 || offset >= uint64(len(data)) || size > uint64(len(data))-offset {
		return nil
	}
	return data[offset : offset+size]
}

// boxPath descends through nested boxes by type and returns the last one's body, nil when one is missing.
func boxPath(body []byte, types ...string) []byte {
	for _, typ := range types {
		boxes, _ := readBoxes(body)
		b, ok := findBox(boxes, typ)
		if !ok {
			return nil
		}
		body = b.body
	}
	return body
}

// addPreview keeps b as a preview when it is a JPEG libjpeg-turbo can decode.
func (c *container) addPreview(b []byte) {
	if len(b) < 4 {
		return
	}
	j, err := readJPEG(b)
	if err != nil || !decodableSOF(j.sof) {
		return
	}
	c.previews = append(c.previews, preview{data: b, width: j.width, height: j.height})
}

// cr3SizeFromEXIF is the image size the Exif IFD records, for a CR3 without any JPEG.
func cr3SizeFromEXIF(exif []byte) (int, int) {
	t, err := parseTIFFDoc(exif)
	if err != nil {
		return 0, 0
	}
	ifd0, err := t.readIFD(t.first)
	if err != nil {
		return 0, 0
	}
	off, ok := t.uint1(ifd0, tagExifIFD)
	if !ok {
		return 0, 0
	}
	d, err := t.readIFD(off)
	if err != nil {
		return 0, 0
	}
	w, _ := t.uint1(d, 0xA002) // PixelXDimension
	h, _ := t.uint1(d, 0xA003)
	return int(w), int(h)
}
