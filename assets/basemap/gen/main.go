// Command gen turns world-atlas's countries-10m.json (TopoJSON) into basemap.bin: land rings and country
// borders projected to Web Mercator, so the app never parses TopoJSON. Run it through scripts/basemap.sh.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"

	"github.com/cairn-photos/cairn/assets/basemap"
)

// topology is the part of a TopoJSON file this generator reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Geometries []geometry `json:"geometries"`
	} `json:"objects"`
}

type geometry struct {
	Type string          `json:"type"`
	Arcs json.RawMessage `json:"arcs"`
}

func main() {
	in := flag.String("in", "countries-10m.json", "world-atlas countries-10m.json")
	out := flag.String("out", "assets/basemap/basemap.bin", "output file")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		log.Fatal(err)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read topology: %w", err)
	}
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return fmt.Errorf("parse topology %s: %w", in, err)
	}
	arcs := decodeArcs(topo)
	land, err := landRings(topo, arcs)
	if err != nil {
		return err
	}
	borders, err := borderLines(topo, arcs)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	if err := basemap.Encode(f, basemap.Layers{Land: land, Borders: borders}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", out, err)
	}
	fmt.Printf("%s: %d land rings, %d border lines\n", out, len(land), len(borders))
	return nil
}

// decodeArcs undoes TopoJSON's delta encoding and quantisation and projects every arc to Web Mercator.
func decodeArcs(topo topology) [][]basemap.Point {
	out := make([][]basemap.Point, len(topo.Arcs))
	for i, arc := range topo.Arcs {
		pts := make([]basemap.Point, len(arc))
		var x, y float64
		for j, p := range arc {
			lon, lat := p[0], p[1]
			if t := topo.Transform; t != nil {
				x, y = x+p[0], y+p[1]
				lon, lat = x*t.Scale[0]+t.Translate[0], y*t.Scale[1]+t.Translate[1]
			}
			pts[j] = project(lat, lon)
		}
		out[i] = pts
	}
	return out
}

// project is the same spherical Web Mercator as mapview's, clamped at the usual ±85.0511° so Antarctica
// ends at the map's bottom edge instead of at infinity.
func project(lat, lon float64) basemap.Point {
	const maxLat = 85.05112878
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	s := math.Sin(lat * math.Pi / 180)
	return basemap.Point{
		X: (lon + 180) / 360,
		Y: 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi),
	}
}

// Natural Earth's TopoJSON keeps rings that cross the antimeridian whole (Chukotka, Fiji), so a ring can jump
// from x≈1 to x≈0 between two points. Drawn on a flat map that jump is a line across the world. wrapRing
// unwraps such a ring so its x runs on past 1 (or below 0), then cuts it into the part inside [0, 1] and the
// part that belongs at the other edge, shifted by one world.
func wrapRing(r []basemap.Point) [][]basemap.Point {
	u := make([]basemap.Point, len(r))
	shift := 0.0
	for i, p := range r {
		if i > 0 {
			switch d := p.X - r[i-1].X; {
			case d > 0.5:
				shift--
			case d < -0.5:
				shift++
			}
		}
		u[i] = basemap.Point{X: p.X + shift, Y: p.Y}
	}
	lo, hi := u[0].X, u[0].X
	for _, p := range u {
		lo, hi = math.Min(lo, p.X), math.Max(hi, p.X)
	}
	if lo >= 0 && hi <= 1 {
		return [][]basemap.Point{u}
	}
	var out [][]basemap.Point
	for _, off := range []float64{-1, 0, 1} {
		moved := make([]basemap.Point, len(u))
		for i, p := range u {
			moved[i] = basemap.Point{X: p.X + off, Y: p.Y}
		}
		if c := clipX(moved); len(c) >= 3 {
			out = append(out, c)
		}
	}
	return out
}

// clipX clips a closed ring to 0 ≤ x ≤ 1 (Sutherland–Hodgman on two edges).
func clipX(r []basemap.Point) []basemap.Point {
	for _, edge := range []struct {
		inside func(x float64) bool
		at     float64
	}{{func(x float64) bool { return x >= 0 }, 0}, {func(x float64) bool { return x <= 1 }, 1}} {
		var out []basemap.Point
		for i, q := range r {
			p := r[(i+len(r)-1)%len(r)]
			if edge.inside(p.X) != edge.inside(q.X) {
				t := (edge.at - p.X) / (q.X - p.X)
				out = append(out, basemap.Point{X: edge.at, Y: p.Y + t*(q.Y-p.Y)})
			}
			if edge.inside(q.X) {
				out = append(out, q)
			}
		}
		r = out
		if len(r) == 0 {
			return nil
		}
	}
	return r
}

// splitLine cuts an open line where it jumps across the antimeridian.
func splitLine(l []basemap.Point) [][]basemap.Point {
	var out [][]basemap.Point
	start := 0
	for i := 1; i < len(l); i++ {
		if math.Abs(l[i].X-l[i-1].X) > 0.5 {
			if i-start >= 2 {
				out = append(out, l[start:i])
			}
			start = i
		}
	}
	if len(l)-start >= 2 {
		out = append(out, l[start:])
	}
	return out
}

// ring joins arcs into one line; a negative index ~i means arc i reversed. Consecutive arcs share an end
// point, which is kept once.
func ring(arcs [][]basemap.Point, idx []int) []basemap.Point {
	var out []basemap.Point
	for k, i := range idx {
		a := arcs[arcIndex(i)]
		seg := make([]basemap.Point, len(a))
		copy(seg, a)
		if i < 0 {
			for l, r := 0, len(seg)-1; l < r; l, r = l+1, r-1 {
				seg[l], seg[r] = seg[r], seg[l]
			}
		}
		if k > 0 {
			seg = seg[1:]
		}
		out = append(out, seg...)
	}
	return out
}

func arcIndex(i int) int {
	if i < 0 {
		return ^i
	}
	return i
}

// landRings reads the "land" object's polygons and orients them: outer rings positive, holes negative.
func landRings(topo topology, arcs [][]basemap.Point) ([][]basemap.Point, error) {
	obj, ok := topo.Objects["land"]
	if !ok {
		return nil, fmt.Errorf("topology has no land object")
	}
	var out [][]basemap.Point
	for _, g := range obj.Geometries {
		polys, err := polygons(g)
		if err != nil {
			return nil, fmt.Errorf("land: %w", err)
		}
		for _, poly := range polys {
			for k, idx := range poly {
				r := ring(arcs, idx)
				if n := len(r); n > 1 && r[0] == r[n-1] {
					r = r[:n-1]
				}
				if len(r) < 3 {
					continue
				}
				if outer := k == 0; (area(r) > 0) != outer {
					reverse(r)
				}
				out = append(out, wrapRing(r)...)
			}
		}
	}
	return out, nil
}

// borderLines keeps the arcs that two different countries share: the land borders. Arcs used by one
// country only are coastline, which the land layer already draws.
func borderLines(topo topology, arcs [][]basemap.Point) ([][]basemap.Point, error) {
	obj, ok := topo.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("topology has no countries object")
	}
	users := make([]map[int]bool, len(arcs))
	for gi, g := range obj.Geometries {
		polys, err := polygons(g)
		if err != nil {
			return nil, fmt.Errorf("countries: %w", err)
		}
		for _, poly := range polys {
			for _, idx := range poly {
				for _, i := range idx {
					a := arcIndex(i)
					if users[a] == nil {
						users[a] = map[int]bool{}
					}
					users[a][gi] = true
				}
			}
		}
	}
	var out [][]basemap.Point
	for i, u := range users {
		if len(u) >= 2 && len(arcs[i]) >= 2 {
			out = append(out, splitLine(arcs[i])...)
		}
	}
	return out, nil
}

// polygons returns a Polygon or MultiPolygon geometry's arc indices as a list of polygons of rings.
func polygons(g geometry) ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, fmt.Errorf("polygon arcs: %w", err)
		}
		return [][][]int{p}, nil
	case "MultiPolygon":
		var mp [][][]int
		if err := json.Unmarshal(g.Arcs, &mp); err != nil {
			return nil, fmt.Errorf("multipolygon arcs: %w", err)
		}
		return mp, nil
	default: // null geometries and anything else carry no area
		return nil, nil
	}
}

// area is the shoelace signed area in world coordinates.
func area(r []basemap.Point) float64 {
	var s float64
	for i, p := range r {
		q := r[(i+1)%len(r)]
		s += p.X*q.Y - q.X*p.Y
	}
	return s / 2
}

func reverse(r []basemap.Point) {
	for l, h := 0, len(r)-1; l < h; l, h = l+1, h-1 {
		r[l], r[h] = r[h], r[l]
	}
}
