package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// withoutBadAncillaryChunks returns the PNG without the ancillary chunks (lower-case first letter: text, time,
// colour hints) whose CRC is wrong. libpng drops such chunks with a warning; Go's image/png refuses the whole
// file. Critical chunks are left alone, so real damage to the image is still reported. The input is not
// modified; without bad chunks it is returned as is.
func withoutBadAncillaryChunks(data []byte) []byte {
	const sig = 8
	var out []byte
	kept := 0 // data[:kept] is in out, once out is in use
	for off := sig; off+12 <= len(data); {
		n := int64(binary.BigEndian.Uint32(data[off:]))
		if n > int64(len(data)-off-12) {
			break
		}
		end := off + 12 + int(n)
		typ := data[off+4 : off+8]
		ancillary := typ[0]&0x20 != 0
		if ancillary && crc32.ChecksumIEEE(data[off+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			if out == nil {
				out = make([]byte, 0, len(data))
			}
			out = append(out, data[kept:off]...)
			kept = end
		}
		if bytes.Equal(typ, []byte("IEND")) {
			break
		}
		off = end
	}
	if out == nil {
		return data
	}
	return append(out, data[kept:]...)
}
