package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBundledLookup(t *testing.T) {
	g, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Places) < 40 {
		t.Errorf("the Khumbu has %d places", len(g.Places))
	}
	for text, want := range map[string]string{
		"Tengboche": "tengboche", "tengboche monastery": "tengboche", "Thyangboche": "tengboche",
		"kala pattar": "kala_patthar", "Kalapatthar": "kala_patthar", "KALA PATTHAR": "kala_patthar",
		"Namche": "namche", "namche bazar": "namche", "Gokyo": "gokyo", "gokyo ri": "gokyo_ri",
		"Gokyo Lake": "dudh_pokhari", "EBC": "everest_base_camp", "everest base camp": "everest_base_camp",
		"Dingbochee": "dingboche", "gorakshep": "gorak_shep", "Chhukung": "chukhung",
	} {
		p, ok := g.Lookup(text)
		if !ok || p.ID != want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", text, p.ID, ok, want)
		}
	}
	for _, text := range []string{"xqzt", "prayer flags", "ab", ""} {
		if p, ok := g.Lookup(text); ok {
			t.Errorf("Lookup(%q) = %s; want no place", text, p.ID)
		}
	}
	if p, _ := g.Lookup("Lobuche"); p.RadiusKm != 1.5 || p.Kind != "village" {
		t.Errorf("Lobuche: %+v", p)
	}
	if p, _ := g.Lookup("Cho La"); p.RadiusKm != 1 || KindText(p.Kind) != "pass" {
		t.Errorf("Cho La: %+v", p)
	}
	s := g.Suggest("gok", 3)
	if len(s) == 0 || s[0].ID != "gokyo" {
		t.Errorf("Suggest(gok) = %v", s)
	}
	if s := g.Suggest("base", 10); len(s) < 3 {
		t.Errorf("Suggest(base) offers %d base camps", len(s))
	}
}

func TestLoadErrorsNameLine(t *testing.T) {
	bad := `region: {name: Alps, south: 45, west: 6, north: 47, east: 8}
places:
  - {id: zermatt, name: Zermatt, kind: village, lat: 46.02, lon: 7.75}
  - {id: hut, name: Some Hut, kind: hut, lat: 46.0, lon: 7.7}
  - {id: far, name: Far Away, kind: village, lat: 27.8, lon: 86.7}
`
	_, err := Load(strings.NewReader(bad), "alps.yaml")
	if err == nil {
		t.Fatal("a bad gazetteer loaded")
	}
	for _, want := range []string{"alps.yaml:4: places[1]: kind \"hut\"", "alps.yaml:5: places[2]: far at 27.8000, 86.7000 lies outside"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestUserPlacesMerge(t *testing.T) {
	dir := t.TempDir()
	mine := `region: {name: Khumbu, south: 27.6, west: 86.4, north: 28.2, east: 87.3}
places:
  - {id: my_camp, name: Our Camp, aliases: [Camp Two], kind: base_camp, lat: 27.95, lon: 86.75, radius_km: 0.5}
`
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.Lookup("camp two"); !ok || p.ID != "my_camp" || p.RadiusKm != 0.5 {
		t.Errorf("the user's place: %+v, %v", p, ok)
	}
	if _, ok := g.Lookup("Tengboche"); !ok {
		t.Error("the bundled places went")
	}
	dup := strings.Replace(mine, "my_camp", "tengboche", 1)
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte(dup), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "already used in assets/places/khumbu.yaml") {
		t.Errorf("a clashing id: %v", err)
	}
}
