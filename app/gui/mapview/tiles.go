package mapview

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"golang.org/x/image/draw"
)

// drawTiles paints the raster layer at the tile zoom closest to the view's pixel density, scaling tiles up
// beyond the file's deepest level and skipping the layer when even its shallowest tiles would be smaller than
// a thumbnail, which would mean thousands of reads per frame.
func (s *scene) drawTiles(p *painter) {
	ts := s.tiles
	worldPx := p.k
	z := int(math.Round(math.Log2(worldPx / tileSize)))
	z = max(ts.minZoom, min(ts.maxZoom, z))
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
			img, err := ts.tile(z, tx, ty)
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
