package mediatest

import (
	"encoding/binary"
	"math"
	"slices"
)

// TIFF field types used here.
const (
	typeByte     = 1
	typeASCII    = 2
	typeShort    = 3
	typeLong     = 4
	typeRational = 5
)

// ifdEntry is one IFD entry; value holds the encoded bytes (typ and count say how to read them).
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

func asciiEntry(tag uint16, s string) ifdEntry {
	return ifdEntry{tag, typeASCII, uint32(len(s) + 1), append([]byte(s), 0)}
}

// appendASCII appends an ASCII entry unless s is empty, which stands for an absent tag.
func appendASCII(entries []ifdEntry, tag uint16, s string) []ifdEntry {
	if s == "" {
		return entries
	}
	return append(entries, asciiEntry(tag, s))
}

func shortEntry(tag uint16, v uint16) ifdEntry {
	return ifdEntry{tag, typeShort, 1, binary.LittleEndian.AppendUint16(nil, v)}
}

func byteEntry(tag uint16, v byte) ifdEntry { return ifdEntry{tag, typeByte, 1, []byte{v}} }

func longEntry(tag uint16, v uint32) ifdEntry {
	return ifdEntry{tag, typeLong, 1, binary.LittleEndian.AppendUint32(nil, v)}
}

// rationalEntry encodes each value as a fraction over 1e6 (1e4 for values over 4000, 1 over 400,000, to stay
// in 32 bits).
func rationalEntry(tag uint16, values ...float64) ifdEntry {
	var b []byte
	for _, v := range values {
		den := uint32(1_000_000)
		switch {
		case v > 400_000:
			den = 1
		case v > 4000:
			den = 10_000
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(math.Round(v*float64(den))))
		b = binary.LittleEndian.AppendUint32(b, den)
	}
	return ifdEntry{tag, typeRational, uint32(len(values)), b}
}

// tiffWriter appends IFDs to a little-endian TIFF structure.
type tiffWriter struct{ buf []byte }

// ifd appends an IFD (values over 4 bytes after it) and returns its offset, the position of its next-IFD
// link and the positions of each entry's value field by tag.
func (w *tiffWriter) ifd(entries []ifdEntry) (pos, nextLink int, valueField map[uint16]int) {
	entries = slices.Clone(entries)
	slices.SortStableFunc(entries, func(a, b ifdEntry) int { return int(a.tag) - int(b.tag) }) // as TIFF requires
	pos = len(w.buf)
	valueField = map[uint16]int{}
	extra := pos + 2 + 12*len(entries) + 4
	var tail []byte
	w.buf = binary.LittleEndian.AppendUint16(w.buf, uint16(len(entries)))
	for _, e := range entries {
		w.buf = binary.LittleEndian.AppendUint16(w.buf, e.tag)
		w.buf = binary.LittleEndian.AppendUint16(w.buf, e.typ)
		w.buf = binary.LittleEndian.AppendUint32(w.buf, e.count)
		valueField[e.tag] = len(w.buf)
		if len(e.value) <= 4 {
			w.buf = append(w.buf, e.value...)
			w.buf = append(w.buf, make([]byte, 4-len(e.value))...)
			continue
		}
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(extra+len(tail)))
		tail = append(tail, e.value...)
		if len(tail)%2 == 1 {
			tail = append(tail, 0)
		}
	}
	nextLink = len(w.buf)
	w.buf = append(w.buf, 0, 0, 0, 0)
	w.buf = append(w.buf, tail...)
	return pos, nextLink, valueField
}
