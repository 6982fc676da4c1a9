package media

import (
	"encoding/binary"
	"fmt"
)

// This file reads TIFF directories (IFDs) in classic TIFF and BigTIFF, for what goexif does not do: walking
// every IFD and SubIFD of a camera RAW to find its previews, reading BigTIFF, and reading the TIFF blocks
// of CR3 boxes. Camera RAWs with their own magic (Olympus ORF "RO", Panasonic RW2 "U") are TIFFs too.

// tiffDoc is a TIFF structure held in memory.
type tiffDoc struct {
	data  []byte
	order binary.ByteOrder
	big   bool   // BigTIFF: 8-byte offsets and counts, 20-byte entries
	magic uint16 // 42 (TIFF), 43 (BigTIFF), 0x4F52 / 0x5352 (ORF), 0x55 (RW2)
	first uint64 // offset of IFD0
}

// tiffField is one IFD entry with its value bytes located (inline or at their offset).
type tiffField struct {
	tag, typ uint16
	count    uint64
	value    []byte // nil when the value lies outside the data
}

// tiffIFD is one directory: its entries and the offset of the next IFD in the chain (0 at the end).
type tiffIFD struct {
	fields []tiffField
	next   uint64
}

// TIFF field types beyond the classic twelve, used by BigTIFF.
const (
	tiffLong8  = 16
	tiffSLong8 = 17
	tiffIFD8   = 18
)

func tiffTypeBytes(typ uint16) uint64 {
	switch {
	case int(typ) < len(tiffTypeSize):
		return tiffTypeSize[typ]
	case typ == 13: // IFD
		return 4
	case typ == tiffLong8 || typ == tiffSLong8 || typ == tiffIFD8:
		return 8
	}
	return 0
}

// parseTIFFDoc reads a TIFF header: byte order, magic and the offset of IFD0.
func parseTIFFDoc(data []byte) (tiffDoc, error) {
	if len(data) < 8 || !(data[0] == 'I' && data[1] == 'I' || data[0] == 'M' && data[1] == 'M') {
		return tiffDoc{}, fmt.Errorf("%w: no TIFF header", ErrCorrupt)
	}
	t := tiffDoc{data: data, order: binary.LittleEndian}
	if data[0] == 'M' {
		t.order = binary.BigEndian
	}
	t.magic = t.order.Uint16(data[2:])
	switch t.magic {
	case 43:
		if len(data) < 16 || t.order.Uint16(data[4:]) != 8 {
			return tiffDoc{}, fmt.Errorf("%w: BigTIFF header with an offset size other than 8", ErrCorrupt)
		}
		t.big = true
		t.first = t.order.Uint64(data[8:])
	case 42, 0x4F52, 0x5352, 0x55:
		t.first = uint64(t.order.Uint32(data[4:]))
	default:
		return tiffDoc{}, fmt.Errorf("%w: TIFF magic %d", ErrUnsupported, t.magic)
	}
	return t, nil
}

// readIFD reads the directory at off. Entries whose value lies outside the data keep a nil value.
func (t tiffDoc) readIFD(off uint64) (tiffIFD, error) {
	countSize, entrySize, offSize := uint64(2), uint64(12), uint64(4)
	if t.big {
		countSize, entrySize, offSize = 8, 20, 8
	}
	n := uint64(len(t.data))
	if off < 8 || off+countSize > n {
		return tiffIFD{}, fmt.Errorf("%w: IFD at %d beyond the %d-byte file", ErrCorrupt, off, n)
	}
	count := t.uint(t.data[off:], countSize)
	if count > 4096 || off+countSize+count*entrySize > n {
		return tiffIFD{}, fmt.Errorf("%w: IFD at %d declares %d entries", ErrCorrupt, off, count)
	}
	var d tiffIFD
	for i := uint64(0); i < count; i++ {
		e := t.data[off+countSize+i*entrySize:]
		f := tiffField{tag: t.order.Uint16(e), typ: t.order.Uint16(e[2:]), count: t.uint(e[4:], offSize)}
		size := tiffTypeBytes(f.typ) * f.count
		if tiffTypeBytes(f.typ) == 0 || f.count > n {
			continue
		}
		valueAt := e[4+offSize:]
		if size <= offSize {
			f.value = valueAt[:size]
		} else if vo := t.uint(valueAt, offSize); vo <= n && size <= n-vo {
			f.value = t.data[vo : vo+size]
		}
		d.fields = append(d.fields, f)
	}
	if end := off + countSize + count*entrySize; end+offSize <= n {
		d.next = t.uint(t.data[end:], offSize)
	}
	return d, nil
}

func (t tiffDoc) uint(b []byte, size uint64) uint64 {
	switch size {
	case 2:
		return uint64(t.order.Uint16(b))
	case 4:
		return uint64(t.order.Uint32(b))
	}
	return t.order.Uint64(b)
}

// field returns the entry with tag, if the IFD has one.
func (d tiffIFD) field(tag uint16) (tiffField, bool) {
	for _, f := range d.fields {
		if f.tag == tag {
			return f, true
		}
	}
	return tiffField{}, false
}

// uints reads an integer entry (BYTE, SHORT, LONG, IFD and their 8-byte forms) as unsigned values.
func (t tiffDoc) uints(f tiffField) []uint64 {
	size := tiffTypeBytes(f.typ)
	switch f.typ {
	case 1, 3, 4, 13, tiffLong8, tiffIFD8:
	default:
		return nil
	}
	if f.value == nil {
		return nil
	}
	out := make([]uint64, 0, min(f.count, 1024))
	for i := uint64(0); i < f.count && i < 1024; i++ {
		b := f.value[i*size:]
		if size == 1 {
			out = append(out, uint64(b[0]))
		} else {
			out = append(out, t.uint(b, size))
		}
	}
	return out
}

// uint1 reads the first value of an integer entry of d.
func (t tiffDoc) uint1(d tiffIFD, tag uint16) (uint64, bool) {
	f, ok := d.field(tag)
	if !ok {
		return 0, false
	}
	v := t.uints(f)
	if len(v) == 0 {
		return 0, false
	}
	return v[0], true
}

// walkIFDs visits IFD0's chain and, below each, the SubIFDs (tag 0x014A) and the Exif IFD, each once, at
// most maxIFDs*4 directories in all. visit gets each directory.
func (t tiffDoc) walkIFDs(visit func(tiffIFD)) {
	seen := map[uint64]bool{}
	queue := []uint64{}
	for off, n := t.first, 0; off != 0 && n < maxIFDs && !seen[off]; n++ {
		seen[off] = true
		queue = append(queue, off)
		d, err := t.readIFD(off)
		if err != nil {
			break
		}
		off = d.next
	}
	delete(seen, 0)
	for i := 0; i < len(queue) && i < 4*maxIFDs; i++ {
		d, err := t.readIFD(queue[i])
		if err != nil {
			continue
		}
		visit(d)
		for _, tag := range []uint16{tagSubIFDs, tagExifIFD} {
			if f, ok := d.field(tag); ok {
				for _, sub := range t.uints(f) {
					if !seen[sub] && sub != 0 {
						seen[sub] = true
						queue = append(queue, sub)
					}
				}
			}
		}
	}
}

const tagSubIFDs = 0x014A
