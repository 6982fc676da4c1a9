package quant

import "golang.org/x/sys/cpu"

var hasAVX2 = cpu.X86.HasAVX2

// dotAVX2 is the dot product of the first n bytes of a and b; n is a multiple of 16.
//
//go:noescape
func dotAVX2(a, b *int8, n int) int32

func dot(a, b []int8) int32 {
	n := len(a) &^ 15
	if !hasAVX2 || n == 0 {
		return dotGeneric(a, b)
	}
	return dotAVX2(&a[0], &b[0], n) + dotGeneric(a[n:], b[n:len(a)])
}

//go:noescape
func prefetch(p *int8, n int)

// Prefetch asks the CPU to start loading code into its cache, so that a dot product with it a little
// later does not wait for memory: a graph walk knows a node's neighbours before it scores them.
func Prefetch(code []int8) {
	if len(code) > 0 {
		prefetch(&code[0], len(code))
	}
}
