package testenv

import (
	"encoding/csv"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// TruthRow is one line of an exiftool -n -csv file, by column name.
type TruthRow map[string]string

// ReadTruth loads an exiftool -n -csv file keyed by SourceFile (any leading "./" removed). Values may hold
// commas and quotes, so it is read as real CSV.
func ReadTruth(t testing.TB, path string) map[string]TruthRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open truth: %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read truth %s: %v", path, err)
	}
	rows := map[string]TruthRow{}
	header := records[0]
	for _, rec := range records[1:] {
		row := TruthRow{}
		for i, name := range header {
			row[name] = rec[i]
		}
		rows[strings.TrimPrefix(row["SourceFile"], "./")] = row
	}
	return rows
}

// GeoShot is a photo of a truth file that records where and when it was taken.
type GeoShot struct {
	Name          string    // the truth file's SourceFile
	At            time.Time // DateTimeOriginal with OffsetTimeOriginal, in UTC
	Lat, Lon, Ele float64   // GPSLatitude, GPSLongitude, GPSAltitude
}

// GeoShots returns the rows of an exiftool -n -csv file under prefix that record a position, a capture time
// and its offset, oldest first.
func GeoShots(t testing.TB, rows map[string]TruthRow, prefix string) []GeoShot {
	t.Helper()
	var shots []GeoShot
	for name, r := range rows {
		if !strings.HasPrefix(name, prefix) || r["GPSLatitude"] == "" || r["OffsetTimeOriginal"] == "" {
			continue
		}
		at, err := time.Parse("2006:01:02 15:04:05-07:00", r["DateTimeOriginal"]+r["OffsetTimeOriginal"])
		if err != nil {
			t.Fatalf("truth %s: %v", name, err)
		}
		s := GeoShot{Name: name, At: at.UTC()}
		fmt.Sscan(r["GPSLatitude"], &s.Lat)
		fmt.Sscan(r["GPSLongitude"], &s.Lon)
		fmt.Sscan(r["GPSAltitude"], &s.Ele)
		shots = append(shots, s)
	}
	slices.SortFunc(shots, func(a, b GeoShot) int { return a.At.Compare(b.At) })
	return shots
}
