package library

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// The table's earlier files are read once as the last good copy, so that a library written by an earlier
// version answers its first query without reading every record back out of the metadata index.

// decodeSnapshotV6 reads a snapshot of version 6 (rows encoded one by one, one checksum).
func decodeSnapshotV6(data []byte) (*photoTable, error) {
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errTableFile)
	}
	d := &decoder{b: body[len(tableMagic)+4:]}
	gen := d.u64()
	peakIDs := make([]string, d.count(2))
	for i := range peakIDs {
		peakIDs[i] = string(d.take(int(d.u16())))
	}
	rows := make([]looseRow, d.count(rowFixed))
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
		rows[i].Peaks = peaks[at:end:end]
		at = end
	}
	newest := make([]int32, len(rows))
	for i := range newest {
		newest[i] = int32(d.u32())
	}
	if d.bad || len(d.b) != 0 {
		return nil, fmt.Errorf("%w: cut short", errTableFile)
	}
	t := &photoTable{peakIDs: peakIDs, peakAt: make(map[string]uint16, len(peakIDs)), gen: gen}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	t.putRows(rows)
	if len(t.rows) != len(rows) {
		return nil, fmt.Errorf("%w: a photo twice", errTableFile)
	}
	if !t.withOrder(newest) {
		return nil, fmt.Errorf("%w: bad order", errTableFile)
	}
	t.legacy = true
	return t, nil
}

// oldTable is the cache file of table version 5, gob-encoded.
type oldTable struct {
	Version    int
	Generation uint64
	Rows       []looseRow
	PeakIDs    []string
}

func (l *Library) readOldTable() *photoTable {
	data, err := os.ReadFile(filepath.Join(l.dir, tableGob))
	if err != nil {
		return nil
	}
	var c oldTable
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil || c.Version != 5 {
		return nil
	}
	t := newPhotoTable(c.Rows, c.PeakIDs)
	t.gen = c.Generation
	if !l.opt.ReadOnly && l.saveSnapshot(t) == nil {
		os.Remove(filepath.Join(l.dir, tableGob))
	}
	return t
}
