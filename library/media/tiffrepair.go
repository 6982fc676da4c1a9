package media

import (
	"bytes"
	"encoding/binary"
)

// goexif gives up on a whole IFD when one entry is malformed, and follows "next IFD" links with only a
// self-loop check (so a chain A→B→A never ends). repairTIFF fixes both in a copy before goexif sees the data,
// so one bad tag costs that tag, not the photo's time and position.

const (
	maxIFDs      = 16     // main IFD chain; photos have two (the image and its thumbnail)
	neutralTagID = 0xFFFF // an id no field map knows, given to entries that cannot be read
)

// Sub-IFD pointer tags followed by goexif.
const (
	tagExifIFD    = 0x8769
	tagGPSIFD     = 0x8825
	tagInteropIFD = 0xA005
)

// tiffTypeSize is the byte size of each TIFF field type 1..12; 0 marks an unknown type.
var tiffTypeSize = [13]uint64{0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8}

// tiffRepair holds the TIFF bytes being checked; out is nil until the first change, then a private copy.
type tiffRepair struct {
	in, out []byte
	order   binary.ByteOrder
}

// repairTIFF returns tiff with the main IFD chain cut where it loops, leaves the data or grows past maxIFDs,
// and with malformed entries (unknown type, zero or absurd count, value beyond the data) in IFD0 and the Exif,
// GPS and Interop sub-IFDs renamed to an unknown tag. The input is never modified; without damage it is
// returned as is.
func repairTIFF(tiff []byte) []byte {
	if len(tiff) < 8 || !isTIFFHeader(tiff) {
		return tiff
	}
	r := &tiffRepair{in: tiff, order: binary.LittleEndian}
	if tiff[0] == 'M' {
		r.order = binary.BigEndian
	}
	link := 4 // position of the link to the next IFD: first the header's, then each IFD's
	seen := map[uint32]bool{}
	for n := 0; ; n++ {
		next := r.u32(link)
		if next == 0 {
			break
		}
		end, ok := r.ifdEnd(next)
		if !ok || seen[next] || n >= maxIFDs {
			r.putU32(link, 0)
			break
		}
		seen[next] = true
		r.repairIFD(next, n == 0)
		link = end
	}
	if r.out == nil {
		return tiff
	}
	return r.out
}

// data is the current bytes: the copy once one exists.
func (r *tiffRepair) data() []byte {
	if r.out != nil {
		return r.out
	}
	return r.in
}

func (r *tiffRepair) u32(pos int) uint32 { return r.order.Uint32(r.data()[pos:]) }

func (r *tiffRepair) putU32(pos int, v uint32) {
	if r.out == nil {
		r.out = bytes.Clone(r.in)
	}
	r.order.PutUint32(r.out[pos:], v)
}

func (r *tiffRepair) putU16(pos int, v uint16) {
	if r.out == nil {
		r.out = bytes.Clone(r.in)
	}
	r.order.PutUint16(r.out[pos:], v)
}

// ifdEnd returns the position of the IFD's next-IFD link, if the whole IFD lies inside the data.
func (r *tiffRepair) ifdEnd(off uint32) (int, bool) {
	d := r.data()
	if uint64(off)+2 > uint64(len(d)) {
		return 0, false
	}
	end := uint64(off) + 2 + 12*uint64(r.order.Uint16(d[off:]))
	if end+4 > uint64(len(d)) {
		return 0, false
	}
	return int(end), true
}

// entriesEnd returns the end of the entries of the IFD at off that goexif reads. It reads the entries of a
// cut-off IFD up to the first it cannot read, the last one maybe only partly (tag, type and count, without
// its value), so those must be checked like any others: one with an absurd count makes goexif allocate
// gigabytes, a fatal error no recover can catch.
func (r *tiffRepair) entriesEnd(off uint32) int {
	d := r.data()
	if uint64(off)+2 > uint64(len(d)) {
		return 0
	}
	n := uint64(r.order.Uint16(d[off:]))
	started := (uint64(len(d)) - uint64(off) - 2 + 4) / 12 // entries whose first 8 bytes are in the data
	return int(uint64(off) + 2 + 12*min(n, started))
}

// subIFDOffset reads a sub-IFD pointer as goexif will, when it is one SHORT or LONG held inline. Any other
// form is refused, so the repair never checks a different IFD from the one goexif reads.
func (r *tiffRepair) subIFDOffset(pos int) (uint32, bool) {
	d := r.data()
	if r.order.Uint32(d[pos+4:]) != 1 {
		return 0, false
	}
	switch r.order.Uint16(d[pos+2:]) {
	case 3:
		return uint32(r.order.Uint16(d[pos+8:])), true
	case 4, 9:
		return r.u32(pos + 8), true
	}
	return 0, false
}

// repairIFD neutralises the malformed entries of the IFD at off and, for IFD0 (and the Exif IFD it points
// to), of the sub-IFDs goexif follows. Sub-IFDs are visited once each, so pointer loops end.
func (r *tiffRepair) repairIFD(off uint32, followSubIFDs bool) {
	visited := map[uint32]bool{}
	queue := []uint32{off}
	for len(queue) > 0 {
		ifd := queue[0]
		queue = queue[1:]
		if visited[ifd] {
			continue
		}
		visited[ifd] = true
		for pos, end := int(ifd)+2, r.entriesEnd(ifd); pos < end; pos += 12 {
			if !r.entryReadable(pos) {
				r.neutralise(pos)
				continue
			}
			switch r.order.Uint16(r.data()[pos:]) {
			case tagExifIFD, tagGPSIFD, tagInteropIFD:
				sub, ok := r.subIFDOffset(pos)
				if !ok {
					r.neutralise(pos)
				} else if followSubIFDs {
					queue = append(queue, sub)
				}
			}
		}
	}
}

// neutralise turns the entry at pos into one BYTE under an unknown tag, held inline; only its first 8 bytes
// are written, since a cut-off entry may have no more.
func (r *tiffRepair) neutralise(pos int) {
	r.putU16(pos, neutralTagID)
	r.putU16(pos+2, 1) // BYTE
	r.putU32(pos+4, 1) // one value, held inline
}

// entryReadable reports whether goexif can decode the 12-byte entry at pos.
func (r *tiffRepair) entryReadable(pos int) bool {
	d := r.data()
	if pos+12 > len(d) {
		return false
	}
	typ := r.order.Uint16(d[pos+2:])
	count := uint64(r.order.Uint32(d[pos+4:]))
	if typ == 0 || int(typ) >= len(tiffTypeSize) || count == 0 {
		return false
	}
	size := tiffTypeSize[typ] * count
	if size <= 4 {
		return true
	}
	valueOff := uint64(r.order.Uint32(d[pos+8:]))
	return valueOff+size <= uint64(len(d))
}

// newTIFFReader gives goexif a repaired copy of the TIFF data when it needs one.
func newTIFFReader(data []byte) *bytes.Reader {
	return bytes.NewReader(repairTIFF(data))
}
