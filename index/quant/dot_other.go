//go:build !amd64

package quant

func dot(a, b []int8) int32 { return dotGeneric(a, b) }
