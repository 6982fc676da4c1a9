package peaks

import (
	"math"
	"regexp"

	"gopkg.in/yaml.v3"
)

// Plausible summit elevations. Nothing stands higher than Everest; a figure above it is most likely in
// feet. The floor admits low coastal hills of a user's own catalog.
const (
	minElevationM = 1
	maxElevationM = 8849
)

// sameSummitM is how close two catalog entries may stand before they count as one summit listed twice
// (scraped lists copy coordinates from a neighbouring peak).
const sameSummitM = 100

// validID is lowercase snake case: the ids double as folder names and search facets.
var validID = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// placedPeak is a decoded peak with where it was written, for checks that compare peaks.
type placedPeak struct {
	peak  Peak
	node  *yaml.Node
	field string
}

// checkPlace checks a peak's coordinates against its region and the peaks before it in the file.
func (d *decoder) checkPlace(pp placedPeak, region Region, before []placedPeak) {
	p := pp.peak
	lonNode := fieldNode(pp.node, "lon")
	switch {
	case p.Lat == p.Lon:
		d.fail(lonNode, join(pp.field, "lon"), "%g equals the latitude: latitude copied into longitude? (peak %s)", p.Lon, p.ID)
	case !region.Contains(p.Lat, p.Lon) && region.Contains(p.Lon, p.Lat):
		d.fail(lonNode, join(pp.field, "lon"), "latitude and longitude swapped? %g, %g lies outside region %s but %g, %g inside (peak %s)",
			p.Lat, p.Lon, region.Name, p.Lon, p.Lat, p.ID)
	case !region.Contains(p.Lat, p.Lon):
		d.fail(fieldNode(pp.node, "lat"), join(pp.field, "lat"), "%g, %g lies outside region %s (lat %g…%g, lon %g…%g) (peak %s)",
			p.Lat, p.Lon, region.Name, region.South, region.North, region.West, region.East, p.ID)
	}
	for _, q := range before {
		if q.peak.ID == p.ID {
			d.fail(fieldNode(pp.node, "id"), join(pp.field, "id"), "duplicate id %q (first at line %d)", p.ID, q.node.Line)
			continue
		}
		if dist, _ := distanceBearing(q.peak.Lat, q.peak.Lon, p.Lat, p.Lon); dist < sameSummitM {
			d.fail(fieldNode(pp.node, "lat"), join(pp.field, "lat"), "%s stands %.0f m from %s (line %d): the same summit twice or copied coordinates?",
				p.ID, dist, q.peak.ID, q.node.Line)
		}
	}
}

// fieldNode returns the value node of key in a mapping, or the mapping itself when the key is absent,
// so an error can point at the closest line.
func fieldNode(mapping *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		if mapping.Content[i].Value == key {
			return mapping.Content[i+1]
		}
	}
	return mapping
}

// finite reports whether v is a usable number.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
