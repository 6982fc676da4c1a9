// Command packtiles packs SRTM .hgt tiles into the compact form Cairn bundles in its binary
// (assets/terrain): go run ./library/terrain/packtiles -out assets/terrain ../shared/testdata/dem/*.hgt
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cairn-photos/cairn/library/terrain"
)

func main() {
	out := flag.String("out", "assets/terrain", "folder to write NAME"+terrain.PackedExt+" files into")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: packtiles -out DIR FILE.hgt...")
		os.Exit(2)
	}
	for _, path := range flag.Args() {
		raw, err := os.ReadFile(path)
		if err == nil {
			var packed []byte
			if packed, err = terrain.PackTile(raw); err == nil {
				name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + terrain.PackedExt
				err = os.WriteFile(filepath.Join(*out, name), packed, 0o644)
				fmt.Printf("%s: %d → %d bytes\n", name, len(raw), len(packed))
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "packtiles %s: %v\n", path, err)
			os.Exit(1)
		}
	}
}
