package peaks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badHead is lines 1–3 of every bad catalog below; the peak under test is on line 4.
const badHead = `region: {name: Test, south: 27, west: 86, north: 29, east: 88}
peaks:
  - {id: alpha, name: Alpha, lat: 27.9, lon: 86.9, elevation_m: 6000}
`

func TestLoadReportsLineAndField(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"duplicate id", badHead + `  - {id: alpha, name: Alpha Two, lat: 27.95, lon: 86.95, elevation_m: 6000}`,
			`bad.yaml:4: peaks[1].id: duplicate id "alpha" (first at line 3)`},
		{"latitude copied into longitude", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 27.95, elevation_m: 6000}`,
			`bad.yaml:4: peaks[1].lon: 27.95 equals the latitude: latitude copied into longitude? (peak beta)`},
		{"latitude and longitude swapped", badHead + `  - {id: beta, name: Beta, lat: 86.95, lon: 27.95, elevation_m: 6000}`,
			`bad.yaml:4: peaks[1].lon: latitude and longitude swapped?`},
		{"outside the region", badHead + `  - {id: mont_blanc, name: Mont Blanc, lat: 45.8326, lon: 6.8652, elevation_m: 4806}`,
			`bad.yaml:4: peaks[1].lat: 45.8326, 6.8652 lies outside region Test`},
		{"higher than Everest", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 86.95, elevation_m: 22349}`,
			`bad.yaml:4: peaks[1].elevation_m: 22349 is outside 1…8849`},
		{"zero elevation", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 86.95, elevation_m: 0}`,
			`bad.yaml:4: peaks[1].elevation_m: 0 is outside 1…8849`},
		{"elevation not a number", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 86.95, elevation_m: high}`,
			`bad.yaml:4: peaks[1].elevation_m: want a number, got "high"`},
		{"missing elevation", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 86.95}`,
			`bad.yaml:4: peaks[1].elevation_m: missing`},
		{"unknown field", badHead + `  - {id: beta, name: Beta, lat: 27.95, lon: 86.95, elev_m: 6000}`,
			`bad.yaml:4: peaks[1].elev_m: unknown field`},
		{"field twice", badHead + `  - {id: beta, name: Beta, lat: 27.95, lat: 27.96, lon: 86.95, elevation_m: 6000}`,
			`bad.yaml:4: peaks[1].lat: given twice`},
		{"id not snake case", badHead + `  - {id: Ama-Dablam, name: Ama Dablam, lat: 27.95, lon: 86.95, elevation_m: 6812}`,
			`bad.yaml:4: peaks[1].id: "Ama-Dablam" is not lowercase snake case`},
		{"coordinates copied from another peak", badHead + `  - {id: beta, name: Beta, lat: 27.9, lon: 86.9, elevation_m: 6500}`,
			`bad.yaml:4: peaks[1].lat: beta stands 0 m from alpha (line 3)`},
		{"YAML syntax", badHead + "\t- {id: beta}", `bad.yaml:4: YAML: found character that cannot start any token`},
		{"no region", "peaks:\n  - {id: beta, name: Beta, lat: 27.95, lon: 86.95, elevation_m: 6000}", `bad.yaml:1: region: missing`},
		{"template without placeholder", "region: {name: Test, south: 27, west: 86, north: 29, east: 88}\nprototype:\n  templates:\n    - a photo of a mountain\npeaks: []",
			`bad.yaml:4: prototype.templates[0]: template "a photo of a mountain" lacks {name}`},
		{"region upside down", "region: {name: Test, south: 29, west: 86, north: 27, east: 88}\npeaks: []", `bad.yaml:1: region: south 29 must be below north 27`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cat, err := Load(strings.NewReader(c.yaml), "bad.yaml")
			if err == nil {
				t.Fatalf("loaded %d peaks, want error containing %q", len(cat.Peaks), c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error\n %v\nwant it to contain\n %s", err, c.want)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *FieldError", err)
			}
		})
	}
}

func TestLoadBlockStyleLines(t *testing.T) {
	y := `region:
  name: Test
  south: 27
  west: 86
  north: 29
  east: 88
peaks:
  - id: alpha
    name: Alpha
    lat: 27.9
    lon: 27.9
    elevation_m: 9500
`
	_, err := Load(strings.NewReader(y), "block.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	// Both problems are reported, each at its own line.
	for _, want := range []string{"block.yaml:11: peaks[0].lon:", "block.yaml:12: peaks[0].elevation_m:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nlacks %q", err, want)
		}
	}
}

func TestLoadGood(t *testing.T) {
	y := `region: {name: Alps, south: 45, west: 5, north: 48, east: 11, camera_altitude_m: 2000}
prototype: {templates: ["{name} in the Alps"], anti_concepts: [map], anti_weight: 0.2, alpha: 0.6}
concept: {templates: ["a photo of {q}"]}
peaks:
  - id: mont_blanc
    name: Mont Blanc
    aliases: [Monte Bianco]
    lat: 45.8326
    lon: 6.8652
    elevation_m: 4806
    prompts: ["a photo of Mont Blanc, a broad snow dome"]
    reference_photos: [mont_blanc/1.jpg]
`
	c, err := Load(strings.NewReader(y), "alps.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, ok := c.ByID("mont_blanc")
	if !ok || p.Name != "Mont Blanc" || p.Aliases[0] != "Monte Bianco" || p.ElevationM != 4806 || p.Lat != 45.8326 ||
		p.Prompts[0] != "a photo of Mont Blanc, a broad snow dome" || p.ReferencePhotos[0] != "mont_blanc/1.jpg" {
		t.Errorf("peak %+v", p)
	}
	if c.Prototype.AntiWeight != 0.2 || c.Prototype.Alpha != 0.6 || c.Prototype.AntiConcepts[0] != "map" || c.Concept.Templates[0] != "a photo of {q}" {
		t.Errorf("prompts %+v %+v", c.Prototype, c.Concept)
	}
	if len(c.Regions) != 1 || c.Regions[0].CameraAltitudeM != 2000 || c.Regions[0].Source != "alps.yaml" {
		t.Errorf("regions %+v", c.Regions)
	}
	if _, ok := c.ByID("everest"); ok {
		t.Error("ByID found a peak that is not there")
	}
}

func TestBundled(t *testing.T) {
	c, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Peaks) < 100 {
		t.Errorf("bundled catalog has %d peaks, want at least 100", len(c.Peaks))
	}
	everest, ok := c.ByID("everest")
	if !ok {
		t.Fatal("no everest")
	}
	for _, alias := range []string{"Sagarmatha", "Chomolungma", "Qomolangma"} {
		if !strings.Contains(strings.Join(everest.Aliases, "|"), alias) {
			t.Errorf("everest aliases %v lack %s", everest.Aliases, alias)
		}
	}
	// The training_peaks folder names are catalog ids.
	for _, id := range []string{"ama_dablam", "pumori", "lhotse", "nuptse", "makalu", "cho_oyu", "island_peak"} {
		if _, ok := c.ByID(id); !ok {
			t.Errorf("bundled catalog lacks %s", id)
		}
	}
	if pumori, _ := c.ByID("pumori"); !strings.Contains(strings.Join(pumori.Aliases, "|"), "Pumo Ri") {
		t.Errorf("pumori aliases %v lack Pumo Ri", pumori.Aliases)
	}
	if len(c.Prototype.Templates) != 3 || c.Prototype.AntiWeight != 0.25 || c.Prototype.Alpha != 0.5 || len(c.Prototype.AntiConcepts) == 0 {
		t.Errorf("prototype config %+v", c.Prototype)
	}
	if len(c.Concept.Templates) == 0 {
		t.Error("no concept templates")
	}
	if got := c.PrototypeTemplates(everest); len(got) != 1 || !strings.Contains(got[0], "highest mountain") {
		t.Errorf("everest's own prompts not used: %v", got)
	}
	if lhotse, _ := c.ByID("lhotse"); len(c.PrototypeTemplates(lhotse)) != 3 {
		t.Errorf("lhotse templates %v, want the catalog's three", c.PrototypeTemplates(lhotse))
	}
	if c.Regions[0].CameraAltitudeM <= 0 {
		t.Errorf("region %+v has no camera altitude", c.Regions[0])
	}
}

func TestDigestStableAndSensitive(t *testing.T) {
	a, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Bundled()
	if a.Digest() != b.Digest() || len(a.Digest()) != 64 {
		t.Fatalf("digests %q %q", a.Digest(), b.Digest())
	}
	// Order of peaks does not matter; their content and the prompts do.
	b.Peaks[0], b.Peaks[1] = b.Peaks[1], b.Peaks[0]
	if a.Digest() != b.Digest() {
		t.Error("digest depends on peak order")
	}
	b.Peaks[0].ElevationM++
	if a.Digest() == b.Digest() {
		t.Error("digest ignores an elevation change")
	}
	c, _ := Bundled()
	c.Prototype.Alpha = 0.9
	if a.Digest() == c.Digest() {
		t.Error("digest ignores the prompt configuration")
	}
}

func TestMergeUserCatalog(t *testing.T) {
	c, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	before := len(c.Peaks)
	dir := t.TempDir()
	path := filepath.Join(dir, "alps.yaml")
	user := "region: {name: Alps, south: 45, west: 5, north: 48, east: 11}\npeaks:\n  - {id: mont_blanc, name: Mont Blanc, lat: 45.8326, lon: 6.8652, elevation_m: 4806, reference_photos: [refs/mb.jpg]}\n"
	if err := os.WriteFile(path, []byte(user), 0o644); err != nil {
		t.Fatal(err)
	}
	alps, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := alps.Peaks[0].ReferencePhotos[0], filepath.Join(dir, "refs", "mb.jpg"); got != want {
		t.Errorf("reference photo %q, want %q (resolved against the catalog's folder)", got, want)
	}
	if err := c.Merge(alps); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.ByID("mont_blanc"); !ok || len(c.Peaks) != before+1 || len(c.Regions) != 2 {
		t.Errorf("after merge: %d peaks, %d regions", len(c.Peaks), len(c.Regions))
	}
	if len(c.Prototype.Templates) != 3 {
		t.Errorf("merge lost the bundled prompt configuration: %+v", c.Prototype)
	}
	if err := c.Merge(alps); err == nil || !strings.Contains(err.Error(), `"mont_blanc" defined in both`) {
		t.Errorf("merging twice: %v, want a duplicate id error", err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}
