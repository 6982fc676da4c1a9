// Command testmodel writes the tiny colour model (Immich layout) for trying Cairn without real weights:
//
//	go run ./library/model/testmodel -out testdata/models/tiny-color
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

func main() {
	out := flag.String("out", "testdata/models/"+tinymodel.Name, "directory to write the model to")
	flag.Parse()
	if err := tinymodel.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "testmodel:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}
