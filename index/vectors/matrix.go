package vectors

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
