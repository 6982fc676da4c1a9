package media

import (
	"encoding/binary"
	"fmt"
)

// This file walks ISO base media file format (ISO-BMFF) boxes held in memory, the container of HEIF.
// go4.org/media/heif does this too, but it ignores iloc base offsets and extent indexes and caps the Exif item
// at 20 KiB, so the few boxes HEIC metadata needs are read here directly.

// box is one ISO-BMFF box: its four-character type and its payload (without the size/type header).
type box struct {
	typ  string
	body []byte
}

// readBoxes splits data into consecutive boxes. A box whose declared size runs past the end is an error.
func readBoxes(data []byte) ([]box, error) {
	var boxes []box
	for off := 0; off < len(data); {
		if len(data)-off < 8 {
			return boxes, fmt.Errorf("%w: %d stray bytes after the last box", ErrCorrupt, len(data)-off)
		}
		size := uint64(binary.BigEndian.Uint32(data[off:]))
		typ := string(data[off+4 : off+8])
		header := uint64(8)
		switch size {
		case 0: // the box runs to the end of the data
			size = uint64(len(data) - off)
		case 1: // a 64-bit size follows the type
			if len(data)-off < 16 {
				return boxes, fmt.Errorf("%w: truncated %q box header", ErrCorrupt, typ)
			}
			size = binary.BigEndian.Uint64(data[off+8:])
			header = 16
		}
		if size < header || size > uint64(len(data)-off) {
			return boxes, fmt.Errorf("%w: %q box declares %d bytes, %d remain", ErrCorrupt, typ, size, len(data)-off)
		}
		boxes = append(boxes, box{typ: typ, body: data[off+int(header) : off+int(size)]})
		off += int(size)
	}
	return boxes, nil
}

// findBox returns the first box of type typ.
func findBox(boxes []box, typ string) (box, bool) {
	for _, b := range boxes {
		if b.typ == typ {
			return b, true
		}
	}
	return box{}, false
}

// byteReader reads big-endian fields and remembers the first overrun, so parsers check once at the end.
type byteReader struct {
	b   []byte
	off int
	err error
}

func (r *byteReader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.err = fmt.Errorf("%w: field of %d bytes at offset %d overruns a %d-byte box", ErrCorrupt, n, r.off, len(r.b))
		return nil
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

// uint reads an n-byte big-endian unsigned integer (n is 0, 1, 2, 4 or 8; 0 reads nothing and gives 0).
func (r *byteReader) uint(n int) uint64 {
	p := r.take(n)
	var v uint64
	for _, c := range p {
		v = v<<8 | uint64(c)
	}
	return v
}

func (r *byteReader) u8() uint8   { return uint8(r.uint(1)) }
func (r *byteReader) u16() uint16 { return uint16(r.uint(2)) }
func (r *byteReader) u32() uint32 { return uint32(r.uint(4)) }

// fullBoxHeader reads the version and flags that start a "full box".
func (r *byteReader) fullBoxHeader() (version uint8, flags uint32) {
	return r.u8(), uint32(r.uint(3))
}
