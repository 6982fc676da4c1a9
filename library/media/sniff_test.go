package media

import (
	"errors"
	"testing"
)

func ftyp(major string, compatible ...string) []byte {
	b := []byte{0, 0, 0, byte(16 + 4*len(compatible))}
	b = append(b, "ftyp"+major+"\x00\x00\x00\x00"...)
	for _, c := range compatible {
		b = append(b, c...)
	}
	return append(b, "\x00\x00\x00\x08free"...)
}

func TestSniff(t *testing.T) {
	cases := []struct {
		name string
		head []byte
		want Format
	}{
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F'}, FormatJPEG},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), FormatPNG},
		{"webp", []byte("RIFF\x10\x00\x00\x00WEBPVP8 "), FormatWebP},
		{"tiff little-endian", []byte("II*\x00\x08\x00\x00\x00"), FormatTIFF},
		{"tiff big-endian", []byte("MM\x00*\x00\x00\x00\x08"), FormatTIFF},
		{"heic", ftyp("heic", "mif1", "heic"), FormatHEIC},
		{"heif mif1", ftyp("mif1", "mif1", "heic"), FormatHEIC},
		{"heif mif1 only", ftyp("mif1", "mif1"), FormatHEIC},
		{"heix", ftyp("heix", "mif1"), FormatHEIC},
		{"avif", ftyp("avif", "mif1", "avif"), FormatAVIF},
		{"avif named heif", ftyp("mif1", "mif1", "miaf", "avif"), FormatAVIF},
		{"gif", []byte("GIF89a\x01\x00"), FormatGIF},
		{"gif87", []byte("GIF87a\x01\x00"), FormatGIF},
		{"bmp", []byte("BM\x46\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), FormatBMP},
		{"bigtiff", []byte("II+\x00\x08\x00\x00\x00"), FormatTIFF},
		{"orf", []byte("IIRO\x08\x00\x00\x00"), FormatTIFF},
		{"rw2", []byte("IIU\x00\x18\x00\x00\x00"), FormatTIFF},
		{"cr3", ftyp("crx ", "crx ", "isom"), FormatRAW},
		{"raf", []byte("FUJIFILMCCD-RAW 0201FF383501"), FormatRAW},
	}
	for _, c := range cases {
		got, err := Sniff(c.head)
		if err != nil || got != c.want {
			t.Errorf("%s: Sniff = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	rejected := map[string][]byte{
		"empty":    nil,
		"text":     []byte("this is not a photo, just text named .jpg"),
		"mp4":      ftyp("isom", "isom", "mp41"),
		"crw":      []byte("II\x1a\x00\x00\x00HEAPCCDR\x02\x00"),
		"mrw":      []byte("\x00MRM\x00\x00\x0a\x0c"),
		"x3f":      []byte("FOVb\x02\x00\x02\x00"),
		"bm text":  []byte("BMW is a car, not a bitmap"),
		"riff wav": []byte("RIFF\x10\x00\x00\x00WAVEfmt "),
		"half ff":  {0xFF, 0xD8},
	}
	for name, head := range rejected {
		if f, err := Sniff(head); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: Sniff = %q, %v; want ErrUnsupported", name, f, err)
		}
	}
}
