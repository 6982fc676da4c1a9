package peaks

import (
	"fmt"

	"github.com/cairn-photos/cairn/library/terrain"
)

// Ground is the terrain around one camera: its rendered horizon and the elevation model to trace lines of
// sight through.
type Ground struct {
	DEM     *terrain.DEM
	Horizon *terrain.Horizon
	EyeAltM float64 // the camera's altitude the horizon was rendered for
}

// skyline is the horizon's apparent elevation at a bearing.
func (g *Ground) skyline(bearingDeg float64) float64 {
	e, _ := g.Horizon.At(bearingDeg)
	return e
}

// sight traces the line from the camera to v's summit and marks v hidden, saying by what, when terrain stands
// above it. Where the terrain model has no data the summit is taken as seen.
func (g *Ground) sight(c *Catalog, v *View) {
	if v.ElevationDeg >= g.skyline(v.BearingDeg) {
		return // nothing along the whole line stands higher
	}
	los, err := g.DEM.LineOfSight(g.Horizon.Lat, g.Horizon.Lon, g.EyeAltM, v.Peak.Lat, v.Peak.Lon, v.Peak.ElevationM)
	if err != nil || los.Visible || los.Obstruction == nil {
		return
	}
	v.Hidden = true
	v.HiddenBy = c.blockerName(*los.Obstruction, v.Peak.ID)
}

// blockerName names terrain that hides a summit: the catalog peak whose massif it is, else the ridge and how
// far away it stands.
func (c *Catalog) blockerName(o terrain.Obstruction, hidden string) string {
	best, bestKm := "", blockerPeakKm
	for _, p := range c.Peaks {
		if p.ID == hidden || p.ElevationM < o.ElevationM {
			continue
		}
		if d := DistanceKM(o.Lat, o.Lon, p.Lat, p.Lon); d < bestKm {
			best, bestKm = p.Name, d
		}
	}
	if best != "" {
		return best
	}
	return fmt.Sprintf("the ridge %.1f km away", o.DistanceM/1000)
}
