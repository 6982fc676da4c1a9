package vectors

import "github.com/cairn-photos/cairn/index/quant"

// Matrix is rows of Dim float32 values laid end to end in memory, as in a raw ann-benchmarks file.
type Matrix struct {
	Dim  int
	Data []float32
}

// Vector returns row slot without copying.
func (m Matrix) Vector(slot uint32) []float32 {
	i := int(slot) * m.Dim
	return m.Data[i : i+m.Dim : i+m.Dim]
}

// Len is the number of whole rows.
func (m Matrix) Len() int { return len(m.Data) / m.Dim }

// CodedMatrix is a Matrix with the int8 codes of its rows (package quant), as the index keeps them beside
// its vector file: searches and graphs over it score the codes and rescore with the floats.
type CodedMatrix struct {
	Matrix
	codes  []int8
	scales []float32
}

// NewCodedMatrix quantizes every row of m.
func NewCodedMatrix(m Matrix) *CodedMatrix {
	c := &CodedMatrix{Matrix: m, codes: make([]int8, len(m.Data)), scales: make([]float32, m.Len())}
	for i := range c.scales {
		c.scales[i] = quant.Quantize(c.codes[i*m.Dim:(i+1)*m.Dim], m.Vector(uint32(i)))
	}
	return c
}

// Code returns row slot's code and scale (hnsw.Codes).
func (c *CodedMatrix) Code(slot uint32) ([]int8, float32) {
	i := int(slot) * c.Dim
	return c.codes[i : i+c.Dim : i+c.Dim], c.scales[slot]
}

// PrefetchCode starts loading row slot's code into the cache (hnsw.Codes).
func (c *CodedMatrix) PrefetchCode(slot uint32) {
	i := int(slot) * c.Dim
	quant.Prefetch(c.codes[i : i+c.Dim])
}

// CodesReady is always true: every row was quantized up front.
func (c *CodedMatrix) CodesReady() bool { return true }
