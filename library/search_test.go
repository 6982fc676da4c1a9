package library

import (
	"context"
	"errors"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	"github.com/cairn-photos/cairn/library/peaks"
)

func find(t *testing.T, lib *Library, q Query) Results {
	t.Helper()
	res, err := lib.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// hitRels is the paths of q's hits, in order.
func hitRels(t *testing.T, lib *Library, q Query) []string {
	t.Helper()
	var out []string
	for _, h := range find(t, lib, q).Hits {
		out = append(out, h.Rel)
	}
	return out
}

func matchIDs(res Results) []string {
	ids := make([]string, len(res.All))
	for i, m := range res.All {
		ids[i] = m.ID()
	}
	return ids
}

func shows(p Photo, peak string) bool {
	return slices.ContainsFunc(p.PredictedPeaks, func(g PeakGuess) bool { return g.ID == peak })
}

// TestSearchKhumbu runs the searches of the issue on the real photos, without a model: by peak name in any
// spelling, by distance checked against exiftool's positions, and by dates on the photos' own clocks.
func TestSearchKhumbu(t *testing.T) {
	images := testenv.SharedDir(t, "khumbu", "data", "images")
	truth := testenv.ReadTruth(t, filepath.Join(images, "..", "..", "truth.csv"))
	lib := openTestLibrary(t, images)
	scan(t, lib)
	all := find(t, lib, Query{K: 1000})
	if len(all.All) < 20 {
		t.Fatalf("browse found %d photos", len(all.All))
	}
	rel := map[string]string{} // id → truth key
	for _, h := range all.Hits {
		rel[h.ID] = "data/images/" + h.Rel
	}

	t.Run("peak name in any spelling", func(t *testing.T) {
		first := find(t, lib, Query{Text: "Ama Dablam", K: 1000})
		if len(first.Hits) == 0 {
			t.Fatal("Ama Dablam: no photos")
		}
		for _, h := range first.Hits {
			if !shows(h.Photo, "ama_dablam") {
				t.Errorf("Ama Dablam hit %s predicts %v", h.Rel, h.PredictedPeaks)
			}
			if len(h.Why) == 0 || h.Score <= 0 {
				t.Errorf("hit %s: score %v why %v", h.Rel, h.Score, h.Why)
			}
		}
		for _, text := range []string{"amadablam", "AMA DABLAM", "ama dablem"} {
			if got := matchIDs(find(t, lib, Query{Text: text, K: 1000})); !slices.Equal(got, matchIDs(first)) {
				t.Errorf("%q found %v, want the same as \"Ama Dablam\": %v", text, got, matchIDs(first))
			}
		}
		if c := first.Facets; len(c) == 0 || c[0].ID != "ama_dablam" || c[0].Count != len(first.All) {
			t.Errorf("facets of Ama Dablam search: %+v", c)
		}
	})

	t.Run("near", func(t *testing.T) {
		// Around the first photo with a position, a radius that takes some photos and leaves others.
		center := all.Hits[0].GPS
		for _, km := range []float64{0.5, 3, 10} {
			res := find(t, lib, Query{Near: &Circle{Lat: center.Lat, Lon: center.Lon, KM: km}, K: 1000})
			got := map[string]bool{}
			for _, id := range matchIDs(res) {
				got[id] = true
			}
			for id, key := range rel {
				row := truth[key]
				lat, err1 := strconv.ParseFloat(row["GPSLatitude"], 64)
				lon, err2 := strconv.ParseFloat(row["GPSLongitude"], 64)
				within := err1 == nil && err2 == nil && peaks.DistanceKM(center.Lat, center.Lon, lat, lon) <= km
				if got[id] != within {
					t.Errorf("near %.1f km: %s returned %v, truth says within %v", km, key, got[id], within)
				}
			}
		}
	})

	t.Run("dates on the photo's own clock", func(t *testing.T) {
		for _, day := range []string{"2023-10-31", "2023-11-02"} {
			from, _ := ParseDate(day, false)
			to, _ := ParseDate(day, true)
			res := find(t, lib, Query{From: from, To: to, K: 1000})
			want := 0
			for _, key := range rel {
				if strings.HasPrefix(truth[key]["DateTimeOriginal"], strings.ReplaceAll(day, "-", ":")) {
					want++
				}
			}
			if len(res.All) != want || want == 0 {
				t.Errorf("%s: %d photos, truth has %d", day, len(res.All), want)
			}
		}
		// 06:00–06:20 on the 31st in Nepal time is 00:15–00:35 UTC: read as UTC the window would be empty.
		from, _ := ParseDate("2023-10-31T06:00", false)
		to, _ := ParseDate("2023-10-31T06:20", true)
		res := find(t, lib, Query{From: from, To: to, K: 10})
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.Rel)
		}
		if !slices.Equal(got, []string{"IMG_2203.HEIC", "IMG_2194.HEIC"}) {
			t.Errorf("06:00–06:20 local: %v, want IMG_2203 and IMG_2194, newest first", got)
		}
	})

	t.Run("peak filter and facets", func(t *testing.T) {
		res := find(t, lib, Query{Peaks: []string{"ama_dablam"}, K: 1000})
		named := find(t, lib, Query{Text: "ama dablam", K: 1000})
		if len(res.All) != len(named.All) {
			t.Errorf("--peak ama_dablam: %d photos, name search %d", len(res.All), len(named.All))
		}
		for _, h := range res.Hits {
			if !shows(h.Photo, "ama_dablam") {
				t.Errorf("--peak ama_dablam returned %s predicting %v", h.Rel, h.PredictedPeaks)
			}
		}
	})
}

// TestSearchFilters checks every filter and order on generated photos whose clocks stand in different
// offsets: dates are compared on each photo's own clock, not in UTC.
func TestSearchFilters(t *testing.T) {
	album := t.TempDir()
	photo := func(name, shot, offset string, lat, lon float64) {
		e := mediatest.EXIF{ShotTime: shot, Offset: offset, HasGPS: lat != 0, Lat: lat, Lon: lon}
		writeFile(t, album, name, mediatest.SolidJPEG(t, color.Gray{128}, 64, 48, e.Bytes()))
	}
	photo("denver.jpg", "2023:10:31 23:30:00", "-07:00", 39.74, -104.99) // 1 Nov 06:30 UTC
	photo("tokyo.jpg", "2023:11:01 07:00:00", "+09:00", 35.68, 139.69)   // 31 Oct 22:00 UTC
	photo("kathmandu.jpg", "2023:11:01 12:00:00", "+05:45", 27.71, 85.32)
	photo("undated.jpg", "", "", 27.72, 85.33)
	photo("nowhere.jpg", "2023:11:02 12:00:00", "", 0, 0)
	lib := openTestLibrary(t, album)
	scan(t, lib)
	rels := func(q Query) []string { t.Helper(); return hitRels(t, lib, q) }
	day := func(s string) (time.Time, time.Time) {
		from, _ := ParseDate(s, false)
		to, _ := ParseDate(s, true)
		return from, to
	}
	from, to := day("2023-10-31")
	if got := rels(Query{From: from, To: to}); !slices.Equal(got, []string{"denver.jpg"}) {
		t.Errorf("31 Oct on the photos' clocks: %v, want denver.jpg", got)
	}
	from, to = day("2023-11-01")
	if got := rels(Query{From: from, To: to}); !slices.Equal(got, []string{"kathmandu.jpg", "tokyo.jpg"}) {
		t.Errorf("1 Nov on the photos' clocks: %v, want kathmandu.jpg, tokyo.jpg", got)
	}
	if got := rels(Query{}); !slices.Equal(got, []string{"nowhere.jpg", "kathmandu.jpg", "tokyo.jpg", "denver.jpg", "undated.jpg"}) {
		t.Errorf("browse: %v, want newest first, undated last", got)
	}
	if got := rels(Query{Sort: Oldest}); !slices.Equal(got, []string{"denver.jpg", "tokyo.jpg", "kathmandu.jpg", "nowhere.jpg", "undated.jpg"}) {
		t.Errorf("oldest first: %v", got)
	}
	if got := rels(Query{Near: &Circle{Lat: 27.7, Lon: 85.3, KM: 5}}); !slices.Equal(got, []string{"kathmandu.jpg", "undated.jpg"}) {
		t.Errorf("near Kathmandu: %v", got)
	}
	if got := rels(Query{Box: &Box{South: 30, West: 100, North: 40, East: 150}}); !slices.Equal(got, []string{"tokyo.jpg"}) {
		t.Errorf("box around Japan: %v", got)
	}
	if got := rels(Query{Box: &Box{South: 30, West: 170, North: 45, East: -100}}); !slices.Equal(got, []string{"denver.jpg"}) {
		t.Errorf("box across the antimeridian: %v", got)
	}
	if got := rels(Query{Text: "kathmandu"}); !slices.Equal(got, []string{"kathmandu.jpg"}) {
		t.Errorf("file name: %v", got)
	}
	if got := rels(Query{Text: "kathmandu", From: from, To: to, Near: &Circle{Lat: 35.68, Lon: 139.69, KM: 1}}); len(got) != 0 {
		t.Errorf("file name outside the filters: %v", got)
	}
	if got := rels(Query{K: 2}); len(got) != 2 {
		t.Errorf("K=2: %v", got)
	}
}

func TestSearchErrors(t *testing.T) {
	album := t.TempDir()
	lib := openTestLibrary(t, album)
	scan(t, lib)
	if _, err := lib.Search(context.Background(), Query{Text: "x"}); !errors.Is(err, ErrEmptyLibrary) {
		t.Errorf("empty library: %v", err)
	}
	writeJPEG(t, album, "a.jpg", color.White, 32, 32)
	scan(t, lib)
	if _, err := lib.Search(context.Background(), Query{Peaks: []string{"mont_blanc"}}); !errors.Is(err, ErrUnknownPeak) || !strings.Contains(err.Error(), "mont_blanc") {
		t.Errorf("unknown peak: %v", err)
	}
	from, _ := ParseDate("2024-01-02", false)
	to, _ := ParseDate("2024-01-01", true)
	if _, err := lib.Search(context.Background(), Query{From: from, To: to}); err == nil {
		t.Error("a range ending before it starts: no error")
	}
}

// TestConceptAndSimilarWithTinyModel runs concept search and search by photo end to end through ONNX
// Runtime, with filters.
func TestConceptAndSimilarWithTinyModel(t *testing.T) {
	m := loadTinyModel(t, "tiny")
	album, root := t.TempDir(), t.TempDir()
	red, blue := color.RGBA{220, 20, 20, 255}, color.RGBA{20, 20, 220, 255}
	photo := func(name string, c color.Color, lat, lon float64) {
		e := mediatest.EXIF{ShotTime: "2023:11:01 12:00:00", Offset: "+05:45", HasGPS: true, Lat: lat, Lon: lon}
		writeFile(t, album, name, mediatest.SolidJPEG(t, c, 96, 64, e.Bytes()))
	}
	photo("red-namche.jpg", red, 27.80, 86.71)
	photo("red-gorak.jpg", red, 27.98, 86.83)
	photo("blue-namche.jpg", blue, 27.80, 86.72)
	photo("blue-gorak.jpg", blue, 27.98, 86.82)
	lib, err := Open(album, true, Options{DataRoot: root, Embedder: m, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	scan(t, lib)
	gorak := &Circle{Lat: 27.98, Lon: 86.83, KM: 3}

	res := find(t, lib, Query{Text: "red"})
	if len(res.Hits) < 2 || !strings.HasPrefix(res.Hits[0].Rel, "red") || !strings.HasPrefix(res.Hits[1].Rel, "red") {
		t.Fatalf("red: %v", res.Hits)
	}
	res = find(t, lib, Query{Text: "red", Near: gorak})
	if len(res.Hits) != 2 || res.Hits[0].Rel != "red-gorak.jpg" {
		t.Fatalf("red near Gorak Shep: %v, want red-gorak first and nothing from Namche", res.Hits)
	}

	dropped := filepath.Join(t.TempDir(), "dropped.jpg")
	if err := os.WriteFile(dropped, mediatest.SolidJPEG(t, blue, 80, 80, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = lib.Similar(context.Background(), dropped, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Photo == nil || res.Photo.Vector == nil || len(res.Hits) < 2 || !strings.HasPrefix(res.Hits[0].Rel, "blue") || !strings.HasPrefix(res.Hits[1].Rel, "blue") {
		t.Fatalf("similar to a blue photo: %+v", res.Hits)
	}
	res, err = lib.Similar(context.Background(), dropped, Query{Near: gorak, K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Rel != "blue-gorak.jpg" {
		t.Fatalf("similar near Gorak Shep, k=1: %+v", res.Hits)
	}
}
