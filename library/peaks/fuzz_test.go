package peaks

import (
	"bytes"
	"testing"
)

// FuzzLoad: whatever the bytes, Load returns a catalog or an error, never panics, and a catalog it
// accepts keeps the promises the rest of Cairn relies on. Seeds live in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(testRegion + "  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data), "fuzz.yaml")
		if err != nil {
			if c != nil {
				t.Fatalf("catalog and error both returned: %v", err)
			}
			return
		}
		ids := map[string]bool{}
		for _, p := range c.Peaks {
			if !validID.MatchString(p.ID) || ids[p.ID] {
				t.Fatalf("accepted bad or duplicate id %q", p.ID)
			}
			ids[p.ID] = true
			if !c.Regions[0].Contains(p.Lat, p.Lon) || p.ElevationM < minElevationM || p.ElevationM > maxElevationM || p.Name == "" {
				t.Fatalf("accepted implausible peak %+v in %+v", p, c.Regions[0])
			}
		}
		if len(c.Digest()) != 64 {
			t.Fatalf("digest %q", c.Digest())
		}
		r := c.Regions[0]
		cam := CompassCamera((r.South+r.North)/2, (r.West+r.East)/2, nil, ptr(0), 0, false)
		for _, v := range Views(c, cam) {
			if !(v.Score >= 0 && v.Score <= 1) {
				t.Fatalf("score %v outside [0,1] for %+v", v.Score, v)
			}
		}
	})
}
