package assets

import (
	"embed"
	"fmt"
	"io/fs"
)

// TerrainCredit is the attribution the bundled terrain tiles require.
const TerrainCredit = "SRTM (NASA/USGS), void-filled"

// terrainFiles holds the bundled terrain tiles, packed (see terrain/CREDIT.md).
//
//go:embed terrain/*.hgtpack
var terrainFiles embed.FS

// TerrainTiles returns the bundled terrain tiles (NAME.hgtpack at its root) as a read-only file system.
func TerrainTiles() (fs.FS, error) {
	sub, err := fs.Sub(terrainFiles, "terrain")
	if err != nil {
		return nil, fmt.Errorf("bundled terrain tiles: %w", err)
	}
	return sub, nil
}
