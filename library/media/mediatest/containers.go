package mediatest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"testing"
)

// JPEG encodes img (quality 95) and, when exif is not nil, inserts it as an APP1 Exif segment after SOI.
func JPEG(t testing.TB, img image.Image, exif []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatalf("encode jpeg: %v", err)
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

// PNG encodes img and, when exif is not nil, inserts it as an eXIf chunk after IHDR.
func PNG(t testing.TB, img image.Image, exif []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatalf("encode png: %v", err)
	}
	plain := buf.Bytes()
	if exif == nil {
		return plain
	}
	ihdrEnd := 8 + 8 + 13 + 4 // signature, chunk length and type, IHDR data, CRC
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(exif)))
	chunk = append(chunk, "eXIf"...)
	chunk = append(chunk, exif...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := append([]byte(nil), plain[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, plain[ihdrEnd:]...)
}

// PNGDeclaring is a valid small PNG whose header claims w×h pixels (with a valid CRC, so a decoder gets as
// far as the size): a decompression bomb in a few dozen bytes.
func PNGDeclaring(t testing.TB, w, h uint32) []byte {
	t.Helper()
	data := PNG(t, image.NewGray(image.Rect(0, 0, 8, 8)), nil)
	ihdr := data[8+8 : 8+8+13] // after the signature and the chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
	return data
}

// WebP builds an extended WebP (VP8X) declaring w×h with an EXIF chunk and, when vp8l is not nil, that
// lossless bitstream (a VP8L chunk's payload) as its image. Without it the file has a size and metadata but
// no pixels, which is enough for reading metadata. Go has no WebP encoder, hence the bitstream argument.
func WebP(w, h int, exif, vp8l []byte) []byte {
	vp8x := []byte{0x08, 0, 0, 0, // flags: EXIF present
		byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
	body := []byte("WEBP")
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

// HEIF builds a minimal HEIF container (ftyp, meta with pitm/iinf/iloc/iprp, mdat) whose primary item is w×h
// and whose Exif item holds exif. It has no coded image: metadata readers accept it, decoders report it corrupt.
func HEIF(w, h int, exif []byte) []byte {
	ftyp := bmffBox("ftyp", []byte("heic"), u32(0), []byte("mif1heic"))
	exifPayload := append(append(u32(6), "Exif\x00\x00"...), exif...)
	head := heifHead(ftyp, w, h, 0, len(exifPayload))
	head = heifHead(ftyp, w, h, len(head)+8, len(exifPayload)) // the Exif item starts after the mdat header
	return append(head, bmffBox("mdat", exifPayload)...)
}

// heifHead is ftyp and the meta box, with the Exif item at exifOffset.
func heifHead(ftyp []byte, w, h, exifOffset, exifLen int) []byte {
	full := func(version byte) []byte { return []byte{version, 0, 0, 0} }
	infe := func(id int, typ string) []byte {
		return bmffBox("infe", full(2), u16(id), u16(0), []byte(typ), []byte{0})
	}
	iinf := bmffBox("iinf", full(0), u16(2), infe(1, "hvc1"), infe(2, "Exif"))
	// iloc version 1, offset/length 4 bytes, base offset 4 bytes: the Exif item's base offset carries the
	// position, so readers that ignore base offsets fail.
	iloc := bmffBox("iloc", full(1), []byte{0x44, 0x40}, u16(1),
		u16(2), u16(0), u16(0), u32(exifOffset), u16(1), u32(0), u32(exifLen))
	ispe := bmffBox("ispe", full(0), u32(w), u32(h))
	ipma := bmffBox("ipma", full(0), u32(1), u16(1), []byte{1, 0x81})
	iprp := bmffBox("iprp", bmffBox("ipco", ispe), ipma)
	meta := bmffBox("meta", full(0), bmffBox("hdlr", full(0), u32(0), []byte("pict"), make([]byte, 13)),
		bmffBox("pitm", full(0), u16(1)), iinf, iloc, iprp)
	return append(append([]byte(nil), ftyp...), meta...)
}

func bmffBox(typ string, parts ...[]byte) []byte {
	body := bytes.Join(parts, nil)
	return append(append(u32(8+len(body)), typ...), body...)
}

func u16(v int) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }
func u32(v int) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }

// WithXMP inserts packet as an APP1 XMP segment after a JPEG's SOI.
func WithXMP(jpeg, packet []byte) []byte {
	seg := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), packet...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpeg[2:]...)
}

// PNGWithXMP encodes img with exif (nil for none) and packet as an uncompressed iTXt chunk
// "XML:com.adobe.xmp", as the XMP specification puts it in PNG.
func PNGWithXMP(t testing.TB, img image.Image, exif, packet []byte) []byte {
	t.Helper()
	plain := PNG(t, img, exif)
	ihdrEnd := 8 + 8 + 13 + 4
	body := append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), packet...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(chunk, "iTXt"...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	out := append([]byte(nil), plain[:ihdrEnd]...)
	out = append(out, chunk...)
	return append(out, plain[ihdrEnd:]...)
}
