package media

import (
	"encoding/binary"
	"slices"
)

// buildEXIF writes a classic little-endian TIFF holding IFD0 with ifd0's fields and, when they are not empty,
// an Exif IFD and a GPS IFD linked from it: the EXIF block goexif reads. It joins metadata that a container
// keeps apart (CR3's CMT1, CMT2 and CMT4 boxes) or in a layout goexif cannot read (BigTIFF). Values are
// converted from each source's byte order; pointer fields of the sources are left out, and so are fields
// whose value is missing or of a type classic TIFF lacks.
func buildEXIF(ifd0, exif, gps []orderedFields) []byte {
	type dir struct {
		fields  []tiffField
		pointer uint16 // the IFD0 tag that points to it
	}
	collect := func(groups []orderedFields) []tiffField {
		var out []tiffField
		for _, g := range groups {
			for _, f := range g.fields {
				switch {
				case f.value == nil, f.typ == 0 || f.typ > 12,
					f.tag == tagExifIFD, f.tag == tagGPSIFD, f.tag == tagInteropIFD, f.tag == tagSubIFDs:
					continue
				}
				f.value = toLittleEndian(f.value, f.typ, g.order)
				out = append(out, f)
			}
		}
		slices.SortStableFunc(out, func(a, b tiffField) int { return int(a.tag) - int(b.tag) })
		return slices.CompactFunc(out, func(a, b tiffField) bool { return a.tag == b.tag })
	}
	root := collect(ifd0)
	subs := []dir{{collect(exif), tagExifIFD}, {collect(gps), tagGPSIFD}}
	for _, s := range subs {
		if len(s.fields) > 0 {
			root = append(root, tiffField{tag: s.pointer, typ: 4, count: 1, value: make([]byte, 4)})
		}
	}
	slices.SortStableFunc(root, func(a, b tiffField) int { return int(a.tag) - int(b.tag) })

	le := binary.LittleEndian
	out := []byte("II*\x00\x08\x00\x00\x00")
	pointerAt := map[uint16]int{}
	writeIFD := func(fields []tiffField) {
		start := len(out)
		out = le.AppendUint16(out, uint16(len(fields)))
		dataAt := start + 2 + 12*len(fields) + 4
		var data []byte
		for _, f := range fields {
			out = le.AppendUint16(out, f.tag)
			out = le.AppendUint16(out, f.typ)
			out = le.AppendUint32(out, uint32(f.count))
			if len(f.value) <= 4 {
				pointerAt[f.tag] = len(out)
				out = append(out, f.value...)
				out = append(out, make([]byte, 4-len(f.value))...)
				continue
			}
			out = le.AppendUint32(out, uint32(dataAt+len(data)))
			data = append(data, f.value...)
			if len(data)%2 == 1 {
				data = append(data, 0)
			}
		}
		out = le.AppendUint32(out, 0) // no next IFD
		out = append(out, data...)
	}
	writeIFD(root)
	for _, s := range subs {
		if len(s.fields) > 0 {
			le.PutUint32(out[pointerAt[s.pointer]:], uint32(len(out)))
			writeIFD(s.fields)
		}
	}
	return out
}

// orderedFields are fields read from a TIFF with the given byte order.
type orderedFields struct {
	order  binary.ByteOrder
	fields []tiffField
}

// toLittleEndian returns a value of TIFF type typ in little-endian order.
func toLittleEndian(v []byte, typ uint16, from binary.ByteOrder) []byte {
	unit := tiffTypeBytes(typ)
	if typ == 5 || typ == 10 { // rationals are two LONGs
		unit = 4
	}
	if from == binary.LittleEndian || unit < 2 {
		return v
	}
	out := make([]byte, len(v))
	for i := 0; i+int(unit) <= len(v); i += int(unit) {
		for j := 0; j < int(unit); j++ {
			out[i+j] = v[i+int(unit)-1-j]
		}
	}
	return out
}

// exifFromTIFFDoc builds the EXIF block of a TIFF goexif cannot read as it is (BigTIFF): IFD0 with its Exif
// and GPS IFDs.
func exifFromTIFFDoc(t tiffDoc) []byte {
	ifd0, err := t.readIFD(t.first)
	if err != nil {
		return nil
	}
	sub := func(tag uint16) []orderedFields {
		off, ok := t.uint1(ifd0, tag)
		if !ok {
			return nil
		}
		d, err := t.readIFD(off)
		if err != nil {
			return nil
		}
		return []orderedFields{{t.order, d.fields}}
	}
	return buildEXIF([]orderedFields{{t.order, ifd0.fields}}, sub(tagExifIFD), sub(tagGPSIFD))
}
