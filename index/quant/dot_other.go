//go:build !amd64

package quant

func dot(a, b []int8) int32 { return dotGeneric(a, b) }

// Prefetch is a hint only amd64 acts on.
func Prefetch([]int8) {}
