package media

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// FuzzInspect feeds arbitrary bytes to Inspect (sniffing, JPEG/PNG/WebP/HEIF container walks, the EXIF repair
// and goexif). It must return, never panic or hang, and whatever it accepts must be sane. The seed corpus is
// under testdata/fuzz/FuzzInspect; run `go test -fuzz FuzzInspect ./library/media/` to search further.
func FuzzInspect(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := Inspect(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("error without a reason")
			}
			return
		}
		if info.Format == "" || info.Width <= 0 || info.Height <= 0 {
			t.Fatalf("accepted without format or size: %+v", info)
		}
		m := info.Meta
		if m.Orientation < 1 || m.Orientation > 8 {
			t.Fatalf("orientation %d", m.Orientation)
		}
		if m.HasGPS && (math.Abs(m.Lat) > 90 || math.Abs(m.Lon) > 180 || math.IsNaN(m.Lat) || math.IsNaN(m.Lon)) {
			t.Fatalf("gps %v,%v", m.Lat, m.Lon)
		}
		if m.HasHeading && (m.HeadingDeg < 0 || m.HeadingDeg > 360) {
			t.Fatalf("heading %v", m.HeadingDeg)
		}
	})
}

// fuzzSeeds builds one small file per container, each carrying a full EXIF block, plus a looping one.
func fuzzSeeds(t testing.TB) [][]byte {
	exif := everestEXIF.Bytes()
	looping := everestEXIF
	looping.LoopIFDs = true
	bordered := everestEXIF
	bordered.PreviewBorders = [4]int{1, 1, 0, 0}
	return [][]byte{
		mediatest.JPEG(t, mediatest.MarkerImage(8, 8), exif),
		mediatest.JPEG(t, mediatest.MarkerImage(8, 8), looping.Bytes()),
		mediatest.PNG(t, mediatest.MarkerImage(8, 8), exif),
		mediatest.WebP(8, 8, exif, nil),
		mediatest.HEIF(8, 8, exif),
		exif,
		everestEXIF.RAW(mediatest.RawNEF, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
		everestEXIF.RAW(mediatest.RawRW2, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
		everestEXIF.CR3(nil, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil), nil),
		everestEXIF.RAF(t, mediatest.MarkerImage(8, 8)),
		bordered.RAW(mediatest.RawPEF, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
		everestEXIF.RAW(mediatest.RawPentaxDNG, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
		everestEXIF.RAW(mediatest.RawNikonNote, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
		everestEXIF.RAW(mediatest.RawAdobeDNG, mediatest.JPEG(t, mediatest.MarkerImage(8, 8), nil)),
	}
}

// TestWriteFuzzSeeds regenerates testdata/fuzz/FuzzInspect when CAIRN_WRITE_FUZZ_SEEDS=1.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("CAIRN_WRITE_FUZZ_SEEDS") != "1" {
		t.Skip("set CAIRN_WRITE_FUZZ_SEEDS=1 to rewrite the fuzz seed corpus")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzInspect")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	names := []string{"jpeg-exif", "jpeg-looping-ifd", "png-exif", "webp-exif", "heif-exif", "tiff-exif",
		"nef-exif", "rw2-exif", "cr3-exif", "raf-exif", "pef-makernote", "pentax-dng-makernote", "nef-makernote",
		"adobe-dng-makernote"}
	for i, seed := range fuzzSeeds(t) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(seed)))
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
