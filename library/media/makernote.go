package media

import (
	"bytes"
	"encoding/binary"
)

// Some cameras keep their only large preview in the maker note rather than in a TIFF directory of their own:
// Olympus (ORF), Pentax (PEF, and the DNGs Pentax cameras write, whose maker note sits in DNGPrivateData) and
// older Nikons (the NEF maker note's PreviewIFD). Each maker lays its note out differently: a header naming
// the maker, the note's own byte order, and offsets counted either from the note (or a TIFF header inside it)
// or from the file's TIFF header. The layouts below are exiftool's (MakerNotes.pm, Exif.pm's DNGPrivateData).
//
// Adobe's DNG Converter copies the maker note into DNGPrivateData ("Adobe\0" … "MakN"), which matters when it
// was told to write no preview of its own. It copies the note's bytes only: the notes whose offsets count from
// the file's header (Pentax "AOC\0", old Olympus) point at nothing there and are not read.

// makerNoteLayout says how to find a maker note's main directory and what its offsets count from.
type makerNoteLayout struct {
	prefix   string
	orderAt  int  // where the note's byte order ("II" or "MM") is written; -1 for the file's own
	ifdAt    int  // where the main directory starts, from the note's start
	relative bool // offsets count from the note's start plus base; otherwise from the file's TIFF header
	base     int  // with relative: where the offsets' origin lies, from the note's start
	nikon    bool // the main directory's offset is read from the TIFF header at base
}

var makerNoteLayouts = []makerNoteLayout{
	{prefix: "OLYMPUS\x00", orderAt: 8, ifdAt: 12, relative: true},
	{prefix: "OM SYSTEM\x00", orderAt: 12, ifdAt: 16, relative: true},
	{prefix: "OLYMP\x00", orderAt: -1, ifdAt: 8},
	{prefix: "EPSON\x00", orderAt: -1, ifdAt: 8},
	{prefix: "Nikon\x00\x02", orderAt: 10, relative: true, base: 10, nikon: true},
	{prefix: "AOC\x00", orderAt: 4, ifdAt: 6},                      // Pentax in PEF and JPEG: absolute offsets
	{prefix: "PENTAX \x00", orderAt: 8, ifdAt: 10, relative: true}, // newer Pentax, and Pentax DNG
	{prefix: "RICOH\x00", orderAt: 6, ifdAt: 8, relative: true},    // Ricoh-made Pentax-style notes (GR III)
}

// makerNote is a maker note opened: the document its offsets count from and its main directory there.
type makerNote struct {
	layout makerNoteLayout
	doc    tiffDoc
	main   tiffIFD
}

// openMakerNote recognises mn, a slice of t.data, by its header and reads its main directory; a note Adobe's
// DNG Converter moved is opened only when its offsets count from itself.
func openMakerNote(t tiffDoc, mn []byte) (makerNote, bool) {
	moved := false
	if note := adobeMakerNote(mn); note != nil {
		mn, moved = note, true
	}
	at := cap(t.data) - cap(mn)
	if at < 0 || at > len(t.data) {
		return makerNote{}, false
	}
	for _, l := range makerNoteLayouts {
		if !bytes.HasPrefix(mn, []byte(l.prefix)) || moved && !l.relative {
			continue
		}
		doc := tiffDoc{data: t.data, order: t.order}
		if l.orderAt >= 0 && len(mn) > l.orderAt+1 {
			switch string(mn[l.orderAt : l.orderAt+2]) {
			case "MM":
				doc.order = binary.BigEndian
			case "II":
				doc.order = binary.LittleEndian
			}
		}
		ifd := uint64(at + l.ifdAt)
		if l.relative {
			if at+l.base > len(t.data) {
				return makerNote{}, false
			}
			doc.data, ifd = t.data[at+l.base:], uint64(l.ifdAt-l.base)
		}
		if l.nikon {
			if len(doc.data) < 8 {
				return makerNote{}, false
			}
			ifd = uint64(doc.order.Uint32(doc.data[4:]))
		}
		main, err := doc.readIFD(ifd)
		if err != nil {
			return makerNote{}, false
		}
		return makerNote{layout: l, doc: doc, main: main}, true
	}
	return makerNote{}, false
}

// notePreview is a picture a maker note points to, with the black borders it says the picture has.
type notePreview struct {
	data    []byte
	borders [4]int // top, bottom, left, right
}

// makerNotePreviews returns the pictures a maker note points to, as exiftool names them: Olympus's
// PreviewImage (in CameraSettings, or in the main directory of older notes), Nikon's PreviewIFD, Pentax's
// PreviewImageStart and PreviewImageLength, with its PreviewImageBorders. They are candidates: the caller
// keeps those that are JPEGs.
func makerNotePreviews(t tiffDoc, mn []byte) []notePreview {
	note, ok := openMakerNote(t, mn)
	if !ok {
		return nil
	}
	doc := note.doc
	var out []notePreview
	take := func(d tiffIFD, startTag, lengthTag uint16) {
		start, ok1 := doc.uint1(d, startTag)
		n, ok2 := doc.uint1(d, lengthTag)
		if ok1 && ok2 && start < uint64(len(doc.data)) && n <= uint64(len(doc.data))-start {
			out = append(out, notePreview{data: doc.data[start : start+n]})
		}
	}
	sub := func(tag uint16) (tiffIFD, bool) {
		off, ok := doc.uint1(note.main, tag)
		if !ok {
			return tiffIFD{}, false
		}
		d, err := doc.readIFD(off)
		return d, err == nil
	}
	switch p := note.layout.prefix; {
	case p == "Nikon\x00\x02":
		if d, ok := sub(0x0011); ok { // PreviewIFD
			take(d, tagJPEGOffset, tagJPEGLength)
		}
	case p == "AOC\x00" || p == "PENTAX \x00" || p == "RICOH\x00":
		// PreviewImageStart and PreviewImageLength, and PreviewImageBorders.
		take(note.main, 0x0004, 0x0003)
		if f, ok := note.main.field(0x003E); ok && len(out) == 1 {
			if b := doc.uints(f); len(b) == 4 && f.typ == 1 {
				out[0].borders = [4]int{int(b[0]), int(b[1]), int(b[2]), int(b[3])}
			}
		}
	default: // Olympus and Epson
		take(note.main, 0x0088, 0x0089)
		if d, ok := sub(0x2020); ok { // CameraSettings
			take(d, 0x0101, 0x0102)
		}
	}
	return out
}

// adobeMakerNote returns the maker note in an Adobe DNGPrivateData block, or nil: after "Adobe\0" come
// records of a 4-byte name and a big-endian length; "MakN" holds the note's byte order (2 bytes), its offset
// in the original file (4 bytes), then the note.
func adobeMakerNote(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("Adobe\x00")) {
		return nil
	}
	for pos := 6; pos+8 <= len(b); {
		name, n := string(b[pos:pos+4]), uint64(binary.BigEndian.Uint32(b[pos+4:]))
		pos += 8
		if n > uint64(len(b)-pos) {
			return nil
		}
		if name == "MakN" && n > 6 {
			return b[pos+6 : pos+int(n)]
		}
		pos += int(n)
	}
	return nil
}
