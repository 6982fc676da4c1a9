package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
)

// Apple maker note layout: a 14-byte header ("Apple iOS\0", a version, the byte order "MM" or "II"), then a
// TIFF IFD whose value offsets count from the start of the maker note, not from the TIFF header.
const (
	appleNoteMagic        = "Apple iOS\x00"
	appleNoteHeaderLen    = 14
	appleTagAcceleration  = 0x0008 // three signed rationals
	appleNoteMaxEntries   = 1000   // real notes hold about 50; more is damage
	tiffTypeSRational     = 10
	maxPlausibleGravityG  = 4 // a phone held still reads about 1 g; beyond a few g the value is damage
	appleNoteEntryLen     = 12
	appleNoteEntriesStart = appleNoteHeaderLen + 2
)

// isAppleNote reports whether a maker note is Apple's.
func isAppleNote(note []byte) bool {
	return bytes.HasPrefix(note, []byte(appleNoteMagic))
}

// parseAppleNote reads Apple:AccelerationVector, in g, from an Apple iOS maker note (EXIF tag 0x927C in the
// Exif sub-IFD). Its numbers are Core Motion's gravity vector in the device's frame: X toward the right edge
// and Y toward the top as seen facing the screen, Z out of the screen (exiftool reads the same numbers as an
// acceleration in axes with every sign reversed). Every offset and count comes from the file, so each is
// checked against the note's length; a damaged entry is skipped, a damaged directory is an error.
func parseAppleNote(note []byte) (gravity [3]float64, ok bool, err error) {
	defer recoverAs(&err, "apple maker note")
	if !isAppleNote(note) || len(note) < appleNoteEntriesStart {
		return gravity, false, fmt.Errorf("%w: apple maker note header missing or short", ErrCorrupt)
	}
	var order binary.ByteOrder
	switch string(note[12:14]) {
	case "MM":
		order = binary.BigEndian
	case "II":
		order = binary.LittleEndian
	default:
		return gravity, false, fmt.Errorf("%w: apple maker note byte order %q", ErrCorrupt, note[12:14])
	}
	count := int(order.Uint16(note[appleNoteHeaderLen:]))
	if count > appleNoteMaxEntries || appleNoteEntriesStart+count*appleNoteEntryLen > len(note) {
		return gravity, false, fmt.Errorf("%w: apple maker note declares %d entries in %d bytes", ErrCorrupt, count, len(note))
	}
	for i := range count {
		e := note[appleNoteEntriesStart+i*appleNoteEntryLen:][:appleNoteEntryLen]
		tag, typ, cnt := order.Uint16(e), order.Uint16(e[2:]), order.Uint32(e[4:])
		if tag == appleTagAcceleration && typ == tiffTypeSRational && cnt == 3 {
			gravity, ok = readGravity(note, order, int64(order.Uint32(e[8:])))
		}
	}
	return gravity, ok, nil
}

// readGravity reads three signed rationals at offset (from the note's start). A zero denominator, a value
// out of the note, or an implausible vector gives no gravity rather than a wrong one.
func readGravity(note []byte, order binary.ByteOrder, offset int64) ([3]float64, bool) {
	var g [3]float64
	if offset < 0 || offset+24 > int64(len(note)) {
		return g, false
	}
	v := note[offset:]
	for i := range g {
		num, den := int32(order.Uint32(v[8*i:])), int32(order.Uint32(v[8*i+4:]))
		if den == 0 {
			return g, false
		}
		g[i] = float64(num) / float64(den)
	}
	norm := math.Sqrt(g[0]*g[0] + g[1]*g[1] + g[2]*g[2])
	if norm == 0 || norm > maxPlausibleGravityG {
		return g, false
	}
	return g, true
}

// readMakerNote sets the gravity vector from an Apple maker note (other makers' notes are not read) and
// which side of the phone took the photo. Apple's LensModel names it ("iPhone 15 Pro Max front TrueDepth
// camera 2.69mm f/1.9", "… back triple camera …"); the maker note's FrontFacingCamera tag (0x0045) reads 0
// on front-camera photos, so it is not used.
func readMakerNote(x *exif.Exif, meta *Metadata) error {
	if meta.Make == "Apple" {
		meta.FrontCamera = slices.Contains(strings.Fields(strings.ToLower(tagString(x, exif.LensModel))), "front")
	}
	t, err := x.Get(exif.MakerNote)
	if err != nil || !isAppleNote(t.Val) {
		return nil
	}
	meta.Gravity, meta.HasGravity, err = parseAppleNote(t.Val)
	return err
}
