package peaks

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder walks the YAML node tree by hand rather than unmarshalling into structs, so that every
// problem can name its line and field, and unknown fields are caught.
type decoder struct {
	source string
	errs   []error
}

func (d *decoder) fail(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	d.errs = append(d.errs, &FieldError{Source: d.source, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// fields calls fn for every key: value pair of a mapping node; keys not in allowed are errors.
func (d *decoder) fields(n *yaml.Node, field string, allowed []string, fn func(key string, val *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		d.fail(n, field, "want a mapping of fields, got %s", kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if !contains(allowed, key.Value) {
			d.fail(key, join(field, key.Value), "unknown field (want one of %v)", allowed)
			continue
		}
		if seen[key.Value] {
			d.fail(key, join(field, key.Value), "given twice")
			continue
		}
		seen[key.Value] = true
		fn(key.Value, val)
	}
	return true
}

func (d *decoder) catalog(root *yaml.Node) *Catalog {
	cat := &Catalog{}
	var region *Region
	var peaksNode *yaml.Node
	d.fields(root, "", []string{"region", "prototype", "concept", "peaks"}, func(key string, val *yaml.Node) {
		switch key {
		case "region":
			region = d.region(val)
		case "prototype":
			cat.Prototype = d.prompts(val, "prototype", "{name}")
		case "concept":
			cat.Concept = d.prompts(val, "concept", "{q}")
		case "peaks":
			peaksNode = val
		}
	})
	if region == nil {
		d.fail(root, "region", "missing: every catalog needs a region with south, west, north, east")
		region = &Region{South: -90, West: -180, North: 90, East: 180}
	}
	region.Source = d.source
	cat.Regions = []Region{*region}
	if peaksNode == nil {
		d.fail(root, "peaks", "missing")
		return cat
	}
	if peaksNode.Kind != yaml.SequenceNode {
		d.fail(peaksNode, "peaks", "want a list of peaks, got %s", kindName(peaksNode))
		return cat
	}
	var placed []placedPeak
	for i, n := range peaksNode.Content {
		field := fmt.Sprintf("peaks[%d]", i)
		p, ok, hasPlace := d.peak(n, field)
		if hasPlace { // checked even when another field is wrong, so every problem shows at once
			pp := placedPeak{peak: p, node: n, field: field}
			d.checkPlace(pp, *region, placed)
			placed = append(placed, pp)
		}
		if ok {
			cat.Peaks = append(cat.Peaks, p)
		}
	}
	return cat
}

func (d *decoder) region(n *yaml.Node) *Region {
	r := &Region{}
	seen := map[string]bool{}
	ok := d.fields(n, "region", []string{"name", "south", "west", "north", "east", "camera_altitude_m"}, func(key string, val *yaml.Node) {
		seen[key] = true
		f := join("region", key)
		switch key {
		case "name":
			r.Name = d.str(val, f)
		case "south":
			r.South = d.number(val, f, -90, 90)
		case "north":
			r.North = d.number(val, f, -90, 90)
		case "west":
			r.West = d.number(val, f, -180, 180)
		case "east":
			r.East = d.number(val, f, -180, 180)
		case "camera_altitude_m":
			r.CameraAltitudeM = d.number(val, f, -500, maxElevationM)
		}
	})
	if !ok {
		return nil
	}
	for _, k := range []string{"south", "west", "north", "east"} {
		if !seen[k] {
			d.fail(n, join("region", k), "missing")
		}
	}
	if r.South >= r.North {
		d.fail(n, "region", "south %g must be below north %g", r.South, r.North)
	}
	if r.West >= r.East {
		d.fail(n, "region", "west %g must be below east %g (regions across the antimeridian are not supported)", r.West, r.East)
	}
	return r
}

func (d *decoder) prompts(n *yaml.Node, field, placeholder string) PromptConfig {
	var pc PromptConfig
	d.fields(n, field, []string{"templates", "anti_concepts", "anti_weight", "alpha"}, func(key string, val *yaml.Node) {
		f := join(field, key)
		switch key {
		case "templates":
			pc.Templates = d.strs(val, f)
			for i, t := range pc.Templates {
				if !strings.Contains(t, placeholder) {
					d.fail(val.Content[i], fmt.Sprintf("%s[%d]", f, i), "template %q lacks %s", t, placeholder)
				}
			}
		case "anti_concepts":
			pc.AntiConcepts = d.strs(val, f)
		case "anti_weight":
			pc.AntiWeight = float32(d.number(val, f, 0, 1))
		case "alpha":
			pc.Alpha = float32(d.number(val, f, 0, 1))
		}
	})
	if len(pc.Templates) == 0 {
		d.fail(n, join(field, "templates"), "missing or empty")
	}
	return pc
}

// peak decodes one peak. ok: it has no error; hasPlace: its latitude and longitude are good numbers.
func (d *decoder) peak(n *yaml.Node, field string) (p Peak, ok, hasPlace bool) {
	seen := map[string]bool{}
	before := len(d.errs)
	placeErrs := 0
	isMap := d.fields(n, field, []string{"id", "name", "aliases", "lat", "lon", "elevation_m", "himdb", "prompts", "reference_photos"}, func(key string, val *yaml.Node) {
		seen[key] = true
		f := join(field, key)
		switch key {
		case "id":
			p.ID = d.str(val, f)
			if p.ID != "" && !validID.MatchString(p.ID) {
				d.fail(val, f, "%q is not lowercase snake case (like ama_dablam)", p.ID)
			}
		case "name":
			p.Name = d.str(val, f)
		case "aliases":
			p.Aliases = d.strs(val, f)
		case "lat":
			errsBefore := len(d.errs)
			p.Lat = d.number(val, f, -90, 90)
			placeErrs += len(d.errs) - errsBefore
		case "lon":
			errsBefore := len(d.errs)
			p.Lon = d.number(val, f, -180, 180)
			placeErrs += len(d.errs) - errsBefore
		case "elevation_m":
			p.ElevationM = d.number(val, f, minElevationM, maxElevationM)
		case "himdb":
			p.HimDBID = d.str(val, f)
		case "prompts":
			p.Prompts = d.strs(val, f)
		case "reference_photos":
			p.ReferencePhotos = d.strs(val, f)
		}
	})
	if !isMap {
		return p, false, false
	}
	for _, k := range []string{"id", "name", "lat", "lon", "elevation_m"} {
		if !seen[k] {
			d.fail(n, join(field, k), "missing")
		}
	}
	return p, len(d.errs) == before, seen["lat"] && seen["lon"] && placeErrs == 0
}

// str reads a non-empty scalar as text.
func (d *decoder) str(n *yaml.Node, field string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, field, "want text, got %s", kindName(n))
		return ""
	}
	if n.Value == "" {
		d.fail(n, field, "empty")
	}
	return n.Value
}

// strs reads a list of non-empty texts.
func (d *decoder) strs(n *yaml.Node, field string) []string {
	if n.Kind != yaml.SequenceNode {
		d.fail(n, field, "want a list, got %s", kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		out = append(out, d.str(item, fmt.Sprintf("%s[%d]", field, i)))
	}
	return out
}

// number reads a finite number within [lo, hi].
func (d *decoder) number(n *yaml.Node, field string, lo, hi float64) float64 {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		d.fail(n, field, "want a number, got %q", n.Value)
		return 0
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		d.fail(n, field, "want a finite number, got %q", n.Value)
		return 0
	}
	if v < lo || v > hi {
		d.fail(n, field, "%g is outside %g…%g", v, lo, hi)
		return 0
	}
	return v
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "nothing"
}

func join(field, key string) string {
	if field == "" {
		return key
	}
	return field + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
