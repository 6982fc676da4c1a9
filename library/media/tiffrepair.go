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
		end, ok := r.ifdEnd(ifd)
		if !ok {
			continue
		}
		for pos := int(ifd) + 2; pos < end; pos += 12 {
			if !r.entryReadable(pos) {
				r.putU16(pos, neutralTagID)
				r.putU16(pos+2, 1) // BYTE
				r.putU32(pos+4, 1) // one value, held inline
				continue
			}
			switch r.order.Uint16(r.data()[pos:]) {
			case tagExifIFD, tagGPSIFD, tagInteropIFD:
				if followSubIFDs {
					queue = append(queue, r.u32(pos+8))
				}
			}
		}
	}
}

// entryReadable reports whether goexif can decode the 12-byte entry at pos.
func (r *tiffRepair) entryReadable(pos int) bool {
	d := r.data()
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
