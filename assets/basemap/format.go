package basemap

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The file is gzip over a stream of unsigned varints:
//
//	magic "CAIRNBM1"
//	layer count, then per layer: ring count, then per ring: point count and the points
//
// Points are Web Mercator world coordinates quantised to a 2^grid lattice and stored as zigzag deltas from the
// previous point of the same ring, so most take one or two bytes before compression.
const (
	magic = "CAIRNBM1"
	grid  = 22
)

// Point is a Web Mercator world coordinate: X from 0 (180° W) to 1 (180° E), Y from 0 (85.05° N) to 1
// (85.05° S), the plane that slippy-map tiles cut up.
type Point struct{ X, Y float64 }

// Layers is the decoded basemap.
type Layers struct {
	// Land holds closed rings (the last point is not repeated). Outer rings have a positive signed area in
	// world coordinates (y down), holes a negative one, so a fill that sums signed coverage leaves holes empty.
	Land [][]Point
	// Borders holds open polylines along land borders between countries.
	Borders [][]Point
}

// Encode writes layers in the basemap format.
func Encode(w io.Writer, l Layers) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("basemap: gzip writer: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	bw.WriteString(magic)
	layers := [][][]Point{l.Land, l.Borders}
	put(uint64(len(layers)))
	for _, rings := range layers {
		put(uint64(len(rings)))
		for _, ring := range rings {
			put(uint64(len(ring)))
			var px, py int64
			for _, p := range ring {
				x, y := quantise(p.X), quantise(p.Y)
				put(zigzag(x - px))
				put(zigzag(y - py))
				px, py = x, y
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("basemap: write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("basemap: close gzip: %w", err)
	}
	return nil
}

// Decode reads layers written by Encode.
func Decode(data []byte) (Layers, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return Layers{}, fmt.Errorf("basemap: gzip: %w", err)
	}
	r := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return Layers{}, errors.New("basemap: not a basemap file (bad magic)")
	}
	var readErr error
	get := func() uint64 {
		v, err := binary.ReadUvarint(r)
		if err != nil && readErr == nil {
			readErr = err
		}
		return v
	}
	// Counts are bounded so a corrupt file cannot ask for an absurd allocation.
	const maxCount = 1 << 24
	nLayers := get()
	if nLayers != 2 {
		return Layers{}, fmt.Errorf("basemap: %d layers, want 2", nLayers)
	}
	layers := make([][][]Point, nLayers)
	for i := range layers {
		nRings := get()
		if readErr != nil || nRings > maxCount {
			return Layers{}, fmt.Errorf("basemap: layer %d: bad ring count: %v", i, readErr)
		}
		rings := make([][]Point, nRings)
		for j := range rings {
			n := get()
			if readErr != nil || n > maxCount {
				return Layers{}, fmt.Errorf("basemap: layer %d ring %d: bad point count: %v", i, j, readErr)
			}
			ring := make([]Point, n)
			var x, y int64
			for k := range ring {
				x += unzigzag(get())
				y += unzigzag(get())
				ring[k] = Point{X: float64(x) / (1 << grid), Y: float64(y) / (1 << grid)}
			}
			rings[j] = ring
		}
		if readErr != nil {
			return Layers{}, fmt.Errorf("basemap: layer %d: %w", i, readErr)
		}
		layers[i] = rings
	}
	return Layers{Land: layers[0], Borders: layers[1]}, nil
}

func quantise(v float64) int64 { return int64(math.Round(v * (1 << grid))) }

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
