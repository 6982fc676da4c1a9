package library

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// tablePhoto makes a photo for table tests: some without a time, many sharing one, a few peaks.
func tablePhoto(r *rand.Rand, i int) Photo {
	rel := fmt.Sprintf("d%d/p%05d.jpg", i%7, i)
	p := Photo{ID: PhotoID(rel), Rel: rel, Size: int64(i)}
	if r.IntN(10) > 0 {
		p.ShotTime = NewShotTime(time.Date(2020, 1, 1+r.IntN(30), r.IntN(3), 0, 0, 0, time.UTC), true)
	}
	for range r.IntN(3) {
		p.PredictedPeaks = append(p.PredictedPeaks, PeakGuess{ID: fmt.Sprintf("peak%d", r.IntN(9)), Score: r.Float64()})
	}
	return p
}

// checkOrder compares the table's maintained order with a sort of its rows.
func checkOrder(t *testing.T, tab *photoTable) {
	t.Helper()
	want := make([]int32, len(tab.rows))
	for i := range want {
		want[i] = int32(i)
	}
	slices.SortFunc(want, tab.compareNewer)
	if !slices.Equal(tab.newest, want) {
		t.Fatalf("order newest first drifted from a sort of %d rows", len(tab.rows))
	}
	for p, r := range tab.newest {
		if tab.pos[r] != int32(p) {
			t.Fatalf("row %d is at %d but its place says %d", r, p, tab.pos[r])
		}
	}
	for i, r := range tab.rows {
		if tab.at[r.Key] != i {
			t.Fatalf("key of row %d maps to %d", i, tab.at[r.Key])
		}
	}
}

func TestTableOrderFollowsWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tab := newPhotoTable(nil, nil)
	live := map[int]bool{}
	for step := range 60 {
		var puts []Photo
		for range r.IntN(40) {
			i := r.IntN(500)
			puts = append(puts, tablePhoto(r, i)) // new photos, and known ones with a new time
			live[i] = true
		}
		var dels []uint64
		for i := range live {
			if r.IntN(20) == 0 {
				dels = append(dels, vectorKey(PhotoID(fmt.Sprintf("d%d/p%05d.jpg", i%7, i))))
				delete(live, i)
			}
		}
		tab.apply(puts, dels, uint64(step+1))
		checkOrder(t, tab)
		if len(tab.rows) != len(live) {
			t.Fatalf("step %d: %d rows, want %d", step, len(tab.rows), len(live))
		}
	}
}

func TestTableFilesRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	tab := newPhotoTable(nil, nil)
	var log []byte
	var snap []byte
	for step := range 30 {
		var puts []Photo
		for range 20 {
			puts = append(puts, tablePhoto(r, r.IntN(300)))
		}
		var dels []uint64
		if step%4 == 3 {
			dels = append(dels, tab.rows[r.IntN(len(tab.rows))].Key)
		}
		rec := tab.apply(puts, dels, uint64(step+1))
		if rec == nil {
			t.Fatalf("step %d: a table in step gave no log record", step)
		}
		log = append(log, rec...)
		if step == 9 {
			snap, log = tab.encodeSnapshot(), nil
		}
	}
	got, err := decodeSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	if good := got.replayLog(log); good != len(log) || got.gen != tab.gen {
		t.Fatalf("replayed %d of %d bytes up to generation %d, want %d", good, len(log), got.gen, tab.gen)
	}
	checkOrder(t, got)
	if len(got.rows) != len(tab.rows) {
		t.Fatalf("%d rows read back, want %d", len(got.rows), len(tab.rows))
	}
	for _, row := range tab.rows {
		g := got.rows[got.at[row.Key]]
		if g.Rel != row.Rel || g.LocalMs != row.LocalMs || g.HasTime != row.HasTime || len(g.Peaks) != len(row.Peaks) {
			t.Fatalf("row %s read back as %+v, want %+v", row.Rel, g, row)
		}
		for k, p := range row.Peaks {
			if got.peakIDs[g.Peaks[k].Peak] != tab.peakIDs[p.Peak] || g.Peaks[k].Score != p.Score {
				t.Fatalf("row %s: peak %d differs", row.Rel, k)
			}
		}
	}

	// A torn last record is cut off and leaves the table one generation behind.
	again, _ := decodeSnapshot(snap)
	if good := again.replayLog(log[:len(log)-3]); good >= len(log)-3 || again.gen != tab.gen-1 {
		t.Fatalf("torn log: kept %d bytes, generation %d; want fewer than %d and %d", good, again.gen, len(log)-3, tab.gen-1)
	}
	// Damage anywhere in the snapshot is noticed.
	bad := slices.Clone(snap)
	bad[len(bad)/2] ^= 1
	if _, err := decodeSnapshot(bad); err == nil {
		t.Fatal("a damaged snapshot was read")
	}
}

// TestTableServedWhileRebuilt: a table file behind the metadata index (a crash after the index's write, before
// the log's) is served as it is while a new one is built, and a lost table is built again.
func TestTableServedWhileRebuilt(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	opt := Options{DataRoot: root}
	lib, err := Open(album, true, opt)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	var photos []Photo
	for i := range 50 {
		photos = append(photos, tablePhoto(r, i))
	}
	if err := lib.Import(photos[:40], nil); err != nil {
		t.Fatal(err)
	}
	dir := lib.DirPath()
	logged, err := os.ReadFile(filepath.Join(dir, tableLog))
	if err != nil || len(logged) == 0 {
		t.Fatalf("a write left no log record (%v)", err)
	}
	if err := lib.Import(photos[40:], nil); err != nil {
		t.Fatal(err)
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	// Forget the last write's log record: the table files are one generation behind the index.
	if err := os.WriteFile(filepath.Join(dir, tableLog), logged, 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err = Open(album, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := lib.Search(t.Context(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.All); n != 40 && n != 50 {
		t.Fatalf("browse of a table being rebuilt: %d matches, want the 40 of the last good copy or all 50", n)
	}
	lib.bg.Wait()
	if res, err = lib.Search(t.Context(), Query{}); err != nil || len(res.All) != 50 {
		t.Fatalf("after the rebuild: %d matches (%v), want 50", len(res.All), err)
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	// Lost altogether: built from the index before the first answer.
	os.Remove(filepath.Join(dir, tableFile))
	lib, err = Open(album, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if res, err = lib.Search(t.Context(), Query{}); err != nil || len(res.All) != 50 {
		t.Fatalf("lost table: %d matches (%v), want 50", len(res.All), err)
	}
}

// TestBrowseMatchesBruteForce compares browses with filters and both time orders, and searches by peak name,
// with a filter and sort of every row, while the library changes between queries.
func TestBrowseMatchesBruteForce(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	lib, err := Open(album, true, Options{DataRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	r := rand.New(rand.NewPCG(9, 10))
	day := func(d int) time.Time { return time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC) }
	catPeaks := lib.Catalog().Peaks
	for round := range 6 {
		var photos []Photo
		for range 150 {
			p := tablePhoto(r, r.IntN(600))
			for k := range p.PredictedPeaks {
				p.PredictedPeaks[k].ID = catPeaks[r.IntN(4)].ID
			}
			if r.IntN(4) > 0 {
				p.GPS = &LatLon{Lat: 27.8 + r.Float64()*0.2, Lon: 86.7 + r.Float64()*0.2}
			}
			photos = append(photos, p)
		}
		if err := lib.Import(photos, nil); err != nil {
			t.Fatal(err)
		}
		if round%2 == 1 {
			tab, _ := lib.table()
			tab.mu.RLock()
			gone := []string{photoIDOfKey(tab.rows[0].Key), photoIDOfKey(tab.rows[len(tab.rows)/2].Key)}
			tab.mu.RUnlock()
			if err := lib.remove(gone); err != nil {
				t.Fatal(err)
			}
		}
		queries := []Query{
			{}, {Sort: Oldest},
			{From: day(5), To: day(12)}, {From: day(5), Sort: Oldest}, {To: day(20), Sort: Oldest},
			{Near: &Circle{Lat: 27.9, Lon: 86.8, KM: 6}}, {Near: &Circle{Lat: 27.9, Lon: 86.8, KM: 6}, Sort: Oldest},
			{Peaks: []string{catPeaks[1].ID}, From: day(3)}, {Peaks: []string{catPeaks[0].ID, catPeaks[2].ID}, Sort: Oldest},
			{Text: catPeaks[1].Name, Sort: Newest}, {Text: catPeaks[2].Name, To: day(15)},
			{Box: &Box{South: 27.85, West: 86.75, North: 27.93, East: 86.81}}, {Box: &Box{South: 27.8, West: 86.8, North: 28, East: -170}},
			{Near: &Circle{Lat: 27.85, Lon: 86.72, KM: 1.5}, Peaks: []string{catPeaks[3].ID}, Sort: Oldest},
		}
		for _, q := range queries {
			res, err := lib.Search(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			want := bruteForce(t, lib, q)
			got := make([]uint64, len(res.All))
			for i, m := range res.All {
				got[i] = m.key
			}
			if q.Text != "" {
				slices.Sort(got) // ranked by score: compare the sets
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, query %+v: %d matches, want %d (or another order)", round, q, len(got), len(want))
			}
		}
	}
}

// bruteForce filters every row of the library's table and sorts the matches as a browse does.
func bruteForce(t *testing.T, lib *Library, q Query) []uint64 {
	tab, err := lib.table()
	if err != nil {
		t.Fatal(err)
	}
	tab.mu.RLock()
	defer tab.mu.RUnlock()
	f := q.rowFilter(tab)
	var want []string
	if q.Text != "" {
		for _, p := range lib.opt.Catalog.Peaks {
			if p.Name == q.Text {
				want = append(want, p.ID)
			}
		}
	}
	var rows []tableRow
	for _, r := range tab.rows {
		if !f.allows(&r) {
			continue
		}
		if want != nil && !slices.ContainsFunc(r.Peaks, func(p rowPeak) bool { return slices.Contains(want, tab.peakIDs[p.Peak]) }) {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b tableRow) int {
		if newer(&a, &b) {
			return -1
		}
		return 1
	})
	if q.Sort == Oldest {
		dated := 0
		for dated < len(rows) && rows[dated].HasTime {
			dated++
		}
		slices.Reverse(rows[:dated])
	}
	out := make([]uint64, len(rows))
	for i, r := range rows {
		out[i] = r.Key
	}
	return out
}
