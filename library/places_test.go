package library

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPlaces: the places of a browse are those of the matches with a position, in the matches' order, each
// with its photo's key, position, time and heading as its record holds them; a match the table does not hold
// (a photo removed since the search) has none. 300 photos make several batches of lookups and a partial one.
func TestPlaces(t *testing.T) {
	lib, err := Open(t.TempDir(), true, Options{DataRoot: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	r := rand.New(rand.NewPCG(3, 4))
	photos := make([]Photo, 300)
	for i := range photos {
		photos[i] = tablePhoto(r, i)
		if i%4 != 0 {
			photos[i].GPS = &LatLon{Lat: 27.7 + r.Float64()*0.4, Lon: 86.6 + r.Float64()*0.4}
			h := r.Float64() * 360
			photos[i].Heading = &h
		}
	}
	if err := lib.Import(photos, nil); err != nil {
		t.Fatal(err)
	}
	res, err := lib.Search(t.Context(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	matches := append(res.All[:150:150], Match{key: 12345}) // no such photo
	matches = append(matches, res.All[150:]...)
	places, err := lib.Places(matches)
	if err != nil {
		t.Fatal(err)
	}
	var want []Match
	for _, m := range matches {
		if p, err := lib.Photo(m.ID()); err == nil && p.GPS != nil {
			want = append(want, m)
		}
	}
	if len(places) != len(want) || len(want) != 225 {
		t.Fatalf("%d places of %d matches, want the %d with a position (225)", len(places), len(matches), len(want))
	}
	for i, pl := range places {
		if pl.Key != want[i].Key() || pl.ID() != want[i].ID() || PhotoKey(pl.ID()) != pl.Key {
			t.Fatalf("place %d is of %s, want %s in the matches' order", i, pl.ID(), want[i].ID())
		}
		p, err := lib.Photo(pl.ID())
		if err != nil {
			t.Fatal(err)
		}
		wantTime := p.ShotTime.Local()
		if pl.Lat != p.GPS.Lat || pl.Lon != p.GPS.Lon || !pl.Time.Equal(wantTime) || math.Abs(pl.Heading-*p.Heading) > 1e-3 {
			t.Fatalf("place of %s: %v,%v at %v heading %v; its record says %v,%v at %v heading %v", pl.ID(),
				pl.Lat, pl.Lon, pl.Time, pl.Heading, p.GPS.Lat, p.GPS.Lon, wantTime, *p.Heading)
		}
	}
}
