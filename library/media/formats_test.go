package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestFormatFixtures decodes the marker scene in every format and layout of testdata/formats, made by
// ImageMagick (see its README): each must come out as the scene, not merely without an error.
func TestFormatFixtures(t *testing.T) {
	for name, want := range map[string]Format{
		"marker.gif": FormatGIF, "marker-rle8.bmp": FormatBMP, "marker-bigtiff.tif": FormatTIFF,
		"marker-jpeg.tif": FormatTIFF, "marker-cmyk.tif": FormatTIFF, "marker-planar.tif": FormatTIFF,
		"marker-anim.webp": FormatWebP, "marker.avif": FormatAVIF,
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "formats", name))
		if err != nil {
			t.Fatal(err)
		}
		info, err := Inspect(data)
		if err != nil || info.Format != want || info.Width != 64 || info.Height != 48 {
			t.Errorf("%s: inspect %s %d×%d: %v", name, info.Format, info.Width, info.Height, err)
			continue
		}
		img, err := DecodeUpright(data, info, 0)
		if want == FormatAVIF && !heifDecodesAV1() {
			if !errors.Is(err, ErrUnsupported) {
				t.Errorf("%s without an AV1 decoder: %v, want unsupported", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: decode: %v", name, err)
			continue
		}
		assertUprightMarkers(t, name, img, 64, 48)
	}
}

// TestBigTIFFMetadata: a BigTIFF's EXIF is read from its 64-bit directories.
func TestBigTIFFMetadata(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "formats", "marker-bigtiff.tif"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(data)
	if err != nil || info.MetaErr != nil {
		t.Fatalf("inspect: %v / %v", err, info.MetaErr)
	}
	if info.Meta.Orientation != 1 {
		t.Errorf("orientation %d", info.Meta.Orientation)
	}
}

// TestJPEGWithStrayBytes: bytes between two segments, which libjpeg skips with a warning, are skipped too.
func TestJPEGWithStrayBytes(t *testing.T) {
	clean := mediatest.JPEG(t, mediatest.MarkerImage(64, 48), mediatest.EXIF{Make: "Stray", Orientation: 1}.Bytes())
	// After SOI and the APP1 segment, before the next marker.
	app1End := 4 + int(binary.BigEndian.Uint16(clean[4:]))
	data := append(append(append([]byte(nil), clean[:app1End]...), 0x00, 0x13, 0x37, 0xFF, 0x00, 0x42), clean[app1End:]...)
	info, err := Inspect(data)
	if err != nil || info.Meta.Make != "Stray" {
		t.Fatalf("inspect: %v (%q)", err, info.Meta.Make)
	}
	img, err := DecodeUpright(data, info, 0)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	assertUprightMarkers(t, "stray bytes", img, 64, 48)
}

// TestPNGWithBadAncillaryCRC: a text chunk with a wrong CRC is dropped as libpng does; a wrong CRC in the
// image data is still damage.
func TestPNGWithBadAncillaryCRC(t *testing.T) {
	clean := mediatest.PNG(t, mediatest.MarkerImage(64, 48), nil)
	ihdrEnd := 8 + 8 + 13 + 4
	text := binary.BigEndian.AppendUint32(nil, 9)
	text = append(text, "tEXtTitle\x00Khumbu"[:13]...)
	text = binary.BigEndian.AppendUint32(text, crc32.ChecksumIEEE(text[4:])^1)
	data := append(append(append([]byte(nil), clean[:ihdrEnd]...), text...), clean[ihdrEnd:]...)
	info, err := Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(data, info, 0)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	assertUprightMarkers(t, "bad tEXt crc", img, 64, 48)

	idat := bytes.Index(clean, []byte("IDAT"))
	broken := bytes.Clone(clean)
	broken[idat+4] ^= 0xFF // the first byte of the image data; its CRC no longer matches
	info, err = Inspect(broken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeUpright(broken, info, 0); !errors.Is(err, ErrCorrupt) {
		t.Errorf("damaged IDAT: %v, want corrupt", err)
	}
}

// TestUnsupportedIsNotCorrupt: a TIFF with floating-point samples is a feature libtiff's RGBA reader lacks,
// said as "unsupported: …".
func TestUnsupportedIsNotCorrupt(t *testing.T) {
	w := []byte("II*\x00\x08\x00\x00\x00")
	entries := [][3]uint32{{0x100, 3, 4}, {0x101, 3, 4}, {0x102, 3, 32}, {0x103, 3, 1}, {0x106, 3, 1},
		{0x111, 4, 0}, {0x115, 3, 1}, {0x116, 3, 4}, {0x117, 4, 64}, {0x153, 3, 3}}
	w = binary.LittleEndian.AppendUint16(w, uint16(len(entries)))
	dataAt := 8 + 2 + 12*len(entries) + 4
	for _, e := range entries {
		if e[0] == 0x111 {
			e[2] = uint32(dataAt)
		}
		w = binary.LittleEndian.AppendUint16(w, uint16(e[0]))
		w = binary.LittleEndian.AppendUint16(w, uint16(e[1]))
		w = binary.LittleEndian.AppendUint32(w, 1)
		w = binary.LittleEndian.AppendUint32(w, e[2])
	}
	w = append(w, 0, 0, 0, 0)
	w = append(w, make([]byte, 64)...)
	info, err := Inspect(w)
	if err != nil {
		t.Fatal(err)
	}
	_, err = DecodeUpright(w, info, 0)
	if !errors.Is(err, ErrUnsupported) || errors.Is(err, ErrCorrupt) {
		t.Errorf("float TIFF: %v, want unsupported", err)
	}
}

// oldJPEGTIFF wraps a JPEG as a TIFF with old-style JPEG compression (6), as early-1990s writers and some
// scanners did: JPEGInterchangeFormat points at the whole stream, the strip at its entropy-coded data.
func oldJPEGTIFF(jpg []byte, w, h int) []byte {
	sos := bytes.Index(jpg, []byte{0xFF, 0xDA})
	scan := sos + 2 + int(binary.BigEndian.Uint16(jpg[sos+2:]))
	out := []byte("II*\x00\x00\x00\x00\x00")
	jpegAt := len(out)
	out = append(out, jpg...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)))
	entries := [][3]uint32{{0x100, 4, uint32(w)}, {0x101, 4, uint32(h)}, {0x102, 3, 8}, {0x103, 3, 6}, {0x106, 3, 6},
		{0x111, 4, uint32(jpegAt + scan)}, {0x115, 3, 3}, {0x116, 4, uint32(h)}, {0x117, 4, uint32(len(jpg) - scan)},
		{0x201, 4, uint32(jpegAt)}, {0x202, 4, uint32(len(jpg))}}
	out = binary.LittleEndian.AppendUint16(out, uint16(len(entries)))
	for _, e := range entries {
		out = binary.LittleEndian.AppendUint16(out, uint16(e[0]))
		out = binary.LittleEndian.AppendUint16(out, uint16(e[1]))
		out = binary.LittleEndian.AppendUint32(out, 1)
		if e[1] == 3 {
			out = binary.LittleEndian.AppendUint16(out, uint16(e[2]))
			out = append(out, 0, 0)
		} else {
			out = binary.LittleEndian.AppendUint32(out, e[2])
		}
	}
	return append(out, 0, 0, 0, 0)
}

// TestOldStyleJPEGTIFF: libtiff reads old-style JPEG compression, which golang.org/x/image/tiff refuses.
func TestOldStyleJPEGTIFF(t *testing.T) {
	jpg := mediatest.JPEG(t, mediatest.MarkerImage(64, 48), nil)
	data := oldJPEGTIFF(jpg, 64, 48)
	info, err := Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(data, info, 0)
	if err != nil {
		t.Fatal(err)
	}
	assertUprightMarkers(t, "ojpeg", img, 64, 48)
}
