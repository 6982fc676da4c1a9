package library

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"os"
	"sync"
	"unsafe"
)

// The photo table on disk is a snapshot (tableFile) and a log of the writes since (tableLog). Every write to
// the metadata index appends one record to the log, stamped with the index's generation after that write;
// when the log outgrows a quarter of the snapshot, the table is written afresh and the log emptied.
//
// The snapshot is the table's memory image: its rows, paths, peaks, order newest first and index of keys,
// each section aligned, so reading it is a checksum (two halves on two cores) and a check of every span,
// and the table then uses the bytes read in place: nothing is decoded, sorted or hashed.
const (
	tableFile = "table.bin"
	tableLog  = "table.log"
	// tableGob is the cache file of earlier versions, read once as the last good copy.
	tableGob = "table.gob"
)

// tableMagic and tableVersion head the snapshot; the version changes whenever the encoding does.
const (
	tableMagic   = "CAIRNTAB"
	tableVersion = 7
)

// tableLayout is written in the machine's byte order and must read back the same: a snapshot of a machine of
// the other order, or of another row layout, is not used in place but rebuilt.
const tableLayout = uint32(unsafe.Sizeof(tableRow{}))<<16 | uint32(unsafe.Sizeof(rowPeak{}))<<8 | 0x01

// tableHeader is the size of the snapshot's fixed header: magic, version, layout, generation, peak id count,
// row count, path bytes, peak count, key index slots.
const tableHeader = 8 + 4 + 4 + 8 + 4 + 4 + 8 + 8 + 8

// tableSums reads or writes the snapshot's checksums: one of each half of what precedes them, made at once.
func tableSums(body []byte) (a, b uint32) {
	half := len(body) / 2
	var wg sync.WaitGroup
	wg.Go(func() { b = crc32.Checksum(body[half:], castagnoli) })
	a = crc32.Checksum(body[:half], castagnoli)
	wg.Wait()
	return a, b
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errTableFile says a cache file cannot be read: it is then rebuilt from the metadata index.
var errTableFile = errors.New("unreadable photo table")

// bytesOf is the memory of s.
func bytesOf[T any](s []T) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*int(unsafe.Sizeof(s[0])))
}

// sliceOf is b's memory as n values of T; b is aligned for T and long enough.
func sliceOf[T any](b []byte, n int) []T {
	if n == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), n)[:n:n]
}

func pad8(b []byte) []byte {
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	return b
}

// encodeSnapshot encodes the table whole; the caller holds t.mu and the order is settled.
func (t *photoTable) encodeSnapshot() []byte {
	le := binary.LittleEndian
	size := tableHeader + 8 + len(t.rows)*(int(unsafe.Sizeof(tableRow{}))+4) + len(t.at.slots)*4 + len(t.peaks)*8 +
		len(t.rels) + 24
	for _, id := range t.peakIDs {
		size += 2 + len(id)
	}
	b := make([]byte, 0, size)
	b = append(b, tableMagic...)
	b = le.AppendUint32(b, tableVersion)
	b = binary.NativeEndian.AppendUint32(b, tableLayout)
	b = le.AppendUint64(b, t.gen)
	b = le.AppendUint32(b, uint32(len(t.peakIDs)))
	b = le.AppendUint32(b, uint32(len(t.rows)))
	b = le.AppendUint64(b, uint64(len(t.rels)))
	b = le.AppendUint64(b, uint64(len(t.peaks)))
	b = le.AppendUint64(b, uint64(len(t.at.slots)))
	for _, id := range t.peakIDs {
		b = le.AppendUint16(b, uint16(len(id)))
		b = append(b, id...)
	}
	b = pad8(b)
	b = append(b, bytesOf(t.rows)...)
	b = append(b, bytesOf(t.newest)...)
	b = pad8(b)
	b = append(b, bytesOf(t.at.slots)...)
	b = pad8(b)
	b = append(b, bytesOf(t.peaks)...)
	b = append(b, t.rels...)
	sumA, sumB := tableSums(b)
	return le.AppendUint32(le.AppendUint32(b, sumA), sumB)
}

// decodeSnapshot reads a table written by encodeSnapshot, using data's memory for its rows, paths, peaks and
// order: data is the table's from then on (its writes change it), and the caller must not use it again. Every span is checked, so a damaged file that passes
// the checksum is still refused rather than read out of bounds.
func decodeSnapshot(data []byte) (*photoTable, error) {
	if len(data) < tableHeader+8 || string(data[:len(tableMagic)]) != tableMagic {
		return nil, fmt.Errorf("%w: not a table file", errTableFile)
	}
	if v := binary.LittleEndian.Uint32(data[len(tableMagic):]); v != tableVersion {
		if v == 6 {
			return decodeSnapshotV6(data)
		}
		return nil, fmt.Errorf("%w: version %d, want %d", errTableFile, v, tableVersion)
	}
	body := data[:len(data)-8]
	if a, b := tableSums(body); a != binary.LittleEndian.Uint32(data[len(body):]) || b != binary.LittleEndian.Uint32(data[len(body)+4:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errTableFile)
	}
	d := &decoder{b: body[len(tableMagic)+4:]}
	if layout := binary.NativeEndian.Uint32(d.take(4)); layout != tableLayout {
		return nil, fmt.Errorf("%w: written by another kind of machine", errTableFile)
	}
	gen := d.u64()
	nIDs, nRows, nRels, nPeaks, nSlots := int(d.u32()), int(d.u32()), d.u64(), d.u64(), d.u64()
	peakIDs := make([]string, 0, min(nIDs, len(d.b)/2))
	for range nIDs {
		peakIDs = append(peakIDs, string(d.take(int(d.u16()))))
	}
	d.take((8 - (len(body)-len(d.b))%8) % 8)
	rowSize, peakSize := int(unsafe.Sizeof(tableRow{})), int(unsafe.Sizeof(rowPeak{}))
	if d.bad || uint64(nRows)*uint64(rowSize+4) > uint64(len(d.b)) || nPeaks > uint64(len(d.b)/peakSize) ||
		nRels > uint64(len(d.b)) || nSlots > uint64(len(d.b)/4) || nSlots&(nSlots-1) != 0 || nSlots < 2*uint64(nRows) ||
		nSlots < 16 && nSlots != 0 {
		return nil, fmt.Errorf("%w: cut short", errTableFile)
	}
	d.b = aligned(d.b)
	rows := sliceOf[tableRow](d.take(nRows*rowSize), nRows)
	newest := sliceOf[int32](d.take(nRows*4), nRows)
	d.take(nRows * 4 % 8)
	slots := sliceOf[int32](d.take(int(nSlots)*4), int(nSlots))
	d.take(int(nSlots) * 4 % 8)
	peaks := sliceOf[rowPeak](d.take(int(nPeaks)*peakSize), int(nPeaks))
	rels := d.take(int(nRels))[:nRels:nRels]
	if d.bad || len(d.b) != 0 {
		return nil, fmt.Errorf("%w: cut short", errTableFile)
	}
	t := &photoTable{rows: rows, rels: rels, peaks: peaks, peakIDs: peakIDs,
		peakAt: make(map[string]uint16, len(peakIDs)), gen: gen}
	t.at = keyIndex{slots: slots, shift: uint(64 - bits.TrailingZeros64(nSlots)), n: nRows}
	used := 0
	for _, s := range slots {
		if s < 0 || int(s) > nRows {
			return nil, fmt.Errorf("%w: the index of keys points outside the rows", errTableFile)
		}
		if s > 0 {
			used++
		}
	}
	if used != nRows {
		return nil, fmt.Errorf("%w: the index of keys holds %d rows of %d", errTableFile, used, nRows)
	}
	for i := range rows {
		r := &rows[i]
		if uint64(r.relAt)+uint64(r.relLen) > nRels || uint64(r.peaksAt)+uint64(r.nPeaks) > nPeaks {
			return nil, fmt.Errorf("%w: a row points outside the file", errTableFile)
		}
		t.relsUsed += int(r.relLen)
		t.peaksUsed += int(r.nPeaks)
	}
	for _, p := range peaks {
		if int(p.Peak) >= len(peakIDs) {
			return nil, fmt.Errorf("%w: an unknown peak", errTableFile)
		}
	}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	if !t.withOrder(newest) {
		return nil, fmt.Errorf("%w: bad order", errTableFile)
	}
	return t, nil
}

// aligned returns b, or a copy of it, starting at an address that is a multiple of 8.
func aligned(b []byte) []byte {
	if len(b) == 0 || uintptr(unsafe.Pointer(&b[0]))%8 == 0 {
		return b
	}
	words := make([]uint64, (len(b)+7)/8)
	out := bytesOf(words)[:len(b)]
	copy(out, b)
	return out
}

// decoder reads little-endian values from a buffer, remembering the first overrun.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) take(n int) []byte {
	if d.bad || n < 0 || n > len(d.b) {
		d.bad = true
		return make([]byte, max(n, 0))
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) u8() byte     { return d.take(1)[0] }
func (d *decoder) u16() uint16  { return binary.LittleEndian.Uint16(d.take(2)) }
func (d *decoder) u32() uint32  { return binary.LittleEndian.Uint32(d.take(4)) }
func (d *decoder) u64() uint64  { return binary.LittleEndian.Uint64(d.take(8)) }
func (d *decoder) f32() float32 { return math.Float32frombits(d.u32()) }
func (d *decoder) f64() float64 { return math.Float64frombits(d.u64()) }

// count reads a count of items of at least size bytes each, refusing one the rest of the buffer cannot hold.
func (d *decoder) count(size int) int {
	n := int(d.u32())
	if n*size > len(d.b) {
		d.bad = true
		return 0
	}
	return n
}

// rowFixed is the size of a log record's row's fixed part: key, size, mod time, local time, lat, lon (8
// bytes each), heading, field of view (4 each), flags, peak count (1 each), path length (2).
const rowFixed = 6*8 + 2*4 + 2 + 2

func appendRowFixed(b []byte, r *looseRow) []byte {
	le := binary.LittleEndian
	b = le.AppendUint64(b, r.Key)
	b = le.AppendUint64(b, uint64(r.Size))
	b = le.AppendUint64(b, uint64(r.ModTime))
	b = le.AppendUint64(b, uint64(r.LocalMs))
	b = le.AppendUint64(b, math.Float64bits(r.Lat))
	b = le.AppendUint64(b, math.Float64bits(r.Lon))
	b = le.AppendUint32(b, math.Float32bits(r.Heading))
	b = le.AppendUint32(b, math.Float32bits(r.FOV))
	var flags byte
	if r.Embedded {
		flags |= flagEmbedded
	}
	if r.HasTime {
		flags |= flagTime
	}
	if r.HasGPS {
		flags |= flagGPS
	}
	b = append(b, flags, byte(len(r.Peaks)))
	return le.AppendUint16(b, uint16(len(r.Rel)))
}

// rowFixed reads a row's fixed part; it returns the row, its peak count and its path length.
func (d *decoder) rowFixed() (r looseRow, peaks, rel int) {
	r.Key = d.u64()
	r.Size = int64(d.u64())
	r.ModTime = int64(d.u64())
	r.LocalMs = int64(d.u64())
	r.Lat, r.Lon = d.f64(), d.f64()
	r.Heading, r.FOV = d.f32(), d.f32()
	flags := d.u8()
	r.Embedded, r.HasTime, r.HasGPS = flags&flagEmbedded != 0, flags&flagTime != 0, flags&flagGPS != 0
	peaks = int(d.u8())
	rel = int(d.u16())
	return r, peaks, rel
}

// tableWrite is one write to the metadata index as the log records it.
type tableWrite struct {
	gen  uint64
	puts []looseRow
	dels []uint64
}

// encodeWrite encodes rows put (their peaks by id, so the log needs no interning table) and keys removed at
// generation gen as one log record: length, checksum, payload.
func (t *photoTable) encodeWrite(gen uint64, puts []looseRow, dels []uint64) []byte {
	le := binary.LittleEndian
	p := make([]byte, 0, 16+len(puts)*(rowFixed+64)+len(dels)*8)
	p = le.AppendUint64(p, gen)
	p = le.AppendUint32(p, uint32(len(puts)))
	for i := range puts {
		r := &puts[i]
		p = appendRowFixed(p, r)
		p = append(p, r.Rel...)
		for _, pk := range r.Peaks {
			id := t.peakIDs[pk.Peak]
			p = le.AppendUint16(p, uint16(len(id)))
			p = append(p, id...)
			p = le.AppendUint32(p, math.Float32bits(pk.Score))
		}
	}
	p = le.AppendUint32(p, uint32(len(dels)))
	for _, k := range dels {
		p = le.AppendUint64(p, k)
	}
	rec := le.AppendUint32(make([]byte, 0, 8+len(p)), uint32(len(p)))
	rec = le.AppendUint32(rec, crc32.Checksum(p, castagnoli))
	return append(rec, p...)
}

// replayLog applies the records of the log that continue the table's generation one by one, and returns
// the length of the log's readable part: a record cut short or damaged ends it.
func (t *photoTable) replayLog(data []byte) int {
	good := 0
	for len(data)-good >= 8 {
		n := int(binary.LittleEndian.Uint32(data[good:]))
		sum := binary.LittleEndian.Uint32(data[good+4:])
		if n > len(data)-good-8 || crc32.Checksum(data[good+8:good+8+n], castagnoli) != sum {
			break
		}
		w, ok := t.decodeWrite(data[good+8 : good+8+n])
		if !ok {
			break
		}
		switch {
		case w.gen <= t.gen: // written before the snapshot was
		case w.gen == t.gen+1:
			t.putRows(w.puts)
			t.removeRows(w.dels)
			t.gen = w.gen
		default:
			t.settle()
			return good // a write is missing: the table stays behind and is rebuilt
		}
		good += 8 + n
	}
	t.settle()
	return good
}

// decodeWrite reads one log record's payload, interning its peaks; the caller holds t.mu for writing.
func (t *photoTable) decodeWrite(p []byte) (tableWrite, bool) {
	d := &decoder{b: p}
	w := tableWrite{gen: d.u64()}
	w.puts = make([]looseRow, d.count(rowFixed))
	for i := range w.puts {
		r, n, rel := d.rowFixed()
		r.Rel = string(d.take(rel))
		for range n {
			id := string(d.take(int(d.u16())))
			r.Peaks = append(r.Peaks, rowPeak{Peak: t.intern(id), Score: d.f32()})
		}
		w.puts[i] = r
	}
	w.dels = make([]uint64, d.count(8))
	for i := range w.dels {
		w.dels[i] = d.u64()
	}
	return w, !d.bad && len(d.b) == 0
}

// appendFile appends data to the file at path, creating it.
func appendFile(path string, data []byte) (int64, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return 0, err
	}
	_, werr := f.Write(data)
	end, serr := f.Seek(0, io.SeekEnd)
	if err := errors.Join(werr, serr, f.Close()); err != nil {
		return 0, err
	}
	return end, nil
}
