package vectors

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// meta is the commit record that says which slots of the vector file hold which ids. It is written to
// a temp file, fsynced and renamed over the old one, so a crash leaves either the old or the new record,
// never a mix. Format, little-endian:
//
//	"CRNMETA1", dim u32, gen u64, commit u32, slots u32,
//	ids [slots]u64, written [slots]u32, live [(slots+63)/64]u64, CRC-32C u32
type meta struct {
	dim     int
	gen     uint64   // generation of the vector file; bumped by compaction
	commit  uint32   // bumped by every commit
	ids     []uint64 // id stored in each slot (meaningful where live)
	written []uint32 // commit that first held the slot's current row, to spot graph entries gone stale
	live    bitset
}

const (
	metaMagic = "CRNMETA1"
	metaName  = "vectors.meta"
)

// ErrCorrupt marks files that fail their checksum or do not parse.
var ErrCorrupt = errors.New("vectors: corrupt index file")

func (m *meta) encode() []byte {
	n := len(m.ids)
	b := make([]byte, 0, 32+n*12+len(m.live)*8+4)
	b = append(b, metaMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(m.dim))
	b = binary.LittleEndian.AppendUint64(b, m.gen)
	b = binary.LittleEndian.AppendUint32(b, m.commit)
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	for _, id := range m.ids {
		b = binary.LittleEndian.AppendUint64(b, id)
	}
	for _, w := range m.written {
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	for _, w := range m.live.words(n) {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func decodeMeta(b []byte) (*meta, error) {
	const head = len(metaMagic) + 4 + 8 + 4 + 4
	if len(b) < head+4 || string(b[:len(metaMagic)]) != metaMagic {
		return nil, fmt.Errorf("%w: bad metadata header", ErrCorrupt)
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, fmt.Errorf("%w: metadata checksum mismatch", ErrCorrupt)
	}
	p := body[len(metaMagic):]
	m := &meta{dim: int(binary.LittleEndian.Uint32(p)), gen: binary.LittleEndian.Uint64(p[4:]),
		commit: binary.LittleEndian.Uint32(p[12:])}
	n := int(binary.LittleEndian.Uint32(p[16:]))
	p = p[20:]
	words := (n + 63) / 64
	if len(p) != n*12+words*8 {
		return nil, fmt.Errorf("%w: metadata length does not match %d slots", ErrCorrupt, n)
	}
	m.ids = make([]uint64, n)
	m.written = make([]uint32, n)
	m.live = make(bitset, words)
	for i := range m.ids {
		m.ids[i] = binary.LittleEndian.Uint64(p[8*i:])
	}
	p = p[8*n:]
	for i := range m.written {
		m.written[i] = binary.LittleEndian.Uint32(p[4*i:])
	}
	p = p[4*n:]
	for i := range m.live {
		m.live[i] = binary.LittleEndian.Uint64(p[8*i:])
	}
	return m, nil
}

// readMeta loads the commit record from dir; ok is false when there is none yet.
func readMeta(dir string) (m *meta, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, metaName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read vector metadata: %w", err)
	}
	m, err = decodeMeta(b)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", filepath.Join(dir, metaName), err)
	}
	return m, true, nil
}
