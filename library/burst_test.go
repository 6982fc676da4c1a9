package library

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"hash/crc32"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestBurstSortsBySubSeconds: three photos of one burst share their second and differ in
// SubSecTimeOriginal; they sort in capture order both ways, whatever their names, their shot_times carry the
// fractions, and a date range ending at that second still holds all three. The file names are in neither
// capture order, so a sort that fell back to the path would show.
func TestBurstSortsBySubSeconds(t *testing.T) {
	album := t.TempDir()
	burst := []struct{ name, subsec, want string }{
		{"burst_b.jpg", "100", "2023-11-05T07:55:56.100+05:45"},
		{"burst_a.jpg", "400", "2023-11-05T07:55:56.400+05:45"},
		{"burst_c.jpg", "700", "2023-11-05T07:55:56.700+05:45"},
	}
	for _, b := range burst {
		e := mediatest.EXIF{ShotTime: "2023:11:05 07:55:56", SubSec: b.subsec, Offset: "+05:45"}
		writeFile(t, album, b.name, mediatest.SolidJPEG(t, color.Gray{128}, 64, 48, e.Bytes()))
	}
	lib := openTestLibrary(t, album)
	scan(t, lib)
	rels := func(q Query) []string { t.Helper(); return hitRels(t, lib, q) }
	newest := []string{"burst_c.jpg", "burst_a.jpg", "burst_b.jpg"}
	oldest := []string{"burst_b.jpg", "burst_a.jpg", "burst_c.jpg"}
	if got := rels(Query{}); !slices.Equal(got, newest) {
		t.Errorf("newest first: %v, want %v", got, newest)
	}
	if got := rels(Query{Sort: Oldest}); !slices.Equal(got, oldest) {
		t.Errorf("oldest first: %v, want %v", got, oldest)
	}
	from, _ := ParseDate("2023-11-05T07:55:56", false)
	to, _ := ParseDate("2023-11-05T07:55:56", true)
	if got := rels(Query{From: from, To: to, Sort: Oldest}); !slices.Equal(got, oldest) {
		t.Errorf("from and to the burst's second: %v, want %v", got, oldest)
	}
	photos, err := lib.Photos(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, p := range photos {
		listed = append(listed, p.Rel)
		for _, b := range burst {
			if p.Rel == b.name && p.ShotTime.String() != b.want {
				t.Errorf("%s: shot_time %s, want %s", p.Rel, p.ShotTime, b.want)
			}
		}
	}
	if !slices.Equal(listed, newest) {
		t.Errorf("photos listed %v, want %v", listed, newest)
	}
}

// TestTableCacheOfAnotherVersionIsRebuilt: a cache file written by another version of the table (whole
// seconds before sub-seconds were kept) is not read, even at the index's generation.
func TestTableCacheOfAnotherVersionIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	l := &Library{dir: dir, opt: Options{ReadOnly: true}}
	write := func(version int) {
		var buf bytes.Buffer
		c := oldTable{Version: version, Generation: 7, Rows: []looseRow{{Key: 1, Rel: "a.jpg", HasTime: true, LocalMs: 1_699_170_956_100}}}
		if err := gob.NewEncoder(&buf).Encode(c); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tableGob), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(4)
	if l.readOldTable() != nil {
		t.Error("a cache of whole seconds was read")
	}
	write(5)
	tab := l.readOldTable()
	if tab == nil || len(tab.rows) != 1 || tab.rows[0].LocalMs != 1_699_170_956_100 || tab.gen != 7 {
		t.Fatal("the last gob version's cache was not read back")
	}
	// A snapshot of another encoding version is not read either.
	snap := tab.encodeSnapshot()
	binary.LittleEndian.PutUint32(snap[len(tableMagic):], tableVersion-1)
	binary.LittleEndian.PutUint32(snap[len(snap)-4:], crc32.Checksum(snap[:len(snap)-4], castagnoli))
	if _, err := decodeSnapshot(snap); err == nil {
		t.Error("a snapshot of the previous version was read")
	}
}
