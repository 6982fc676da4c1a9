// Package app holds Cairn's two front ends, the Fyne window and the command line.
package app

import "fmt"

// Main runs Cairn with the given arguments and returns the process exit code.
func Main(args []string) int {
	fmt.Println("cairn: not yet")
	return 0
}
