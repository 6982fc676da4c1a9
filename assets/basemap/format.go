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
	// Inflating in one go and reading varints from the slice is several times faster than a byte reader.
	raw, err := io.ReadAll(zr)
	if err != nil {
		return Layers{}, fmt.Errorf("basemap: inflate: %w", err)
	}
	if len(raw) < len(magic) || string(raw[:len(magic)]) != magic {
		return Layers{}, errors.New("basemap: not a basemap file (bad magic)")
	}
	raw = raw[len(magic):]
	bad := false
	get := func() uint64 {
		v, n := binary.Uvarint(raw)
		if n <= 0 {
			bad, raw = true, nil
			return 0
		}
		raw = raw[n:]
		return v
	}
	// Counts are bounded by what is left to read, so a corrupt file cannot ask for an absurd allocation.
	count := func() (int, bool) {
		n := get()
		return int(n), !bad && n <= uint64(len(raw))
	}
	if n := get(); n != 2 {
		return Layers{}, fmt.Errorf("basemap: %d layers, want 2", n)
	}
	var layers [2][][]Point
	for i := range layers {
		nRings, ok := count()
		if !ok {
			return Layers{}, fmt.Errorf("basemap: layer %d: bad ring count", i)
		}
		rings := make([][]Point, nRings)
		for j := range rings {
			n, ok := count()
			if !ok {
				return Layers{}, fmt.Errorf("basemap: layer %d ring %d: bad point count", i, j)
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
		if bad {
			return Layers{}, fmt.Errorf("basemap: layer %d: truncated", i)
		}
		layers[i] = rings
	}
	return Layers{Land: layers[0], Borders: layers[1]}, nil
}

func quantise(v float64) int64 { return int64(math.Round(v * (1 << grid))) }

func zigzag(v int64) uint64 { return uint64(v<<1) ^ uint64(v>>63) }

func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }
