package media

import (
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestAppleGravityMatchesExiftool reads every khumbu photo and every exif-samples JPEG, TIFF and HEIF and
// compares the gravity vector, the front-camera flag and the magnetic heading flag with exiftool's, kept in
// testdata/apple-gravity.csv, made once in the shared testdata folder with
//
//	exiftool -r -n -csv -ext HEIC -ext heif -ext jpg -ext jpeg -ext tif -ext tiff \
//	  -AccelerationVector -LensModel -GPSImgDirectionRef khumbu/data/images exif-samples
func TestAppleGravityMatchesExiftool(t *testing.T) {
	root := testenv.SharedDir(t, "khumbu")
	root = filepath.Dir(root)
	golden := testenv.ReadTruth(t, filepath.Join("testdata", "apple-gravity.csv"))
	withGravity, magnetic := 0, 0
	for src, want := range golden {
		data, err := os.ReadFile(filepath.Join(root, src))
		if err != nil {
			t.Fatalf("read %s: %v", src, err)
		}
		info, err := Inspect(data)
		if err != nil {
			continue // the broken samples; TestExifSamples covers them
		}
		m := info.Meta
		wantGravity, wantHas := parseVector(t, want["AccelerationVector"])
		if m.HasGravity != wantHas {
			t.Errorf("%s: has gravity %v, exiftool %v", src, m.HasGravity, wantHas)
		}
		for i := range wantGravity {
			if math.Abs(m.Gravity[i]-wantGravity[i]) > 1e-8 {
				t.Errorf("%s: gravity %v, exiftool %v", src, m.Gravity, wantGravity)
				break
			}
		}
		if wantHas {
			withGravity++
		}
		wantFront := strings.Contains(want["LensModel"], " front ")
		if m.FrontCamera != wantFront {
			t.Errorf("%s: front camera %v, lens %q", src, m.FrontCamera, want["LensModel"])
		}
		if m.HasHeading && m.HeadingMagnetic != (want["GPSImgDirectionRef"] == "M") {
			t.Errorf("%s: magnetic heading %v, exiftool ref %q", src, m.HeadingMagnetic, want["GPSImgDirectionRef"])
		}
		if m.HeadingMagnetic {
			magnetic++
		}
	}
	if withGravity < 30 || magnetic < 4 {
		t.Errorf("read gravity from %d photos and a magnetic heading from %d; exiftool finds 30 and 5", withGravity, magnetic)
	}
}

func parseVector(t *testing.T, s string) ([3]float64, bool) {
	t.Helper()
	var v [3]float64
	if s == "" {
		return v, false
	}
	f := strings.Fields(s)
	if len(f) != 3 {
		t.Fatalf("vector %q", s)
	}
	for i := range v {
		var err error
		if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
			t.Fatalf("vector %q: %v", s, err)
		}
	}
	return v, true
}

// byteOrder reads and appends: binary.BigEndian and binary.LittleEndian.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// appleNoteWithGravity builds a minimal Apple maker note holding an AccelerationVector, in either byte order.
func appleNoteWithGravity(order byteOrder, num [3]int32, den int32) []byte {
	note := []byte(appleNoteMagic + "\x00\x01")
	if order == binary.BigEndian {
		note = append(note, "MM"...)
	} else {
		note = append(note, "II"...)
	}
	dataAt := uint32(appleNoteEntriesStart + appleNoteEntryLen + 4)
	note = order.AppendUint16(note, 1)
	note = order.AppendUint16(note, appleTagAcceleration)
	note = order.AppendUint16(note, tiffTypeSRational)
	note = order.AppendUint32(note, 3)
	note = order.AppendUint32(note, dataAt)
	note = order.AppendUint32(note, 0) // no next IFD
	for _, n := range num {
		note = order.AppendUint32(note, uint32(n))
		note = order.AppendUint32(note, uint32(den))
	}
	return note
}

func TestParseAppleNote(t *testing.T) {
	for _, order := range []byteOrder{binary.BigEndian, binary.LittleEndian} {
		g, ok, err := parseAppleNote(appleNoteWithGravity(order, [3]int32{-500, 250, -1000}, 1000))
		if err != nil || !ok || g != [3]float64{-0.5, 0.25, -1} {
			t.Errorf("%v: %v %v %v", order, g, ok, err)
		}
	}
	good := appleNoteWithGravity(binary.BigEndian, [3]int32{0, -1000, 100}, 1000)
	for name, note := range map[string][]byte{
		"zero denominator": appleNoteWithGravity(binary.BigEndian, [3]int32{0, -1000, 100}, 0),
		"implausible":      appleNoteWithGravity(binary.BigEndian, [3]int32{0, -9000, 100}, 1000),
		"zero vector":      appleNoteWithGravity(binary.BigEndian, [3]int32{0, 0, 0}, 1000),
		"values cut off":   good[:len(good)-4],
	} {
		if _, ok, _ := parseAppleNote(note); ok {
			t.Errorf("%s: gravity read", name)
		}
	}
	for name, note := range map[string][]byte{
		"entries cut off": good[:appleNoteEntriesStart+4],
		"byte order":      append([]byte(appleNoteMagic+"\x00\x01XX"), good[appleNoteHeaderLen:]...),
		"header only":     []byte(appleNoteMagic),
	} {
		if _, ok, err := parseAppleNote(note); ok || err == nil {
			t.Errorf("%s: ok %v, err %v", name, ok, err)
		}
	}
}

// FuzzAppleNote feeds arbitrary bytes to the maker-note parser, seeded with a real note from an iPhone 15 Pro
// Max photo (testdata/apple-note-iphone15.bin) and a built one. It must return, never read outside the note,
// and report only plausible gravity.
func FuzzAppleNote(f *testing.F) {
	if real, err := os.ReadFile(filepath.Join("testdata", "apple-note-iphone15.bin")); err == nil {
		f.Add(real)
	} else {
		f.Fatal(err)
	}
	f.Add(appleNoteWithGravity(binary.LittleEndian, [3]int32{1, 2, 3}, 7))
	f.Fuzz(func(t *testing.T, note []byte) {
		g, ok, err := parseAppleNote(note)
		if err != nil && ok {
			t.Fatalf("gravity %v with error %v", g, err)
		}
		if ok {
			n := math.Sqrt(g[0]*g[0] + g[1]*g[1] + g[2]*g[2])
			if !(n > 0 && n <= maxPlausibleGravityG) {
				t.Fatalf("gravity %v", g)
			}
		}
	})
}
