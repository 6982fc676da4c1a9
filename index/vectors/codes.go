package vectors

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"path/filepath"
	"unsafe"

	"github.com/cairn-photos/cairn/index/quant"
)

// codeFile is the int8 copy of the vector file (package quant): at each slot of the vector file, the
// same slot here holds the row's float32 scale and then its code (dim bytes, padded to four) — 772 bytes
// for a 768-d vector against 3,072. The scale comes first so that reading a row goes forward from its start. Scans and graph walks score the codes, a quarter of the memory to read, and
// rescore their best candidates with the float rows.
//
// It is derived from the float rows, never the other way round: written beside them by every add and
// synced before each commit, its header names the generation and the last commit it is known complete for
// (0 while it is being rebuilt). Open trusts a slot's code only if the slot was last written at or before
// that commit, and recomputes the others from the floats; a missing or foreign file is made again.
//
// Header, little-endian: "CRNQ8V02", dim u32, gen u64, commit u32, CRC-32C u32. (Version 1 kept the scale
// after the code; such a file does not match the header and is made again.)
type codeFile struct {
	rows   *rowFile
	dim    int
	gen    uint64
	commit uint32 // what the header says
}

const codeMagic = "CRNQ8V02"

func codeFileName(gen uint64) string { return fmt.Sprintf("vectors.%d.i8", gen) }

// codeRowSize is the bytes of one row: the scale, then the codes padded to four.
func codeRowSize(dim int) int { return 4 + (dim+3)&^3 }

func codeHeader(dim int, gen uint64, commit uint32) []byte {
	b := make([]byte, 0, 28)
	b = append(b, codeMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(dim))
	b = binary.LittleEndian.AppendUint64(b, gen)
	b = binary.LittleEndian.AppendUint32(b, commit)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// createCodeFile makes an empty code file for generation gen, complete for no commit yet.
func createCodeFile(path string, dim int, gen uint64, rows int) (*codeFile, error) {
	r, err := createRowFile(path, codeHeader(dim, gen, 0), codeRowSize(dim), rows)
	if err != nil {
		return nil, err
	}
	return &codeFile{rows: r, dim: dim, gen: gen}, nil
}

// openCodeFile maps the code file of generation gen if it is one, for dim-d rows, holding at least rows
// rows and complete for a commit no later than maxCommit.
func openCodeFile(path string, dim int, gen uint64, rows int, maxCommit uint32, readOnly bool) (*codeFile, error) {
	r, err := openRowFile(path, codeRowSize(dim), readOnly)
	if err != nil {
		return nil, err
	}
	h := r.header(28)
	commit := binary.LittleEndian.Uint32(h[20:])
	switch {
	case string(h) != string(codeHeader(dim, gen, commit)):
		err = fmt.Errorf("code file %s: header does not match dim %d generation %d", path, dim, gen)
	case commit > maxCommit:
		err = fmt.Errorf("code file %s is of commit %d, after the metadata's %d", path, commit, maxCommit)
	case r.rowsCap < rows:
		err = fmt.Errorf("code file %s holds %d rows, metadata needs %d", path, r.rowsCap, rows)
	}
	if err != nil {
		r.close()
		return nil, err
	}
	return &codeFile{rows: r, dim: dim, gen: gen, commit: commit}, nil
}

// code returns slot's code and scale.
func (c *codeFile) code(slot uint32) ([]int8, float32) {
	b := c.rows.row(slot)
	return unsafe.Slice((*int8)(unsafe.Pointer(&b[4])), c.dim), *(*float32)(unsafe.Pointer(&b[0]))
}

// put writes the code of vec into slot.
func (c *codeFile) put(slot uint32, vec []float32) {
	b := c.rows.row(slot)
	*(*float32)(unsafe.Pointer(&b[0])) = quant.Quantize(unsafe.Slice((*int8)(unsafe.Pointer(&b[4])), c.dim), vec)
}

// prefetch asks the CPU to start loading slot's row, without waiting for it (quant.Prefetch).
func (c *codeFile) prefetch(slot uint32) {
	b := c.rows.row(slot)
	quant.Prefetch(unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(b))), len(b)))
}

// markComplete records in the header that the file is complete for commit, whose codes the caller has
// synced. The header goes through the mapping and is durable with the next sync; if a crash loses it,
// the older commit it still names only costs recomputing more codes.
func (c *codeFile) markComplete(commit uint32) {
	if commit <= c.commit {
		return
	}
	copy(c.rows.m, codeHeader(c.dim, c.gen, commit))
	c.commit = commit
}

// openCodes opens the code file of the store's generation. Writable, a missing or unusable one is made
// again, empty, for Index.rebuildCodes to fill; read-only, it is used only if no code needs recomputing.
// Without a usable file the store works from the float rows alone.
func (s *store) openCodes(readOnly bool) {
	path := filepath.Join(s.dir, codeFileName(s.m.gen))
	c, err := openCodeFile(path, s.m.dim, s.m.gen, len(s.m.ids), s.m.commit, readOnly)
	if readOnly {
		if err == nil {
			s.codes, s.codesFrom = c, c.commit
			if len(s.staleCodes()) > 0 {
				s.codes, s.codesFrom = nil, 0
				c.rows.close()
			}
		}
		s.codesReady.Store(s.codes != nil)
		return
	}
	if err == nil {
		err = c.rows.grow(s.rows.rowsCap) // the vector file may have grown before a crash
	}
	if err != nil {
		if c != nil {
			c.rows.close()
		}
		if c, err = createCodeFile(path, s.m.dim, s.m.gen, s.rows.rowsCap); err != nil {
			return // searches and inserts keep to the floats
		}
	}
	s.codes, s.codesFrom = c, c.commit
	s.codesReady.Store(len(s.staleCodes()) == 0)
}

// staleCodes lists the live slots whose codes are not known to be right: those written after the commit
// the code file was complete for.
func (s *store) staleCodes() []uint32 {
	var stale []uint32
	for slot := range s.slots() {
		if s.isLive(uint32(slot)) && s.m.written[slot] > s.codesFrom {
			stale = append(stale, uint32(slot))
		}
	}
	return stale
}
