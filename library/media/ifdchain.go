package media

import (
	"bytes"
	"encoding/binary"
)

// maxIFDs bounds the main IFD chain; photos have two (the image and its thumbnail).
const maxIFDs = 16

// cutIFDChain returns the TIFF bytes with the main IFD chain ended where it would loop, run past the end of the
// data, or grow past maxIFDs. goexif follows "next IFD" links with only a self-loop check, so a chain A→B→A
// would never end, and one bad link after IFD0 makes it drop every tag. The input is not modified; a copy is
// made only when a link has to be cut.
func cutIFDChain(tiff []byte) []byte {
	if len(tiff) < 8 || !isTIFFHeader(tiff) {
		return tiff
	}
	var order binary.ByteOrder = binary.LittleEndian
	if tiff[0] == 'M' {
		order = binary.BigEndian
	}
	link := 4 // position of the link to the next IFD: first the header's, then each IFD's
	seen := map[uint32]bool{}
	for n := 0; ; n++ {
		next := order.Uint32(tiff[link:])
		if next == 0 {
			return tiff
		}
		bad := seen[next] || n >= maxIFDs || uint64(next)+2 > uint64(len(tiff))
		var end uint64
		if !bad {
			count := uint64(order.Uint16(tiff[next:]))
			end = uint64(next) + 2 + 12*count
			bad = end+4 > uint64(len(tiff))
		}
		if bad {
			cut := append([]byte(nil), tiff...)
			order.PutUint32(cut[link:], 0)
			return cut
		}
		seen[next] = true
		link = int(end)
	}
}

// newTIFFReader gives goexif a TIFF whose IFD chain is known to end.
func newTIFFReader(data []byte) *bytes.Reader {
	return bytes.NewReader(cutIFDChain(data))
}
