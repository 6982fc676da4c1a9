package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"testing"
)

// This file writes test photos: EXIF blocks built entry by entry, wrapped in JPEG, PNG, WebP and HEIF
// containers, so the tests need no shared data.

// exifEntry is one IFD entry; value holds the encoded bytes (type and count say how to read them).
type exifEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

func asciiEntry(tag uint16, s string) exifEntry {
	return exifEntry{tag, 2, uint32(len(s) + 1), append([]byte(s), 0)}
}

func shortEntry(tag uint16, v uint16) exifEntry {
	return exifEntry{tag, 3, 1, binary.LittleEndian.AppendUint16(nil, v)}
}

func byteEntry(tag uint16, v byte) exifEntry { return exifEntry{tag, 1, 1, []byte{v}} }

// rationalEntry encodes each value as a fraction over 1e6 (1e4 for large values).
func rationalEntry(tag uint16, values ...float64) exifEntry {
	var b []byte
	for _, v := range values {
		den := uint32(1_000_000)
		if v > 4000 {
			den = 10_000
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(math.Round(v*float64(den))))
		b = binary.LittleEndian.AppendUint32(b, den)
	}
	return exifEntry{tag, 5, uint32(len(values)), b}
}

// dms splits decimal degrees into degrees, minutes, seconds.
func dms(deg float64) []float64 {
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := (deg - d - m/60) * 3600
	return []float64{d, m, s}
}

// fixtureEXIF describes the EXIF a generated photo carries.
type fixtureEXIF struct {
	make, model     string
	orientation     uint16
	dateTime        string // DateTimeOriginal, "" for none
	offset          string // OffsetTimeOriginal, "" for none
	lat, lon, alt   float64
	heading         float64
	focal35         uint16
	withGPS         bool
	loopIFDs        bool // make IFD1 point back to IFD0
	zeroCountInIFD0 bool // add an entry with count 0, which goexif alone rejects
}

// buildEXIF returns a little-endian TIFF structure: IFD0 → Exif IFD and GPS IFD.
func buildEXIF(f fixtureEXIF) []byte {
	ifd0 := []exifEntry{asciiEntry(0x010F, f.make), asciiEntry(0x0110, f.model), shortEntry(0x0112, f.orientation)}
	if f.zeroCountInIFD0 {
		ifd0 = append(ifd0, exifEntry{0x0131, 2, 0, nil}) // Software with no characters
	}
	exifIFD := []exifEntry{shortEntry(0xA405, f.focal35)}
	if f.dateTime != "" {
		exifIFD = append(exifIFD, asciiEntry(0x9003, f.dateTime))
	}
	if f.offset != "" {
		exifIFD = append(exifIFD, asciiEntry(0x9011, f.offset))
	}
	var gps []exifEntry
	if f.withGPS {
		latRef, lonRef, altRef := "N", "E", byte(0)
		if f.lat < 0 {
			latRef = "S"
		}
		if f.lon < 0 {
			lonRef = "W"
		}
		if f.alt < 0 {
			altRef = 1
		}
		gps = []exifEntry{
			asciiEntry(0x0001, latRef), rationalEntry(0x0002, dms(math.Abs(f.lat))...),
			asciiEntry(0x0003, lonRef), rationalEntry(0x0004, dms(math.Abs(f.lon))...),
			byteEntry(0x0005, altRef), rationalEntry(0x0006, math.Abs(f.alt)),
			asciiEntry(0x0010, "T"), rationalEntry(0x0011, f.heading),
		}
	}
	w := &tiffWriter{}
	w.buf = []byte("II*\x00\x08\x00\x00\x00")
	// Sub-IFD pointers are patched once their positions are known.
	ifd0 = append(ifd0, exifEntry{tagExifIFD, 4, 1, make([]byte, 4)})
	if f.withGPS {
		ifd0 = append(ifd0, exifEntry{tagGPSIFD, 4, 1, make([]byte, 4)})
	}
	ifd0Pos, ifd0Next, ptrs := w.ifd(ifd0)
	exifPos, _, _ := w.ifd(exifIFD)
	binary.LittleEndian.PutUint32(w.buf[ptrs[tagExifIFD]:], uint32(exifPos))
	if f.withGPS {
		gpsPos, _, _ := w.ifd(gps)
		binary.LittleEndian.PutUint32(w.buf[ptrs[tagGPSIFD]:], uint32(gpsPos))
	}
	if f.loopIFDs { // IFD0 → IFD1 → IFD0 → …
		ifd1Pos, ifd1Next, _ := w.ifd([]exifEntry{shortEntry(0x0103, 6)})
		binary.LittleEndian.PutUint32(w.buf[ifd0Next:], uint32(ifd1Pos))
		binary.LittleEndian.PutUint32(w.buf[ifd1Next:], uint32(ifd0Pos))
	}
	return w.buf
}

type tiffWriter struct{ buf []byte }

// ifd appends an IFD (values over 4 bytes after it) and returns its offset, the position of its next-IFD
// link and the positions of each entry's value field by tag.
func (w *tiffWriter) ifd(entries []exifEntry) (pos, nextLink int, valueField map[uint16]int) {
	pos = len(w.buf)
	valueField = map[uint16]int{}
	extra := pos + 2 + 12*len(entries) + 4
	var tail []byte
	w.buf = binary.LittleEndian.AppendUint16(w.buf, uint16(len(entries)))
	for _, e := range entries {
		w.buf = binary.LittleEndian.AppendUint16(w.buf, e.tag)
		w.buf = binary.LittleEndian.AppendUint16(w.buf, e.typ)
		w.buf = binary.LittleEndian.AppendUint32(w.buf, e.count)
		valueField[e.tag] = len(w.buf)
		if len(e.value) <= 4 {
			w.buf = append(w.buf, append(e.value, make([]byte, 4-len(e.value))...)...)
			continue
		}
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(extra+len(tail)))
		tail = append(tail, e.value...)
		if len(tail)%2 == 1 {
			tail = append(tail, 0)
		}
	}
	nextLink = len(w.buf)
	w.buf = append(w.buf, 0, 0, 0, 0)
	w.buf = append(w.buf, tail...)
	return pos, nextLink, valueField
}

// markerImage is w×h grey with a red block in the top-left corner and a blue block in the top-right corner,
// as the scene looks upright.
func markerImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{128, 128, 128, 255}
			switch {
			case x < w/4 && y < h/4:
				c = color.RGBA{230, 20, 20, 255}
			case x >= w-w/4 && y < h/4:
				c = color.RGBA{20, 20, 230, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// storeWithOrientation returns the pixels a camera would store for an upright scene so that EXIF orientation
// o restores it: the inverse of orient.
func storeWithOrientation(upright *image.RGBA, o int) *image.RGBA {
	inverse := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	return orient(upright, inverse[o])
}

// jpegWithEXIF encodes img as a JPEG and inserts an APP1 Exif segment after SOI.
func jpegWithEXIF(t testing.TB, img image.Image, exif []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	if exif == nil {
		return plain
	}
	seg := append([]byte("Exif\x00\x00"), exif...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, plain[2:]...)
}

// pngWithEXIF encodes img as PNG and inserts an eXIf chunk after IHDR.
func pngWithEXIF(t testing.TB, img image.Image, exif []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	ihdrEnd := 8 + 8 + 13 + 4
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(exif)))
	chunk = append(chunk, "eXIf"...)
	chunk = append(chunk, exif...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := append([]byte(nil), plain[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, plain[ihdrEnd:]...)
}

// webpWithEXIF builds an extended WebP (VP8X) declaring w×h with an EXIF chunk and, when vp8l is not nil, that
// lossless bitstream as its image (Inspect alone needs no image data).
func webpWithEXIF(w, h int, exif []byte, vp8l ...byte) []byte {
	vp8x := []byte{0x08, 0, 0, 0, byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
	var body []byte
	body = append(body, "WEBP"...)
	body = appendRIFFChunk(body, "VP8X", vp8x)
	if vp8l != nil {
		body = appendRIFFChunk(body, "VP8L", vp8l)
	}
	body = appendRIFFChunk(body, "EXIF", exif)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func appendRIFFChunk(b []byte, typ string, data []byte) []byte {
	b = append(b, typ...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// heifWithEXIF builds a minimal HEIF container (ftyp, meta with pitm/iinf/iloc/iprp) whose primary item is
// w×h and whose Exif item holds exif; it has no coded image, which Inspect does not need.
func heifWithEXIF(w, h int, exif []byte) []byte {
	bmffBox := func(typ string, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		return append(append(binary.BigEndian.AppendUint32(nil, uint32(8+len(body))), typ...), body...)
	}
	full := func(version byte) []byte { return []byte{version, 0, 0, 0} }
	u16 := func(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }
	u32 := func(v int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }

	ftyp := bmffBox("ftyp", []byte("heic"), u32(0), []byte("mif1heic"))
	exifPayload := append(append(u32(6), "Exif\x00\x00"...), exif...)
	build := func(exifOffset int) []byte {
		infe := func(id int, typ string) []byte {
			return bmffBox("infe", full(2), u16(id), u16(0), []byte(typ), []byte{0})
		}
		iinf := bmffBox("iinf", full(0), u16(2), infe(1, "hvc1"), infe(2, "Exif"))
		// iloc version 1, offset/length 4 bytes, base offset 4 bytes: the Exif item's base offset carries the
		// position, to check base offsets are honoured.
		iloc := bmffBox("iloc", full(1), []byte{0x44, 0x40}, u16(1),
			u16(2), u16(0), u16(0), u32(exifOffset), u16(1), u32(0), u32(len(exifPayload)))
		ispe := bmffBox("ispe", full(0), u32(w), u32(h))
		ipma := bmffBox("ipma", full(0), u32(1), u16(1), []byte{1, 0x81})
		iprp := bmffBox("iprp", bmffBox("ipco", ispe), ipma)
		meta := bmffBox("meta", full(0), bmffBox("hdlr", full(0), u32(0), []byte("pict"), make([]byte, 13)),
			bmffBox("pitm", full(0), u16(1)), iinf, iloc, iprp)
		return append(append([]byte(nil), ftyp...), meta...)
	}
	head := build(0)
	head = build(len(head) + 8) // the mdat header follows the meta box
	return append(head, bmffBox("mdat", exifPayload)...)
}
