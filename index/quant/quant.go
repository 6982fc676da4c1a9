// Package quant is the scalar quantization of unit vectors to int8 and the dot product of the codes.
//
// Each vector gets its own scale, max|x|/127, and codes round(x/scale): nothing depends on other vectors,
// so a code never goes stale when vectors are added. A 768-d code is 768 bytes instead of 3,072, so a
// scan reads a quarter of the memory; the dot product of two codes times both scales approximates the
// float dot product within about 1e-3 for unit vectors (see the tests), close enough to rank candidates
// that are then rescored with the float vectors.
package quant

import "math"

// Quantize writes the int8 code of x into code (len(code) ≥ len(x)) and returns its scale, so that
// x[i] ≈ scale·code[i]. A vector of zeros, or with an infinite value, has scale 0 and zero codes; NaN values
// give undefined codes (the index refuses such vectors).
func Quantize(code []int8, x []float32) float32 {
	code = code[:len(x)]
	var m float32
	for _, v := range x { // not the builtin max, whose care for NaN makes this loop seven times slower
		if a := math.Float32frombits(math.Float32bits(v) &^ (1 << 31)); a > m {
			m = a
		}
	}
	inv := 127 / m
	if !(inv <= math.MaxFloat32) || m > math.MaxFloat32 { // zero or nearly (127/m overflows), or Inf
		clear(code)
		return 0
	}
	for i, v := range x {
		// Round to nearest: |v·inv| ≤ 127 (give or take a rounding error), so v·inv + 128.5 is positive and
		// the truncating conversion floors it, without a branch.
		code[i] = int8(int32(v*inv+128.5) - 128)
	}
	return m / 127
}

// Dot is the dot product of two int8 codes of the same length. The sum wraps around in int32 like
// the SIMD lanes do, which takes more than a million dimensions to matter.
func Dot(a, b []int8) int32 {
	if len(a) != len(b) {
		panic("quant: Dot of codes of different lengths")
	}
	return dot(a, b)
}

// dotGeneric is the portable Dot, and the reference the assembly is tested against.
func dotGeneric(a, b []int8) int32 {
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += int32(a[i]) * int32(b[i])
		s1 += int32(a[i+1]) * int32(b[i+1])
		s2 += int32(a[i+2]) * int32(b[i+2])
		s3 += int32(a[i+3]) * int32(b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}
