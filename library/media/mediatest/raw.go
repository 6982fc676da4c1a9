package mediatest

import (
	"encoding/binary"
	"image"
	"testing"
)

// RawLayout is where a camera maker puts its JPEG preview in a TIFF-based RAW file.
type RawLayout string

// The layouts RAW writes, after the makers' files as exiftool and LibRaw describe them.
const (
	RawDNG RawLayout = "dng" // IFD0 says DNGVersion; the preview is a SubIFD whose one strip is a JPEG (compression 7)
	RawCR2 RawLayout = "cr2" // "CR" after the header; IFD0's one strip is a JPEG (compression 6)
	RawNEF RawLayout = "nef" // the preview is a SubIFD with JPEGInterchangeFormat; IFD1 holds CFA data
	RawARW RawLayout = "arw" // IFD0 carries JPEGInterchangeFormat; IFD1 holds Sony-compressed data
	RawRW2 RawLayout = "rw2" // magic "IIU\0"; IFD0's tag 0x2E (JpgFromRaw) is the JPEG itself
	RawORF RawLayout = "orf" // magic "IIRO"; the preview is in the Olympus maker note's CameraSettings directory
	// The preview only in the maker note: Pentax's "AOC\0MM" note with offsets from the file's TIFF header
	// (PEF), Pentax's "PENTAX \0MM" note in IFD0's DNGPrivateData with offsets from the note (in-camera DNG),
	// and Nikon's "Nikon\0\x02" note, a TIFF of its own whose PreviewIFD points into it (older NEF).
	RawPEF       RawLayout = "pef"
	RawPentaxDNG RawLayout = "pentax-dng"
	RawNikonNote RawLayout = "nef-makernote"
	// RawAdobeDNG is a NEF of the RawNikonNote layout through Adobe's DNG Converter, told to write no preview:
	// the Nikon note is copied into DNGPrivateData ("Adobe\0", a "MakN" record), the one preview inside it.
	RawAdobeDNG RawLayout = "adobe-dng"
)

// TIFF tags of RAW layouts.
const (
	tagNewSubfileType  = 0x00FE
	tagImageWidth      = 0x0100
	tagImageLength     = 0x0101
	tagCompression     = 0x0103
	tagPhotometric     = 0x0106
	tagStripOffsets    = 0x0111
	tagStripByteCounts = 0x0117
	tagSubIFDs         = 0x014A
	tagJPEGOffset      = 0x0201
	tagJPEGLength      = 0x0202
	tagDNGVersion      = 0xC612
	tagDNGPrivateData  = 0xC634
	tagMakerNote       = 0x927C
)

// RAW builds a camera RAW file in layout carrying e's metadata and preview (a JPEG, nil for none), with a
// 64-byte stand-in for the sensor data, which no reader here decodes.
func (e EXIF) RAW(layout RawLayout, preview []byte) []byte {
	return e.RAWWithThumbnail(layout, preview, nil)
}

// RAWWithThumbnail is RAW with a second, smaller JPEG (nil for none) in a directory of its own, IFD1, before
// the sensor data's, as cameras keep a thumbnail beside the preview.
func (e EXIF) RAWWithThumbnail(layout RawLayout, preview, thumb []byte) []byte {
	header := []byte("II*\x00\x00\x00\x00\x00")
	switch layout {
	case RawCR2:
		header = append(header, "CR\x02\x00\x00\x00\x00\x00"...)
	case RawRW2:
		header = []byte("IIU\x00\x00\x00\x00\x00")
	case RawORF:
		header = []byte("IIRO\x00\x00\x00\x00")
	}
	w := &tiffWriter{buf: header}
	inNote := layout == RawPentaxDNG || layout == RawNikonNote || layout == RawAdobeDNG // the preview is inside the maker note
	previewAt := len(w.buf)
	if !inNote {
		w.buf = append(w.buf, preview...)
	}
	if len(w.buf)%2 == 1 {
		w.buf = append(w.buf, 0)
	}
	thumbAt := len(w.buf)
	w.buf = append(w.buf, thumb...)
	if len(w.buf)%2 == 1 {
		w.buf = append(w.buf, 0)
	}
	sensorAt := len(w.buf)
	w.buf = append(w.buf, make([]byte, 64)...)
	pw, ph := jpegSize(preview)

	ifd0 := e.ifd0Entries()
	previewStrip := []ifdEntry{longEntry(tagImageWidth, uint32(pw)), longEntry(tagImageLength, uint32(ph)),
		longEntry(tagStripOffsets, uint32(previewAt)), longEntry(tagStripByteCounts, uint32(len(preview)))}
	previewJPEG := []ifdEntry{longEntry(tagJPEGOffset, uint32(previewAt)), longEntry(tagJPEGLength, uint32(len(preview)))}
	sensor := func(compression, photometric uint16) []ifdEntry {
		return []ifdEntry{longEntry(tagImageWidth, 6000), longEntry(tagImageLength, 4000),
			shortEntry(tagCompression, compression), shortEntry(tagPhotometric, photometric),
			longEntry(tagStripOffsets, uint32(sensorAt)), longEntry(tagStripByteCounts, 64)}
	}
	var sub, ifd1 []ifdEntry
	switch layout {
	case RawDNG:
		ifd0 = append(ifd0, ifdEntry{tagDNGVersion, typeByte, 4, []byte{1, 4, 0, 0}})
		ifd1 = sensor(7, 32803)
		if preview != nil {
			sub = append(previewStrip, longEntry(tagNewSubfileType, 1), shortEntry(tagCompression, 7),
				shortEntry(tagPhotometric, 6))
		}
	case RawCR2:
		if preview != nil {
			ifd0 = append(ifd0, append(previewStrip, shortEntry(tagCompression, 6))...)
		}
		ifd1 = sensor(6, 32803)
	case RawNEF:
		if preview != nil {
			sub = append(previewJPEG, longEntry(tagNewSubfileType, 1), shortEntry(tagCompression, 6))
		}
		ifd1 = sensor(34713, 32803)
	case RawARW:
		if preview != nil {
			ifd0 = append(ifd0, previewJPEG...)
		}
		ifd1 = sensor(32767, 32803)
	case RawRW2:
		if preview != nil {
			ifd0 = append(ifd0, ifdEntry{0x002E, 7, uint32(len(preview)), preview})
		}
		ifd1 = sensor(34316, 32803)
	case RawORF:
		ifd1 = sensor(1, 32803)
	case RawPEF:
		ifd1 = sensor(65535, 32803)
	case RawPentaxDNG:
		ifd0 = append(ifd0, ifdEntry{tagDNGVersion, typeByte, 4, []byte{1, 4, 0, 0}})
		if preview != nil {
			note := pentaxMakerNote("PENTAX \x00MM", 10, preview, 0, e.PreviewBorders)
			ifd0 = append(ifd0, ifdEntry{tagDNGPrivateData, typeByte, uint32(len(note)), note})
		}
		ifd1 = sensor(7, 32803)
	case RawNikonNote:
		ifd1 = sensor(34713, 32803)
	case RawAdobeDNG:
		ifd0 = append(ifd0, ifdEntry{tagDNGVersion, typeByte, 4, []byte{1, 4, 0, 0}})
		if preview != nil {
			note := nikonMakerNote(preview)
			private := binary.BigEndian.AppendUint32([]byte("Adobe\x00MakN"), uint32(6+len(note)))
			private = append(binary.BigEndian.AppendUint32(append(private, "MM"...), 1234), note...)
			ifd0 = append(ifd0, ifdEntry{tagDNGPrivateData, typeByte, uint32(len(private)), private})
		}
		ifd1 = sensor(7, 32803)
	}
	if sub != nil {
		ifd0 = append(ifd0, longEntry(tagSubIFDs, 0))
	}
	exifIFD, gps := e.exifEntries(), e.gpsEntries()
	if preview != nil {
		var note []byte
		switch layout {
		case RawORF:
			note = olympusMakerNote(preview)
		case RawPEF:
			note = pentaxMakerNote("AOC\x00MM", 6, preview, previewAt, e.PreviewBorders)
		case RawNikonNote:
			note = nikonMakerNote(preview)
		}
		if note != nil {
			exifIFD = append(exifIFD, ifdEntry{tagMakerNote, 7, uint32(len(note)), note})
		}
	}
	if len(exifIFD) > 0 {
		ifd0 = append(ifd0, longEntry(tagExifIFD, 0))
	}
	if len(gps) > 0 {
		ifd0 = append(ifd0, longEntry(tagGPSIFD, 0))
	}
	ifd0Pos, ifd0Next, at := w.ifd(ifd0)
	binary.LittleEndian.PutUint32(w.buf[4:], uint32(ifd0Pos))
	link := func(tag uint16, entries []ifdEntry) {
		if len(entries) > 0 {
			pos, _, _ := w.ifd(entries)
			binary.LittleEndian.PutUint32(w.buf[at[tag]:], uint32(pos))
		}
	}
	link(tagSubIFDs, sub)
	link(tagExifIFD, exifIFD)
	link(tagGPSIFD, gps)
	// IFD0 → the thumbnail's IFD1, when there is one (exiftool's ThumbnailImage) → the sensor data's.
	last := ifd0Next
	if thumb != nil {
		tw, th := jpegSize(thumb)
		pos, next, _ := w.ifd([]ifdEntry{longEntry(tagNewSubfileType, 1), longEntry(tagImageWidth, uint32(tw)),
			longEntry(tagImageLength, uint32(th)), shortEntry(tagCompression, 6),
			longEntry(tagJPEGOffset, uint32(thumbAt)), longEntry(tagJPEGLength, uint32(len(thumb)))})
		binary.LittleEndian.PutUint32(w.buf[last:], uint32(pos))
		last = next
	}
	sensorPos, _, _ := w.ifd(ifd1)
	binary.LittleEndian.PutUint32(w.buf[last:], uint32(sensorPos))
	return w.buf
}

// pentaxMakerNote is a big-endian Pentax maker note: header (its byte order last), then at ifdAt the main
// directory with PreviewImageSize, PreviewImageLength, PreviewImageStart and, unless zero,
// PreviewImageBorders. With previewAt 0 the preview follows the directory inside the note, its offset counted
// from the note's start (the DNG form); otherwise the preview lies at previewAt in the file, an offset from
// the file's TIFF header (the PEF form).
func pentaxMakerNote(header string, ifdAt int, preview []byte, previewAt int, borders [4]int) []byte {
	pw, ph := jpegSize(preview)
	entries := []noteEntry{{0x0002, typeShort, []uint32{uint32(pw), uint32(ph)}},
		{0x0003, typeLong, []uint32{uint32(len(preview))}}, {0x0004, typeLong, nil}}
	if borders != [4]int{} {
		entries = append(entries, noteEntry{0x003E, typeByte,
			[]uint32{uint32(borders[0]), uint32(borders[1]), uint32(borders[2]), uint32(borders[3])}})
	}
	start := previewAt
	if start == 0 {
		start = ifdAt + 2 + 12*len(entries) + 4
	}
	entries[2].values = []uint32{uint32(start)}
	note := bigEndianIFD([]byte(header), entries)
	if previewAt == 0 {
		note = append(note, preview...)
	}
	return note
}

// nikonMakerNote is a Nikon type 3 maker note: "Nikon\0\x02\x10\0\0", then a big-endian TIFF header from
// which its offsets count, a main directory with only PreviewIFD (tag 0x0011), that directory (JPEG
// compression, PreviewImageStart, PreviewImageLength), and the preview.
func nikonMakerNote(preview []byte) []byte {
	note := []byte("Nikon\x00\x02\x10\x00\x00MM\x00\x2a\x00\x00\x00\x08")
	const previewIFD = 8 + 2 + 12 + 4
	note = bigEndianIFD(note, []noteEntry{{0x0011, typeLong, []uint32{previewIFD}}})
	const previewStart = previewIFD + 2 + 3*12 + 4
	note = bigEndianIFD(note, []noteEntry{{tagCompression, typeShort, []uint32{6}},
		{tagJPEGOffset, typeLong, []uint32{previewStart}}, {tagJPEGLength, typeLong, []uint32{uint32(len(preview))}}})
	return append(note, preview...)
}

// noteEntry is a maker-note IFD entry whose values fit in the entry: up to four BYTEs, two SHORTs or one LONG.
type noteEntry struct {
	tag, typ uint16
	values   []uint32
}

// bigEndianIFD appends a big-endian IFD of inline values, with no next directory, to b.
func bigEndianIFD(b []byte, entries []noteEntry) []byte {
	be := binary.BigEndian
	b = be.AppendUint16(b, uint16(len(entries)))
	for _, e := range entries {
		b = be.AppendUint16(b, e.tag)
		b = be.AppendUint16(b, e.typ)
		b = be.AppendUint32(b, uint32(len(e.values)))
		var v []byte
		for _, x := range e.values {
			switch e.typ {
			case typeByte:
				v = append(v, byte(x))
			case typeShort:
				v = be.AppendUint16(v, uint16(x))
			default:
				v = be.AppendUint32(v, x)
			}
		}
		b = append(b, v...)
		b = append(b, make([]byte, 4-len(v))...)
	}
	return be.AppendUint32(b, 0)
}

// olympusMakerNote is a new-style Olympus maker note ("OLYMPUS\0II", offsets from its start) whose
// CameraSettings directory (tag 0x2020) points at preview, held inside the note.
func olympusMakerNote(preview []byte) []byte {
	le := binary.LittleEndian
	mn := []byte("OLYMPUS\x00II\x03\x00")
	mn = le.AppendUint16(mn, 1) // main directory at 12: one entry
	mn = le.AppendUint16(mn, 0x2020)
	mn = le.AppendUint16(mn, 13) // IFD
	mn = le.AppendUint32(mn, 1)
	mn = le.AppendUint32(mn, 30) // CameraSettings right after: 12 + 2 + 12 + 4
	mn = le.AppendUint32(mn, 0)
	mn = le.AppendUint16(mn, 2)
	for _, e := range [][2]uint32{{0x0101, 60}, {0x0102, uint32(len(preview))}} { // the preview at 30 + 2 + 24 + 4
		mn = le.AppendUint16(mn, uint16(e[0]))
		mn = le.AppendUint16(mn, 4)
		mn = le.AppendUint32(mn, 1)
		mn = le.AppendUint32(mn, e[1])
	}
	mn = le.AppendUint32(mn, 0)
	return append(mn, preview...)
}

// jpegSize reads the frame size of a JPEG made by this package (0, 0 for nil).
func jpegSize(data []byte) (int, int) {
	for off := 2; off+9 < len(data); {
		marker := data[off+1]
		n := int(binary.BigEndian.Uint16(data[off+2:]))
		if marker >= 0xC0 && marker <= 0xC2 {
			return int(binary.BigEndian.Uint16(data[off+7:])), int(binary.BigEndian.Uint16(data[off+5:]))
		}
		off += 2 + n
	}
	return 0, 0
}

// CR3 builds a Canon CR3: e's metadata split over CMT1 (IFD0), CMT2 (Exif) and CMT4 (GPS), thumb as THMB,
// preview as PRVW and full as the first track's sample; nil leaves one out.
func (e EXIF) CR3(thumb, preview, full []byte) []byte {
	tiffOf := func(entries []ifdEntry) []byte {
		w := &tiffWriter{buf: []byte("II*\x00\x08\x00\x00\x00")}
		w.ifd(entries)
		return w.buf
	}
	canon := [][]byte{uuidHead(cr3CanonUUID), bmffBox("CMT1", tiffOf(e.ifd0Entries()))}
	if x := e.exifEntries(); len(x) > 0 {
		canon = append(canon, bmffBox("CMT2", tiffOf(x)))
	}
	if g := e.gpsEntries(); len(g) > 0 {
		canon = append(canon, bmffBox("CMT4", tiffOf(g)))
	}
	if thumb != nil {
		w, h := jpegSize(thumb)
		canon = append(canon, bmffBox("THMB", []byte{0, 0, 0, 0}, u16(w), u16(h), u32(len(thumb)), u16(0), u16(0), thumb))
	}
	ftyp := bmffBox("ftyp", []byte("crx "), u32(1), []byte("crx isom"))
	var top [][]byte
	if preview != nil {
		w, h := jpegSize(preview)
		prvw := bmffBox("PRVW", u32(0), u16(1), u16(w), u16(h), u16(1), u32(len(preview)), preview)
		top = append(top, bmffBox("uuid", uuidHead(cr3PreviewUUID), make([]byte, 8), prvw))
	}
	// The track's sample offset depends on the size of everything before mdat; build twice.
	build := func(sampleAt int) []byte {
		moov := [][]byte{bmffBox("uuid", canon...)}
		if full != nil {
			stsz := bmffBox("stsz", u32(0), u32(len(full)), u32(1))
			co64 := bmffBox("co64", u32(0), u32(1), u32(0), u32(sampleAt))
			moov = append(moov, bmffBox("trak", bmffBox("mdia", bmffBox("minf", bmffBox("stbl", stsz, co64)))))
		}
		out := append(append([]byte(nil), ftyp...), bmffBox("moov", moov...)...)
		for _, b := range top {
			out = append(out, b...)
		}
		return append(out, bmffBox("mdat", full)...)
	}
	head := build(0)
	return build(len(head) - len(full))
}

var (
	cr3CanonUUID   = []byte{0x85, 0xc0, 0xb6, 0x87, 0x82, 0x0f, 0x11, 0xe0, 0x81, 0x11, 0xf4, 0xce, 0x46, 0x2b, 0x6a, 0x48}
	cr3PreviewUUID = []byte{0xea, 0xf4, 0x2b, 0x5e, 0x1c, 0x98, 0x4b, 0x88, 0xb9, 0xfb, 0xb7, 0xdc, 0x40, 0x6e, 0x4d, 0x16}
)

func uuidHead(id []byte) []byte { return append([]byte(nil), id...) }

// RAF builds a Fujifilm RAF whose embedded JPEG is preview with e's metadata in it.
func (e EXIF) RAF(t testing.TB, preview image.Image) []byte {
	t.Helper()
	jpeg := JPEG(t, preview, e.Bytes())
	out := []byte("FUJIFILMCCD-RAW 0201FF383501")
	out = append(out, make([]byte, 84-len(out))...)
	out = binary.BigEndian.AppendUint32(out, 160)
	out = binary.BigEndian.AppendUint32(out, uint32(len(jpeg)))
	out = append(out, make([]byte, 160-len(out))...)
	out = append(out, jpeg...)
	return append(out, make([]byte, 64)...) // the sensor data
}
