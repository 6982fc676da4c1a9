package media

import (
	"bytes"
	"image"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestKhumbuMetadataMatchesTruth checks every khumbu photo (HEIC and JPEG named .HEIC alike) against exiftool.
func TestKhumbuMetadataMatchesTruth(t *testing.T) {
	root := testenv.SharedDir(t, "khumbu")
	truth := testenv.ReadTruth(t, filepath.Join(root, "truth.csv"))
	checked := 0
	for src, want := range truth {
		data, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatalf("read %s: %v", src, err)
		}
		info, err := Inspect(data)
		if err != nil {
			t.Errorf("%s: inspect: %v", src, err)
			continue
		}
		if info.MetaErr != nil {
			t.Errorf("%s: metadata error: %v", src, info.MetaErr)
		}
		wantFormat := map[string]Format{"HEIC": FormatHEIC, "JPEG": FormatJPEG}[want["FileType"]]
		if info.Format != wantFormat {
			t.Errorf("%s: format %q, want %q", src, info.Format, wantFormat)
		}
		m := info.Meta
		if !m.HasGPS || math.Abs(m.Lat-num(t, want["GPSLatitude"])) > 1e-5 || math.Abs(m.Lon-num(t, want["GPSLongitude"])) > 1e-5 {
			t.Errorf("%s: gps %v %.7f,%.7f want %s,%s", src, m.HasGPS, m.Lat, m.Lon, want["GPSLatitude"], want["GPSLongitude"])
		}
		if !m.HasAltitude || math.Abs(m.AltitudeM-num(t, want["GPSAltitude"])) > 1e-3 {
			t.Errorf("%s: altitude %v %.4f want %s", src, m.HasAltitude, m.AltitudeM, want["GPSAltitude"])
		}
		if !m.HasHeading || math.Abs(m.HeadingDeg-num(t, want["GPSImgDirection"])) > 1e-4 {
			t.Errorf("%s: heading %v %.5f want %s", src, m.HasHeading, m.HeadingDeg, want["GPSImgDirection"])
		}
		wantTime, err := time.Parse("2006:01:02 15:04:05-07:00", want["DateTimeOriginal"]+want["OffsetTimeOriginal"])
		if err != nil {
			t.Fatalf("%s: truth time: %v", src, err)
		}
		if sub, ok := want["SubSecTimeOriginal"]; ok && sub != "" {
			wantTime = wantTime.Add(time.Duration(num(t, "0."+sub) * float64(time.Second))).Round(time.Millisecond)
		}
		got := m.ShotTime
		if _, ok := want["SubSecTimeOriginal"]; !ok { // the truth says nothing of sub-seconds
			got = got.Truncate(time.Second)
		}
		if !m.HasShotTime || !m.HasOffset || !got.Round(time.Millisecond).Equal(wantTime) ||
			m.ShotTime.Format("2006:01:02 15:04:05") != want["DateTimeOriginal"] {
			t.Errorf("%s: time %v (offset %v) want %v", src, m.ShotTime, m.HasOffset, wantTime)
		}
		if m.Focal35mm != num(t, want["FocalLengthIn35mmFormat"]) {
			t.Errorf("%s: focal %v want %s", src, m.Focal35mm, want["FocalLengthIn35mmFormat"])
		}
		if strconv.Itoa(m.Orientation) != want["Orientation"] {
			t.Errorf("%s: orientation %d want %s", src, m.Orientation, want["Orientation"])
		}
		if m.Make != want["Make"] || m.Model != want["Model"] {
			t.Errorf("%s: camera %q %q want %q %q", src, m.Make, m.Model, want["Make"], want["Model"])
		}
		if strconv.Itoa(info.Width) != want["ImageWidth"] || strconv.Itoa(info.Height) != want["ImageHeight"] {
			t.Errorf("%s: size %d×%d want %s×%s", src, info.Width, info.Height, want["ImageWidth"], want["ImageHeight"])
		}
		checked++
	}
	if checked < 29 {
		t.Errorf("checked %d photos, truth lists 29", checked)
	}
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("truth value %q: %v", s, err)
	}
	return v
}

// TestKhumbuDecodeUpright decodes every khumbu photo for the model and checks it is reduced, big enough and
// upright: stored landscape photos with orientation 5–8 (and HEIC with rotation) must come out portrait.
func TestKhumbuDecodeUpright(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		info, err := Inspect(data)
		if err != nil {
			t.Fatalf("%s: inspect: %v", e.Name(), err)
		}
		img, err := DecodeUpright(data, info, 224)
		if err != nil {
			t.Errorf("%s: decode: %v", e.Name(), err)
			continue
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		if min(w, h) < 224 || min(w, h) >= 448 {
			t.Errorf("%s: decoded %d×%d, want shorter side in [224, 448)", e.Name(), w, h)
		}
		wantPortrait := (info.Height > info.Width) != (info.Meta.Orientation >= 5)
		if (h > w) != wantPortrait {
			t.Errorf("%s: decoded %d×%d from stored %d×%d orientation %d: not upright",
				e.Name(), w, h, info.Width, info.Height, info.Meta.Orientation)
		}
		thumb := Thumbnail(img, 256)
		if tb := thumb.Bounds(); max(tb.Dx(), tb.Dy()) != 256 || (tb.Dy() > tb.Dx()) != wantPortrait {
			t.Errorf("%s: thumbnail %v", e.Name(), tb)
		}
	}
}

// TestKhumbuHEICLargerThanThumbnail asks for more than the embedded thumbnail holds, so libheif decodes the
// full grid image, which must then be shrunk and still be upright (rotation by libheif, not by us).
func TestKhumbuHEICLargerThanThumbnail(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	data, err := os.ReadFile(filepath.Join(dir, "IMG_2604.HEIC")) // 4032×3024 stored, orientation 6
	if err != nil {
		t.Fatal(err)
	}
	info, err := Inspect(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := DecodeUpright(data, info, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 1333 {
		t.Errorf("decoded %v, want 1000×1333 (full decode, shrunk, portrait)", b)
	}
}

// TestHEICWithoutIrotFollowsEXIF: some camera apps write a HEIC with no rotation box and only EXIF
// Orientation. Made from a real iPhone HEIC (orientation 6, irot) by renaming its irot boxes, it must decode
// to the same upright picture as the original.
func TestHEICWithoutIrotFollowsEXIF(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	data, err := os.ReadFile(filepath.Join(dir, "IMG_2604.HEIC"))
	if err != nil {
		t.Fatal(err)
	}
	plain := bytes.ReplaceAll(data, []byte("irot"), []byte("free"))
	if bytes.Equal(plain, data) {
		t.Fatal("no irot box in the sample")
	}
	var imgs [2]*image.RGBA
	for i, d := range [][]byte{data, plain} {
		info, err := Inspect(d)
		if err != nil {
			t.Fatal(err)
		}
		if info.heifRotation == (i == 1) || info.Meta.Orientation != 6 {
			t.Fatalf("file %d: rotation box %v, orientation %d", i, info.heifRotation, info.Meta.Orientation)
		}
		img, err := DecodeUpright(d, info, 224)
		if err != nil {
			t.Fatal(err)
		}
		imgs[i] = toRGBA(img)
	}
	if imgs[0].Rect != imgs[1].Rect || imgs[1].Rect.Dy() < imgs[1].Rect.Dx() {
		t.Fatalf("with irot %v, without %v: want the same portrait", imgs[0].Rect, imgs[1].Rect)
	}
	if d := meanAbsDiff(imgs[0], imgs[1]); d > 2 {
		t.Errorf("mean difference %.1f between the two decodes", d)
	}
}
