package hnsw

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The export format, all little-endian:
//
//	magic "CRNHNSW1", M u32, Ml f64, EfConstruction u32, EfSearch u32, slots u32, entry u32, top i32
//	per slot: level i8 (−1 = absent), then for each layer 0..level: count u16, count × slot u32
//	CRC-32C of everything before it, u32
//
// Only slot numbers are stored; vectors stay in their own file.
const magic = "CRNHNSW1"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrCorrupt is returned by Import when the data fails its checksum or does not parse.
var ErrCorrupt = errors.New("hnsw: corrupt graph data")

// Export writes the graph to w. It must not run alongside Add or Delete.
func (g *Graph) Export(w io.Writer) error {
	g.resize.RLock()
	defer g.resize.RUnlock()
	g.entryMu.RLock()
	entry, top := g.entry, g.top
	g.entryMu.RUnlock()

	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<20)
	// Every slot up to the capacity is written, absent ones as one byte: links to deleted slots may
	// dangle anywhere in that range, and Import checks links against it.
	slots := len(g.levels)
	var b []byte
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(g.cfg.M))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(g.cfg.Ml))
	b = binary.LittleEndian.AppendUint32(b, uint32(g.cfg.EfConstruction))
	b = binary.LittleEndian.AppendUint32(b, uint32(g.cfg.EfSearch))
	b = binary.LittleEndian.AppendUint32(b, uint32(slots))
	b = binary.LittleEndian.AppendUint32(b, entry)
	b = binary.LittleEndian.AppendUint32(b, uint32(int32(top)))
	if _, err := bw.Write(b); err != nil {
		return fmt.Errorf("write graph header: %w", err)
	}
	for slot := range slots {
		b = b[:0]
		level := g.levelOf(uint32(slot))
		b = append(b, byte(int8(level)))
		for layer := 0; layer <= level; layer++ {
			l := g.list(uint32(slot), layer)
			b = binary.LittleEndian.AppendUint16(b, uint16(l[0]))
			for _, x := range l[1 : 1+l[0]] {
				b = binary.LittleEndian.AppendUint32(b, x)
			}
		}
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("write graph node %d: %w", slot, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write graph: %w", err)
	}
	if err := binary.Write(w, binary.LittleEndian, crc.Sum32()); err != nil {
		return fmt.Errorf("write graph checksum: %w", err)
	}
	return nil
}

// Import reads a graph written by Export; vectors are read through vecs.
func Import(r io.Reader, vecs Vectors) (*Graph, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read graph: %w", err)
	}
	return Decode(data, vecs)
}

// Decode is Import from bytes already in memory, which saves a copy of a large graph.
func Decode(data []byte, vecs Vectors) (*Graph, error) {
	if len(data) < len(magic)+36+4 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	p := parser{b: body[len(magic):]}
	cfg := Config{M: int(p.u32()), Ml: math.Float64frombits(p.u64()), EfConstruction: int(p.u32()), EfSearch: int(p.u32())}
	slots, entry, top := int(p.u32()), p.u32(), int(int32(p.u32()))
	if cfg.M < 2 || cfg.M > 1<<15 || top < absent || top > 64 || (top != absent && int(entry) >= slots) {
		return nil, fmt.Errorf("%w: bad parameters", ErrCorrupt)
	}
	g := New(vecs, cfg)
	g.growLocked(slots)
	g.entry, g.top = entry, top
	count := 0
	for slot := range slots {
		level := int(int8(p.u8()))
		if level < absent || level > 64 {
			return nil, fmt.Errorf("%w: bad level at slot %d", ErrCorrupt, slot)
		}
		if level == absent {
			continue
		}
		count++
		if level > 0 {
			g.upper[slot] = make([]uint32, level*g.strideUp())
		}
		g.levels[slot].Store(int32(level))
		for layer := 0; layer <= level; layer++ {
			n := int(p.u16())
			if n > g.maxLinks(layer) {
				return nil, fmt.Errorf("%w: %d links at slot %d", ErrCorrupt, n, slot)
			}
			links := p.take(4 * n)
			l := g.list(uint32(slot), layer)
			l[0] = uint32(n)
			for i := range n {
				x := binary.LittleEndian.Uint32(links[4*i:])
				if int(x) >= slots {
					return nil, fmt.Errorf("%w: link to slot %d beyond %d", ErrCorrupt, x, slots)
				}
				l[1+i] = x
			}
		}
	}
	if p.short || len(p.b) != 0 {
		return nil, fmt.Errorf("%w: length mismatch", ErrCorrupt)
	}
	if top != absent && g.levelOf(entry) != top {
		return nil, fmt.Errorf("%w: entry point is not on the top layer", ErrCorrupt)
	}
	g.count.Store(int64(count))
	return g, nil
}

// parser reads little-endian fields and remembers running short instead of failing each call.
type parser struct {
	b     []byte
	short bool
}

func (p *parser) take(n int) []byte {
	if len(p.b) < n {
		p.short = true
		p.b = nil
		return make([]byte, n)
	}
	x := p.b[:n]
	p.b = p.b[n:]
	return x
}

func (p *parser) u8() uint8   { return p.take(1)[0] }
func (p *parser) u16() uint16 { return binary.LittleEndian.Uint16(p.take(2)) }
func (p *parser) u32() uint32 { return binary.LittleEndian.Uint32(p.take(4)) }
func (p *parser) u64() uint64 { return binary.LittleEndian.Uint64(p.take(8)) }
