package mapview

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"golang.org/x/image/draw"
)

// TileSource is a raster layer in Web Mercator tiles, numbered as slippy maps number them (XYZ: y counts
// from the north). The map draws it from a background goroutine as well, so it must be safe for concurrent
// use.
type TileSource interface {
	// Tile returns the tile at (z, x, y), or nil where the layer has none.
	Tile(z, x, y int) (image.Image, error)
	// Zooms is the range of zoom levels the layer has tiles for.
	Zooms() (lo, hi int)
}

// drawTiles paints a tiled layer at the tile zoom closest to the view's pixel density, scaling tiles up
// beyond the layer's deepest level and skipping the layer when even its shallowest tiles would be smaller
// than a thumbnail, which would mean thousands of reads per frame. Tiles are drawn over what is there, so a
// translucent layer (a hillshade) shades it.
func drawTiles(p *painter, ts TileSource) {
	worldPx := p.k
	z := int(math.Round(math.Log2(worldPx / tileSize)))
	lo, hi := ts.Zooms()
	z = max(lo, min(hi, z))
	n := 1 << z
	tilePx := worldPx / float64(n)
	if tilePx < 32 {
		return
	}
	view := p.worldBox()
	x0, x1 := clampTile(view.minX, n), clampTile(view.maxX, n)
	y0, y1 := clampTile(view.minY, n), clampTile(view.maxY, n)
	for ty := y0; ty <= y1; ty++ {
		for tx := x0; tx <= x1; tx++ {
			img, err := ts.Tile(z, tx, ty)
			if err != nil {
				fyne.LogError("map: raster layer", err)
				continue
			}
			if img == nil {
				continue
			}
			a := p.at(float64(tx)/float64(n), float64(ty)/float64(n))
			b := p.at(float64(tx+1)/float64(n), float64(ty+1)/float64(n))
			// Rounding both corners the same way makes neighbouring tiles meet without seams.
			dr := image.Rect(int(math.Round(a.x)), int(math.Round(a.y)), int(math.Round(b.x)), int(math.Round(b.y)))
			draw.ApproxBiLinear.Scale(p.img, dr, img, img.Bounds(), draw.Over, nil)
		}
	}
}

func clampTile(w float64, n int) int {
	return max(0, min(n-1, int(math.Floor(w*float64(n)))))
}
