package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// readAndDecode runs the scan's two calls and returns the first error. It must never panic.
func readAndDecode(data []byte) error {
	info, err := Inspect(data)
	if err != nil {
		return err
	}
	_, err = DecodeUpright(data, info, 224)
	return err
}

// requireSentinel fails unless err wraps one of the package's sentinel errors, so the scan can report a reason.
func requireSentinel(t *testing.T, name string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if !errors.Is(err, ErrUnsupported) && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
		t.Errorf("%s: error %q wraps no sentinel", name, err)
	}
}

func TestBadInputNeverPanics(t *testing.T) {
	exif := everestEXIF.Bytes()
	jpg := mediatest.JPEG(t, mediatest.MarkerImage(256, 192), exif)
	png := mediatest.PNG(t, mediatest.MarkerImage(256, 192), exif)
	heif := mediatest.HEIF(256, 192, exif)
	cases := map[string]struct {
		data    []byte
		wantErr error // nil: any outcome is fine as long as it is not a panic
	}{
		"empty":                 {nil, ErrUnsupported},
		"text named .jpg":       {[]byte("hello, I am not a photo\n"), ErrUnsupported},
		"jpeg SOI only":         {jpg[:3], ErrCorrupt},
		"jpeg cut in headers":   {jpg[:40], ErrCorrupt},
		"jpeg cut in the scan":  {jpg[:len(jpg)/2], nil},
		"jpeg cut before EOI":   {jpg[:len(jpg)-2], nil},
		"png cut in IHDR":       {png[:20], ErrCorrupt},
		"png cut in data":       {png[:len(png)/2], ErrCorrupt},
		"heif container only":   {heif, ErrCorrupt}, // no coded image for libheif
		"heif cut in meta":      {heif[:60], ErrCorrupt},
		"webp header only":      {[]byte("RIFF\x04\x00\x00\x00WEBP"), ErrCorrupt},
		"tiff header only":      {[]byte("II*\x00\x08\x00\x00\x00"), ErrCorrupt},
		"jpeg 50000×50000":      {withJPEGSize(t, jpg, 50000, 50000), ErrTooLarge},
		"png 50000×50000":       {withPNGSize(t, png, 50000, 50000), ErrTooLarge},
		"heif 50000×50000":      {mediatest.HEIF(50000, 50000, exif), ErrTooLarge},
		"jpeg with garbage":     {append(append([]byte(nil), jpg[:200]...), bytes.Repeat([]byte{0xFF, 0x00, 0x13}, 500)...), nil},
		"exif block with loops": {mediatest.JPEG(t, mediatest.MarkerImage(16, 16), mediatest.EXIF{Make: "L", LoopIFDs: true}.Bytes()), nil},
	}
	for name, c := range cases {
		err := readAndDecode(c.data)
		requireSentinel(t, name, err)
		if c.wantErr != nil && !errors.Is(err, c.wantErr) {
			t.Errorf("%s: err %v, want %v", name, err, c.wantErr)
		}
	}
}

// TestTruncatedRealPhotos cuts real HEIC and JPEG photos at several points.
func TestTruncatedRealPhotos(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	for _, name := range []string{"IMG_2604.HEIC", "IMG_2802.HEIC"} { // HEIC, and JPEG named .HEIC
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, frac := range []int{1, 5, 30, 60, 95} {
			cut := data[:len(data)*frac/100]
			requireSentinel(t, name, readAndDecode(cut))
		}
	}
}

// withJPEGSize rewrites the frame header (SOF0) of a baseline JPEG to declare w×h.
func withJPEGSize(t *testing.T, jpg []byte, w, h int) []byte {
	t.Helper()
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in fixture")
	}
	binary.BigEndian.PutUint16(out[i+5:], uint16(h))
	binary.BigEndian.PutUint16(out[i+7:], uint16(w))
	return out
}

// withPNGSize rewrites IHDR to declare w×h, with a valid CRC so decoders get as far as the size.
func withPNGSize(t *testing.T, png []byte, w, h int) []byte {
	t.Helper()
	out := bytes.Clone(png)
	binary.BigEndian.PutUint32(out[16:], uint32(w))
	binary.BigEndian.PutUint32(out[20:], uint32(h))
	binary.BigEndian.PutUint32(out[29:], crc32.ChecksumIEEE(out[12:29]))
	return out
}
