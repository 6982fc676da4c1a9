package library

import (
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// alpsCatalog is a user catalog of three peaks of the Valais Alps (testdata/alps.yaml).
var alpsCatalog = string(must(os.ReadFile(filepath.Join("testdata", "alps.yaml"))))

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestUserCatalogNamesPeaksOfOtherRanges: a photo from the Alps names no peak with the bundled Khumbu catalog;
// once the user adds a catalog of the Alps, the next scan names the Matterhorn without decoding the photo again.
func TestUserCatalogNamesPeaksOfOtherRanges(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	gornergrat := mediatest.EXIF{ShotTime: "2024:08:14 07:12:00", Offset: "+02:00", HasGPS: true, Lat: 45.9833, Lon: 7.7850,
		HasAltitude: true, AltitudeM: 3089, HasHeading: true, HeadingDeg: 265, Focal35mm: 26}
	writeFile(t, album, "gornergrat.jpg", mediatest.SolidJPEG(t, color.Gray{150}, 400, 300, gornergrat.Bytes()))

	lib, err := Open(album, true, Options{DataRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	scan(t, lib)
	p, _ := lib.Photo(PhotoID("gornergrat.jpg"))
	lib.Close()
	if len(p.PredictedPeaks) != 0 {
		t.Fatalf("Khumbu catalog named %v in the Alps", p.PredictedPeaks)
	}

	writeFile(t, filepath.Join(root, CatalogsDir), "alps.yaml", []byte(alpsCatalog))
	lib, err = Open(album, false, Options{DataRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != 0 || sum.Rederived != 1 {
		t.Fatalf("scan after adding a catalog: %+v, want the photo re-identified without reading it", sum)
	}
	p, _ = lib.Photo(PhotoID("gornergrat.jpg"))
	if len(p.PredictedPeaks) == 0 || p.PredictedPeaks[0].ID != "matterhorn" || p.PredictedPeaks[0].Source != "geometry" {
		t.Fatalf("predicted %+v, want the Matterhorn from geometry", p.PredictedPeaks)
	}
	if !strings.Contains(p.PredictedPeaks[0].Explanation, "km at bearing") {
		t.Errorf("explanation %q", p.PredictedPeaks[0].Explanation)
	}
	if lib.Manifest().CatalogDigest != lib.Catalog().Digest() {
		t.Error("manifest does not record the catalog it named peaks with")
	}
}

func TestBadUserCatalogIsNamed(t *testing.T) {
	root := t.TempDir()
	bad := strings.Replace(alpsCatalog, "lon: 7.6586", "lon: east", 1)
	writeFile(t, filepath.Join(root, CatalogsDir), "alps.yaml", []byte(bad))
	_, err := Open(t.TempDir(), true, Options{DataRoot: root})
	if err == nil || !strings.Contains(err.Error(), "alps.yaml:3") || !strings.Contains(err.Error(), "lon") {
		t.Fatalf("bad catalog: %v, want an error naming alps.yaml:3 and the field", err)
	}
	if _, err := os.Stat(filepath.Join(root, "libraries")); err == nil {
		t.Error("a library was created despite the bad catalog")
	}
}
