package terrain

import (
	"fmt"
	"image"
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// Box is a latitude–longitude rectangle in degrees.
type Box struct{ South, West, North, East float64 }

// HillshadeOptions tune Hillshade. The zero value is the cartographers' standard: light from the north-west
// (azimuth 315°) at 45° above the horizon, rows evenly spaced in latitude.
type HillshadeOptions struct {
	// Mercator spaces the image's rows evenly in Web Mercator y, as slippy maps (and Cairn's map) draw.
	Mercator bool
	// AzimuthDeg and AltitudeDeg place the light; 0 means the standard 315° and 45°.
	AzimuthDeg, AltitudeDeg float64
	// Exaggeration multiplies heights (0 means 1).
	Exaggeration float64
	// Overlay draws for laying over a map instead of a grey image: slopes turned from the light as black and
	// slopes facing it as white, each with an alpha that grows with how far it differs from flat ground, and
	// flat ground fully transparent.
	Overlay bool
}

// maxHillshadeTiles bounds the tiles one hillshade may decode: beyond, the view is too wide for 90 m terrain
// to shade anything visible, and decoding would take seconds.
const maxHillshadeTiles = 36

// Hillshade renders shaded relief for a box as a width×height image: grey from black (facing away from the
// light) to white (facing it), opaque where the DEM has data and transparent where it has none. Slopes come
// from Horn's 3×3 gradient of heights sampled at pixel centres. A tile that cannot be read is left transparent
// (Verify names it).
func (d *DEM) Hillshade(b Box, width, height int, opt HillshadeOptions) (*image.NRGBA, error) {
	if width <= 0 || height <= 0 || width*height > 1<<26 || !(b.North > b.South) || !(b.East > b.West) {
		return nil, fmt.Errorf("hillshade: %d×%d pixels over %+v is not an image", width, height, b)
	}
	if n := d.tilesIn(b); n > maxHillshadeTiles {
		return nil, fmt.Errorf("hillshade: the box covers %d terrain tiles, more than %d; zoom in", n, maxHillshadeTiles)
	}
	az, alt, exag := opt.AzimuthDeg, opt.AltitudeDeg, opt.Exaggeration
	if az == 0 && alt == 0 {
		az, alt = 315, 45
	}
	if exag == 0 {
		exag = 1
	}
	// Pixels finer than 45 m use 1″ tiles where the DEM has them. A tile that cannot be read stays transparent.
	res := coarse
	if geo.Rad(b.North-b.South)*geo.EarthRadiusM/float64(height) < 45 {
		res = native
	}
	g, _ := d.grid(b.South, b.West, b.North, b.East, res)
	// Heights at the pixel centres with a one-pixel border, and each row's latitude.
	w2, h2 := width+2, height+2
	z := make([]float64, w2*h2)
	lats := make([]float64, h2)
	lonStep := (b.East - b.West) / float64(width)
	for r := range h2 {
		lats[r] = rowLat(b, opt.Mercator, (float64(r)-0.5)/float64(height))
		for c := range w2 {
			v, ok := g.at(lats[r], b.West+(float64(c)-0.5)*lonStep)
			if !ok {
				v = math.NaN()
			}
			z[r*w2+c] = v * exag
		}
	}
	sinAz, cosAz := math.Sincos(geo.Rad(az))
	sinAlt, cosAlt := math.Sincos(geo.Rad(alt))
	lx, ly, lz := sinAz*cosAlt, cosAz*cosAlt, sinAlt // towards the light: east, north, up
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	for r := 1; r <= height; r++ {
		dx := geo.Rad(lonStep) * geo.EarthRadiusM * math.Cos(geo.Rad(lats[r])) // metres per column
		dy := geo.Rad(lats[r-1]-lats[r+1]) * geo.EarthRadiusM / 2              // metres per row
		row := img.Pix[(r-1)*img.Stride:]
		for c := 1; c <= width; c++ {
			i := r*w2 + c
			nw, n, ne := z[i-w2-1], z[i-w2], z[i-w2+1]
			w, e := z[i-1], z[i+1]
			sw, s, se := z[i+w2-1], z[i+w2], z[i+w2+1]
			dzdx := ((ne + 2*e + se) - (nw + 2*w + sw)) / (8 * dx)
			dzdy := ((nw + 2*n + ne) - (sw + 2*s + se)) / (8 * dy) // northwards
			shade := (lz - dzdx*lx - dzdy*ly) / math.Sqrt(1+dzdx*dzdx+dzdy*dzdy)
			if math.IsNaN(shade) {
				continue // no data in the 3×3: transparent
			}
			px := row[(c-1)*4 : (c-1)*4+4 : (c-1)*4+4]
			if opt.Overlay {
				px[0], px[1], px[2], px[3] = overlayPixel(math.Max(0, shade), lz)
				continue
			}
			v := uint8(math.Round(255 * math.Max(0, shade)))
			px[0], px[1], px[2], px[3] = v, v, v, 255
		}
	}
	return img, nil
}

// Strongest alpha of the overlay's shadows and highlights: shadows carry the relief, highlights only lift it.
// Tuned on Cairn's map, where lines, dots and labels must stay readable over the Khumbu's steepest slopes.
const overlayShadowAlpha, overlayLightAlpha = 178, 58

// overlayPixel turns a shade (0–1, flat ground giving flat) into an overlay pixel.
func overlayPixel(shade, flat float64) (r, g, b, a uint8) {
	if shade < flat {
		return 0, 0, 0, uint8(math.Round(overlayShadowAlpha * (flat - shade) / flat))
	}
	return 255, 255, 255, uint8(math.Round(overlayLightAlpha * (shade - flat) / (1 - flat)))
}

// rowLat is the latitude a fraction f of the way down the box (0 its north edge, 1 its south edge).
func rowLat(b Box, mercator bool, f float64) float64 {
	if !mercator {
		return b.North - f*(b.North-b.South)
	}
	yN, yS := mercatorY(b.North), mercatorY(b.South)
	return geo.Deg(math.Atan(math.Sinh(yN - f*(yN-yS))))
}

func mercatorY(lat float64) float64 { return math.Asinh(math.Tan(geo.Rad(lat))) }

// tilesIn counts the DEM's tiles that overlap a box.
func (d *DEM) tilesIn(b Box) int {
	n := 0
	for k := range d.tiles {
		if float64(k.lat+1) > b.South && float64(k.lat) < b.North && float64(k.lon+1) > b.West && float64(k.lon) < b.East {
			n++
		}
	}
	return n
}

// HillshadeTile renders the Web Mercator tile z/x/y (the slippy-map convention: x from 180° W eastwards, y from
// the north) at size×size pixels: what a map widget caches and lays over its basemap (with opt.Overlay).
func (d *DEM) HillshadeTile(z, x, y, size int, opt HillshadeOptions) (*image.NRGBA, error) {
	if z < 0 || z > 24 || x < 0 || y < 0 || x >= 1<<z || y >= 1<<z {
		return nil, fmt.Errorf("hillshade: no tile %d/%d/%d", z, x, y)
	}
	n := float64(int(1) << z)
	lat := func(y float64) float64 { return geo.Deg(math.Atan(math.Sinh(math.Pi * (1 - 2*y/n)))) }
	b := Box{South: lat(float64(y + 1)), North: lat(float64(y)), West: float64(x)/n*360 - 180, East: float64(x+1)/n*360 - 180}
	opt.Mercator = true
	return d.Hillshade(b, size, size, opt)
}
