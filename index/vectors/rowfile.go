package vectors

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"sync"
	"unsafe"

	"github.com/blevesearch/mmap-go"
)

// rowFile is the vector file: a checksummed header page, then contiguous little-endian float32 rows
// of dim values, memory-mapped read-write. The file is grown in doubling steps so the mapping
// rarely moves. Rows are only trusted up to the slot count in the committed metadata; anything
// beyond it may be garbage after a crash and is ignored.
type rowFile struct {
	path string
	dim  int
	f    *os.File
	// mapMu keeps the mapping in place while sync flushes it outside the Index's lock; grow and
	// close, which move or drop the mapping, wait for it.
	mapMu    sync.RWMutex
	m        mmap.MMap
	data     []float32 // the rows, a view of m past the header
	rowsCap  int
	readOnly bool // mapped for reading only
}

const (
	rowMagic   = "CRNVEC01"
	headerSize = 4096 // one page, so rows stay page- and SIMD-aligned
	minRows    = 1024
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func rowHeader(dim int, gen uint64) []byte {
	b := make([]byte, 0, 28)
	b = append(b, rowMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(dim))
	b = binary.LittleEndian.AppendUint64(b, gen)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// createRowFile makes an empty vector file for generation gen, replacing any leftover.
func createRowFile(path string, dim int, gen uint64, rows int) (*rowFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create vector file %s: %w", path, err)
	}
	if _, err := f.WriteAt(rowHeader(dim, gen), 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("write vector file header %s: %w", path, err)
	}
	r := &rowFile{path: path, dim: dim, f: f}
	if err := r.grow(max(rows, minRows)); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// openRowFile maps an existing vector file after checking its header; it must hold at least rows rows.
// Read-only, the file is opened and mapped for reading only.
func openRowFile(path string, dim int, gen uint64, rows int, readOnly bool) (*rowFile, error) {
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, fmt.Errorf("open vector file: %w", err)
	}
	want := rowHeader(dim, gen)
	got := make([]byte, len(want))
	if _, err := f.ReadAt(got, 0); err != nil || string(got) != string(want) {
		f.Close()
		return nil, fmt.Errorf("vector file %s: header does not match dim %d generation %d", path, dim, gen)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stat vector file %s: %w", path, err)
	}
	have := int((info.Size() - headerSize) / int64(4*dim))
	if have < rows {
		f.Close()
		return nil, fmt.Errorf("vector file %s holds %d rows, metadata needs %d", path, have, rows)
	}
	r := &rowFile{path: path, dim: dim, f: f, readOnly: readOnly}
	if err := r.mapRows(have); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// grow makes room for at least rows rows, remapping the file. Callers must hold off readers.
func (r *rowFile) grow(rows int) error {
	if rows <= r.rowsCap {
		return nil
	}
	rows = max(rows, 2*r.rowsCap, minRows)
	r.mapMu.Lock()
	defer r.mapMu.Unlock()
	if err := r.unmap(); err != nil {
		return err
	}
	if err := r.f.Truncate(headerSize + int64(rows)*int64(4*r.dim)); err != nil {
		return fmt.Errorf("grow vector file %s: %w", r.path, err)
	}
	return r.mapRows(rows)
}

func (r *rowFile) mapRows(rows int) error {
	prot := mmap.RDWR
	if r.readOnly {
		prot = mmap.RDONLY
	}
	m, err := mmap.MapRegion(r.f, headerSize+rows*4*r.dim, prot, 0, 0)
	if err != nil {
		return fmt.Errorf("map vector file %s: %w", r.path, err)
	}
	r.m = m
	r.data = unsafe.Slice((*float32)(unsafe.Pointer(&m[headerSize])), rows*r.dim)
	r.rowsCap = rows
	return nil
}

func (r *rowFile) unmap() error {
	if r.m == nil {
		return nil
	}
	r.data = nil
	err := r.m.Unmap()
	r.m = nil
	if err != nil {
		return fmt.Errorf("unmap vector file %s: %w", r.path, err)
	}
	return nil
}

// row returns the mapped memory of one row; writes to it land in the file.
func (r *rowFile) row(slot uint32) []float32 {
	i := int(slot) * r.dim
	return r.data[i : i+r.dim : i+r.dim]
}

// sync makes every row written so far durable.
func (r *rowFile) sync() error {
	r.mapMu.RLock()
	defer r.mapMu.RUnlock()
	if err := r.m.Flush(); err != nil {
		return fmt.Errorf("sync vector file %s: %w", r.path, err)
	}
	return nil
}

func (r *rowFile) close() error {
	r.mapMu.Lock()
	defer r.mapMu.Unlock()
	err := r.unmap()
	if cerr := r.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close vector file %s: %w", r.path, cerr)
	}
	return err
}
