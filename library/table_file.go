package library

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
)

// The photo table on disk is a snapshot (tableFile) and a log of the writes since (tableLog). Every write to
// the metadata index appends one record to the log, stamped with the index's generation after that write;
// when the log outgrows a quarter of the snapshot, the table is written afresh and the log emptied. Reading
// is decoding: strings and peak lists point into one buffer each, and the order newest first is stored, so
// a million rows load in a fraction of a second without a sort.
const (
	tableFile = "table.bin"
	tableLog  = "table.log"
	// tableGob is the cache file of earlier versions, read once as the last good copy.
	tableGob = "table.gob"
)

// tableMagic and tableVersion head the snapshot; the version changes whenever the encoding does.
const (
	tableMagic   = "CAIRNTAB"
	tableVersion = 6
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errTableFile says a cache file cannot be read: it is then rebuilt from the metadata index.
var errTableFile = errors.New("unreadable photo table")

// rowFixed is the size of a row's fixed part: key, size, mod time, local time, lat, lon (8 bytes each),
// heading, field of view (4 each), flags, peak count (1 each), path length (2).
const rowFixed = 6*8 + 2*4 + 2 + 2

const (
	flagEmbedded = 1 << iota
	flagTime
	flagGPS
)

func appendRowFixed(b []byte, r *tableRow) []byte {
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
	out := d.b[:n]
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

// rowFixed reads a row's fixed part; it returns the row, its peak count and its path length.
func (d *decoder) rowFixed() (r tableRow, peaks, rel int) {
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

// encodeSnapshot encodes the table whole; the caller holds t.mu and the order is settled.
func (t *photoTable) encodeSnapshot() []byte {
	le := binary.LittleEndian
	b := make([]byte, 0, 64+len(t.rows)*(rowFixed+48))
	b = append(b, tableMagic...)
	b = le.AppendUint32(b, tableVersion)
	b = le.AppendUint64(b, t.gen)
	b = le.AppendUint32(b, uint32(len(t.peakIDs)))
	for _, id := range t.peakIDs {
		b = le.AppendUint16(b, uint16(len(id)))
		b = append(b, id...)
	}
	b = le.AppendUint32(b, uint32(len(t.rows)))
	rels, peaks := 0, 0
	for i := range t.rows {
		b = appendRowFixed(b, &t.rows[i])
		rels += len(t.rows[i].Rel)
		peaks += len(t.rows[i].Peaks)
	}
	b = le.AppendUint32(b, uint32(rels))
	for i := range t.rows {
		b = append(b, t.rows[i].Rel...)
	}
	b = le.AppendUint32(b, uint32(peaks))
	for i := range t.rows {
		for _, p := range t.rows[i].Peaks {
			b = le.AppendUint16(b, p.Peak)
			b = le.AppendUint32(b, math.Float32bits(p.Score))
		}
	}
	for _, r := range t.newest {
		b = le.AppendUint32(b, uint32(r))
	}
	return le.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// decodeSnapshot reads a table written by encodeSnapshot. Paths and peak lists share one buffer each, so a
// million rows cost three allocations and the map of keys.
func decodeSnapshot(data []byte) (*photoTable, error) {
	if len(data) < len(tableMagic)+16 || string(data[:len(tableMagic)]) != tableMagic {
		return nil, fmt.Errorf("%w: not a table file", errTableFile)
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errTableFile)
	}
	d := &decoder{b: body[len(tableMagic):]}
	if v := d.u32(); v != tableVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", errTableFile, v, tableVersion)
	}
	gen := d.u64()
	peakIDs := make([]string, d.count(2))
	for i := range peakIDs {
		peakIDs[i] = string(d.take(int(d.u16())))
	}
	rows := make([]tableRow, d.count(rowFixed))
	npeaks := make([]uint8, len(rows))
	rels := make([]uint16, len(rows))
	for i := range rows {
		r, n, rel := d.rowFixed()
		rows[i], npeaks[i], rels[i] = r, uint8(n), uint16(rel)
	}
	relBlob := string(d.take(d.count(1)))
	at := 0
	for i := range rows {
		end := at + int(rels[i])
		if end > len(relBlob) {
			return nil, fmt.Errorf("%w: paths cut short", errTableFile)
		}
		rows[i].Rel = relBlob[at:end]
		at = end
	}
	peaks := make([]rowPeak, d.count(6))
	for i := range peaks {
		peaks[i] = rowPeak{Peak: d.u16(), Score: d.f32()}
		if int(peaks[i].Peak) >= len(peakIDs) {
			d.bad = true
		}
	}
	at = 0
	for i := range rows {
		end := at + int(npeaks[i])
		if end > len(peaks) {
			return nil, fmt.Errorf("%w: peaks cut short", errTableFile)
		}
		if end > at {
			rows[i].Peaks = peaks[at:end:end]
		}
		at = end
	}
	newest := make([]int32, len(rows))
	for i := range newest {
		newest[i] = int32(d.u32())
	}
	if d.bad || len(d.b) != 0 {
		return nil, fmt.Errorf("%w: cut short", errTableFile)
	}
	t := &photoTable{rows: rows, at: make(map[uint64]int, len(rows)), peakIDs: peakIDs,
		peakAt: make(map[string]uint16, len(peakIDs)), gen: gen}
	for i := range rows {
		t.at[rows[i].Key] = i
	}
	if len(t.at) != len(rows) {
		return nil, fmt.Errorf("%w: a photo twice", errTableFile)
	}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	if !t.withOrder(newest) {
		return nil, fmt.Errorf("%w: bad order", errTableFile)
	}
	return t, nil
}

// tableWrite is one write to the metadata index as the log records it.
type tableWrite struct {
	gen  uint64
	puts []tableRow
	dels []uint64
}

// encodeWrite encodes rows put (their peaks by id, so the log needs no interning table) and keys removed at
// generation gen as one log record: length, checksum, payload.
func (t *photoTable) encodeWrite(gen uint64, puts []tableRow, dels []uint64) []byte {
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
	w.puts = make([]tableRow, d.count(rowFixed))
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
