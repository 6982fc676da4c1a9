//go:build race

package testenv

// Race is true when the tests were built with the race detector.
const Race = true
