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

// rowFile is a file of fixed-size rows after a header page, memory-mapped read-write: the vector file
// (float32 rows) and its int8 copy (codes.go) are both one. The file is grown in doubling steps so the
// mapping rarely moves. Rows are only trusted up to the slot count in the committed metadata; anything
// beyond it may be garbage after a crash and is ignored.
type rowFile struct {
	path    string
	rowSize int // bytes
	f       *os.File
	// mapMu keeps the mapping in place while sync flushes it outside the Index's lock; grow and
	// close, which move or drop the mapping, wait for it.
	mapMu    sync.RWMutex
	m        mmap.MMap
	rowsCap  int
	readOnly bool // mapped for reading only
}

const (
	rowMagic   = "CRNVEC01"
	headerSize = 4096 // one page, so rows stay page- and SIMD-aligned
	minRows    = 1024
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// rowHeader is the vector file's header.
func rowHeader(dim int, gen uint64) []byte {
	b := make([]byte, 0, 28)
	b = append(b, rowMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(dim))
	b = binary.LittleEndian.AppendUint64(b, gen)
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func rowFileName(gen uint64) string { return fmt.Sprintf("vectors.%d.f32", gen) }

// createVectorFile makes an empty vector file of dim-d float32 rows for generation gen.
func createVectorFile(path string, dim int, gen uint64, rows int) (*rowFile, error) {
	return createRowFile(path, rowHeader(dim, gen), 4*dim, rows)
}

// openVectorFile maps an existing vector file after checking its header; it must hold at least rows rows.
func openVectorFile(path string, dim int, gen uint64, rows int, readOnly bool) (*rowFile, error) {
	r, err := openRowFile(path, 4*dim, readOnly)
	if err != nil {
		return nil, err
	}
	if want := rowHeader(dim, gen); string(r.header(len(want))) != string(want) {
		r.close()
		return nil, fmt.Errorf("vector file %s: header does not match dim %d generation %d", path, dim, gen)
	}
	if r.rowsCap < rows {
		r.close()
		return nil, fmt.Errorf("vector file %s holds %d rows, metadata needs %d", path, r.rowsCap, rows)
	}
	return r, nil
}

// createRowFile makes a file of rows of rowSize bytes starting with header, replacing any leftover.
func createRowFile(path string, header []byte, rowSize, rows int) (*rowFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := f.WriteAt(header, 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("write header of %s: %w", path, err)
	}
	r := &rowFile{path: path, rowSize: rowSize, f: f}
	if err := r.grow(max(rows, minRows)); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// openRowFile maps an existing file of rows of rowSize bytes, as many whole rows as it holds; the caller
// checks the header. Read-only, the file is opened and mapped for reading only.
func openRowFile(path string, rowSize int, readOnly bool) (*rowFile, error) {
	flag := os.O_RDWR
	if readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(path, flag, 0)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if info.Size() < headerSize {
		f.Close()
		return nil, fmt.Errorf("%s is shorter than its header", path)
	}
	r := &rowFile{path: path, rowSize: rowSize, f: f, readOnly: readOnly}
	if err := r.mapRows(int((info.Size() - headerSize) / int64(rowSize))); err != nil {
		f.Close()
		return nil, err
	}
	return r, nil
}

// header returns the first n bytes of the mapped header page.
func (r *rowFile) header(n int) []byte { return r.m[:n] }

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
	if err := r.f.Truncate(headerSize + int64(rows)*int64(r.rowSize)); err != nil {
		return fmt.Errorf("grow %s: %w", r.path, err)
	}
	return r.mapRows(rows)
}

func (r *rowFile) mapRows(rows int) error {
	prot := mmap.RDWR
	if r.readOnly {
		prot = mmap.RDONLY
	}
	m, err := mmap.MapRegion(r.f, headerSize+rows*r.rowSize, prot, 0, 0)
	if err != nil {
		return fmt.Errorf("map %s: %w", r.path, err)
	}
	r.m = m
	r.rowsCap = rows
	return nil
}

func (r *rowFile) unmap() error {
	if r.m == nil {
		return nil
	}
	err := r.m.Unmap()
	r.m = nil
	if err != nil {
		return fmt.Errorf("unmap %s: %w", r.path, err)
	}
	return nil
}

// row returns the mapped memory of one row; writes to it land in the file.
func (r *rowFile) row(slot uint32) []byte {
	i := headerSize + int(slot)*r.rowSize
	return r.m[i : i+r.rowSize : i+r.rowSize]
}

// floats returns a row of the vector file as its float32 values.
func (r *rowFile) floats(slot uint32) []float32 {
	b := r.row(slot)
	return unsafe.Slice((*float32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
}

// sync makes every row written so far durable.
func (r *rowFile) sync() error {
	r.mapMu.RLock()
	defer r.mapMu.RUnlock()
	if err := r.m.Flush(); err != nil {
		return fmt.Errorf("sync %s: %w", r.path, err)
	}
	return nil
}

func (r *rowFile) close() error {
	r.mapMu.Lock()
	defer r.mapMu.Unlock()
	err := r.unmap()
	if cerr := r.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close %s: %w", r.path, cerr)
	}
	return err
}
