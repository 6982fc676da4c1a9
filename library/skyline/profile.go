// Package skyline finds the sky–terrain boundary of a photo, column by column, with classical image processing
// (colour, brightness, texture, vertical edges and a dynamic-programming path across the columns). The result,
// a Profile of a few hundred bytes, is stored with the photo so that aligning it with the rendered terrain
// horizon never decodes the photo again.
package skyline

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Profile is a photo's skyline: for each of len(Y) columns spread evenly over the upright photo's width, the
// row of the sky–terrain boundary and how much to trust it.
type Profile struct {
	// Width and Height are the size of the image the skyline was found in (the working resolution); their
	// ratio is the photo's aspect ratio.
	Width, Height int
	// Y is the boundary of column i (centred at x = (i+0.5)/len(Y) of the width) as a fraction of the height
	// from the top, NaN where the column shows no skyline (no sky, or no terrain).
	Y []float32
	// Conf is 0–1 per column: 0 where Y is NaN or the boundary is probably not the mountain skyline (a person,
	// a roof, a cloud edge), near 1 for a sharp edge between clear sky and terrain.
	Conf []float32
	// Informative is 0–1 for the whole photo: the share of the width with a trustworthy skyline. Night, fog,
	// cloud and photos without sky are near 0.
	Informative float32
}

// ReliableConf is the column confidence from which a column counts as reliable skyline.
const ReliableConf = 0.5

// X returns the centre of column i as a fraction of the width.
func (p Profile) X(i int) float64 { return (float64(i) + 0.5) / float64(len(p.Y)) }

// Reliable tells whether column i holds a skyline worth aligning to.
func (p Profile) Reliable(i int) bool {
	return !math.IsNaN(float64(p.Y[i])) && p.Conf[i] >= ReliableConf
}

// The binary form: "SKY1", width and height (uint16), informative (uint8, /255), the column count (uint16),
// then per column Y (uint16, fraction × 65534, 65535 for NaN) and Conf (uint8, /255). 256 columns take 779 bytes.
const (
	magic   = "SKY1"
	header  = len(magic) + 2 + 2 + 1 + 2
	yNaN    = math.MaxUint16
	yScale  = math.MaxUint16 - 1
	maxSide = math.MaxUint16
)

var errFormat = errors.New("not a skyline profile")

// MarshalBinary encodes the profile compactly (3 bytes a column).
func (p Profile) MarshalBinary() ([]byte, error) {
	if len(p.Y) != len(p.Conf) || len(p.Y) > math.MaxUint16 {
		return nil, fmt.Errorf("encode skyline: %d rows for %d confidences", len(p.Y), len(p.Conf))
	}
	if p.Width < 0 || p.Height < 0 || p.Width > maxSide || p.Height > maxSide {
		return nil, fmt.Errorf("encode skyline: size %d×%d out of range", p.Width, p.Height)
	}
	b := make([]byte, 0, header+3*len(p.Y))
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint16(b, uint16(p.Width))
	b = binary.LittleEndian.AppendUint16(b, uint16(p.Height))
	b = append(b, unit8(p.Informative))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(p.Y)))
	for i, y := range p.Y {
		v := uint16(yNaN)
		if !math.IsNaN(float64(y)) {
			v = uint16(math.Round(float64(min(max(y, 0), 1)) * yScale))
		}
		b = binary.LittleEndian.AppendUint16(b, v)
		b = append(b, unit8(p.Conf[i]))
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary made.
func (p *Profile) UnmarshalBinary(b []byte) error {
	if len(b) < header || string(b[:len(magic)]) != magic {
		return fmt.Errorf("decode skyline: %w", errFormat)
	}
	b = b[len(magic):]
	w, h := binary.LittleEndian.Uint16(b), binary.LittleEndian.Uint16(b[2:])
	info := b[4]
	n := int(binary.LittleEndian.Uint16(b[5:]))
	b = b[7:]
	if len(b) != 3*n {
		return fmt.Errorf("decode skyline: %w: %d bytes for %d columns", errFormat, len(b), n)
	}
	out := Profile{Width: int(w), Height: int(h), Informative: float32(info) / 255, Y: make([]float32, n), Conf: make([]float32, n)}
	for i := range n {
		v := binary.LittleEndian.Uint16(b[3*i:])
		out.Y[i] = float32(math.NaN())
		if v != yNaN {
			out.Y[i] = float32(v) / yScale
		}
		out.Conf[i] = float32(b[3*i+2]) / 255
	}
	*p = out
	return nil
}

// MarshalJSON stores the binary form as one base64 string (about 1 KB for 256 columns).
func (p Profile) MarshalJSON() ([]byte, error) {
	b, err := p.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "%q", base64.StdEncoding.EncodeToString(b)), nil
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (p *Profile) UnmarshalJSON(data []byte) error {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return fmt.Errorf("decode skyline: %w: not a JSON string", errFormat)
	}
	b, err := base64.StdEncoding.DecodeString(string(data[1 : len(data)-1]))
	if err != nil {
		return fmt.Errorf("decode skyline: %w", err)
	}
	return p.UnmarshalBinary(b)
}

// unit8 stores a 0–1 value in a byte.
func unit8(v float32) byte {
	if math.IsNaN(float64(v)) {
		return 0
	}
	return byte(math.Round(float64(min(max(v, 0), 1)) * 255))
}
