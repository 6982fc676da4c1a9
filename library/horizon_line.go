package library

import (
	"fmt"
	"math"

	cameramodel "github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/terrain"
)

// PhotoPoint is a place in the upright photo: fractions of its width and height from the top-left corner.
type PhotoPoint struct{ X, Y float64 }

// maxHorizonPoints bounds the points of a rendered horizon across the frame: more than a window can tell apart.
const maxHorizonPoints = 600

// HorizonLine is the skyline the terrain draws in photo p, as its camera saw it: the horizon rendered from where
// p was taken, projected through p's stored view (the heading corrected by the photo's own skyline where it
// could be), as polylines inside the frame. It is nil when p has no position, view or heading, or the terrain has no
// height where p was taken; a polyline breaks where the terrain has no data or leaves the frame.
func HorizonLine(dem *terrain.DEM, p Photo) ([][]PhotoPoint, error) {
	if dem == nil || p.GPS == nil || p.View == nil || p.View.Source == peaks.HeadingNone || !(p.View.FOV > 0 && p.View.FOV < 180) || p.Width <= 0 || p.Height <= 0 {
		return nil, nil
	}
	alt, ok := dem.CameraAltitude(p.GPS.Lat, p.GPS.Lon, p.Altitude)
	if !ok {
		return nil, nil
	}
	h, err := dem.Horizon(p.GPS.Lat, p.GPS.Lon, alt.M)
	if err != nil {
		return nil, fmt.Errorf("horizon of %s: %w", p.Rel, err)
	}
	v := photoView(*p.View, p.Width, p.Height)
	pr := v.Projector()
	// The frame's corners lie farther off the axis than its sides: sweep to the diagonal, and a little beyond
	// so the line reaches the frame's edge.
	tx, ty := math.Tan(geo.Rad(v.HFOV/2)), math.Tan(geo.Rad(v.VFOV/2))
	half := math.Min(geo.Deg(math.Atan(math.Hypot(tx, ty)))+1, 89)
	step := math.Max(h.StepDeg, 2*half/maxHorizonPoints)
	var lines [][]PhotoPoint
	var line []PhotoPoint
	var last PhotoPoint
	var have bool // last is a point of the horizon in front of the camera
	for az := v.Heading - half; az <= v.Heading+half; az += step {
		el, dist := h.At(az)
		x, y, front := pr.Project(az, el)
		if dist == 0 || !front {
			have = false
			continue
		}
		q := PhotoPoint{x, y}
		if have {
			if a, b, in := clipToFrame(last, q); in {
				if len(line) == 0 || line[len(line)-1] != a {
					if len(line) > 1 {
						lines = append(lines, line)
					}
					line = []PhotoPoint{a}
				}
				line = append(line, b)
			}
		}
		last, have = q, true
	}
	if len(line) > 1 {
		lines = append(lines, line)
	}
	return lines, nil
}

// photoView is the camera view a stored ViewInfo describes for a photo of width×height: the vertical field of
// view follows from the horizontal one and the photo's shape, for a rectilinear lens.
func photoView(vi ViewInfo, width, height int) cameramodel.View {
	vfov := geo.Deg(2 * math.Atan(math.Tan(geo.Rad(vi.FOV/2))*float64(height)/float64(width)))
	return cameramodel.View{Heading: vi.Heading, Pitch: vi.Pitch, Roll: vi.Roll, HFOV: vi.FOV, VFOV: vfov}
}

// clipToFrame clips the segment a–b to the unit square (Liang–Barsky); in is false when none of it is inside.
func clipToFrame(a, b PhotoPoint) (PhotoPoint, PhotoPoint, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{{-dx, a.X}, {dx, 1 - a.X}, {-dy, a.Y}, {dy, 1 - a.Y}} {
		p, q := e[0], e[1]
		switch {
		case p == 0:
			if q < 0 {
				return a, b, false
			}
		case p < 0:
			t0 = math.Max(t0, q/p)
		default:
			t1 = math.Min(t1, q/p)
		}
	}
	if t0 > t1 {
		return a, b, false
	}
	at := func(t float64) PhotoPoint { return PhotoPoint{a.X + t*dx, a.Y + t*dy} }
	return at(t0), at(t1), true
}
