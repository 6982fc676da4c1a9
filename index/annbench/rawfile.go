package main

import (
	"fmt"
	"os"
	"unsafe"

	"github.com/blevesearch/mmap-go"
	"github.com/cairn-photos/cairn/index/vectors"
)

// mappedRows maps a raw little-endian float32 file read-only. The caller unmaps it.
func mappedRows(path string, dim int) (vectors.Matrix, mmap.MMap, error) {
	f, err := os.Open(path)
	if err != nil {
		return vectors.Matrix{}, nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return vectors.Matrix{}, nil, fmt.Errorf("stat %s: %w", path, err)
	}
	if info.Size() == 0 || info.Size()%int64(4*dim) != 0 {
		return vectors.Matrix{}, nil, fmt.Errorf("%s: size %d is not a whole number of %d-d float32 rows", path, info.Size(), dim)
	}
	m, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		return vectors.Matrix{}, nil, fmt.Errorf("map %s: %w", path, err)
	}
	data := unsafe.Slice((*float32)(unsafe.Pointer(&m[0])), len(m)/4)
	return vectors.Matrix{Dim: dim, Data: data}, m, nil
}
