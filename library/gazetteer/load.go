package gazetteer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/cairn-photos/cairn/assets"
)

// maxFileBytes bounds a gazetteer file: a region's places take a few kilobytes.
const maxFileBytes = 4 << 20

// file is a gazetteer file as written.
type file struct {
	Region struct {
		Name                     string
		South, West, North, East *float64
	}
	Places []struct {
		ID         string   `yaml:"id"`
		Name       string   `yaml:"name"`
		Aliases    []string `yaml:"aliases"`
		Kind       string   `yaml:"kind"`
		Lat        *float64 `yaml:"lat"`
		Lon        *float64 `yaml:"lon"`
		ElevationM float64  `yaml:"elevation_m"`
		RadiusKm   float64  `yaml:"radius_km"`
	} `yaml:"places"`
}

// Load reads and checks a gazetteer in YAML; every problem is reported (joined), each naming source:line.
func Load(r io.Reader, source string) (*Gazetteer, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read gazetteer %s: %w", source, err)
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("gazetteer %s: larger than %d bytes", source, maxFileBytes)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", source, err)
	}
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", source, err)
	}
	lines := placeLines(&root)
	var errs []error
	fail := func(i int, format string, args ...any) {
		line := 0
		if i < len(lines) {
			line = lines[i]
		}
		errs = append(errs, fmt.Errorf("%s:%d: places[%d]: %s", source, line, i, fmt.Sprintf(format, args...)))
	}
	rg := f.Region
	if rg.South == nil || rg.West == nil || rg.North == nil || rg.East == nil {
		return nil, fmt.Errorf("%s: region: want south, west, north and east", source)
	}
	g := &Gazetteer{}
	ids := map[string]bool{}
	for i, p := range f.Places {
		ok := true
		if p.ID == "" || p.Name == "" {
			fail(i, "id and name are required")
			ok = false
		}
		if ids[p.ID] {
			fail(i, "id %s: used twice", p.ID)
			ok = false
		}
		ids[p.ID] = true
		radius, known := radiusByKind[p.Kind]
		if !known {
			fail(i, "kind %q: want village, lake, base_camp, monastery, pass, viewpoint or airport", p.Kind)
			ok = false
		}
		if p.RadiusKm < 0 || p.RadiusKm > 50 {
			fail(i, "radius_km %g: want 0 to 50", p.RadiusKm)
			ok = false
		} else if p.RadiusKm > 0 {
			radius = p.RadiusKm
		}
		if p.Lat == nil || p.Lon == nil {
			fail(i, "lat and lon are required")
			continue
		}
		if *p.Lat < *rg.South || *p.Lat > *rg.North || *p.Lon < *rg.West || *p.Lon > *rg.East {
			fail(i, "%s at %.4f, %.4f lies outside the region %s", p.ID, *p.Lat, *p.Lon, rg.Name)
			ok = false
		}
		if ok {
			g.Places = append(g.Places, Place{ID: p.ID, Name: p.Name, Aliases: p.Aliases, Kind: p.Kind, Lat: *p.Lat,
				Lon: *p.Lon, ElevationM: p.ElevationM, RadiusKm: radius, Source: source})
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := g.index(); err != nil {
		return nil, err
	}
	return g, nil
}

// placeLines lists the line of each entry of the places list, for errors.
func placeLines(root *yaml.Node) []int {
	if len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "places" {
			var out []int
			for _, n := range m.Content[i+1].Content {
				out = append(out, n.Line)
			}
			return out
		}
	}
	return nil
}

// LoadFile reads and checks the gazetteer file name.
func LoadFile(name string) (*Gazetteer, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open gazetteer: %w", err)
	}
	defer f.Close()
	return Load(f, name)
}

// Bundled loads the gazetteers shipped in the binary (assets/places/*.yaml), merged in file-name order.
func Bundled() (*Gazetteer, error) {
	fsys, err := assets.Gazetteers()
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list bundled gazetteers: %w", err)
	}
	all := &Gazetteer{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read gazetteer %s: %w", name, err)
		}
		g, err := Load(bytes.NewReader(data), path.Join("assets/places", name))
		if err != nil {
			return nil, err
		}
		if err := all.Merge(g); err != nil {
			return nil, err
		}
	}
	return all, nil
}

// LoadDir loads the bundled gazetteers and then each *.yaml in dir (the user's, which may be absent).
func LoadDir(dir string) (*Gazetteer, error) {
	all, err := Bundled()
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list gazetteers in %s: %w", dir, err)
	}
	for _, f := range files { // Glob sorts
		g, err := LoadFile(f)
		if err != nil {
			return nil, err
		}
		if err := all.Merge(g); err != nil {
			return nil, err
		}
	}
	return all, nil
}
