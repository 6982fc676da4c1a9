package library

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unsafe"
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
		if at, ok := tab.at.find(tab.rows, r.Key); !ok || at != i {
			t.Fatalf("key of row %d maps to %d (%v)", i, at, ok)
		}
	}
	if tab.at.n != len(tab.rows) {
		t.Fatalf("%d keys indexed for %d rows", tab.at.n, len(tab.rows))
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
	got, err := decodeSnapshot(slices.Clone(snap))
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
	sameTable(t, got, tab)

	// A torn last record is cut off and leaves the table one generation behind.
	again, _ := decodeSnapshot(slices.Clone(snap))
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
			if q.Text == "" && q.filters() { // what a vector filter allows: the same rows
				tab, _ := lib.table()
				tab.mu.RLock()
				s := &search{l: lib, q: q, t: tab, f: q.rowFilter(tab)}
				var allowed []uint64
				s.eachAllowed(func(r int32) { allowed = append(allowed, tab.rows[r].Key) })
				tab.mu.RUnlock()
				slices.Sort(allowed)
				allowed = slices.Compact(allowed)
				slices.Sort(want)
				if !slices.Equal(allowed, want) {
					t.Fatalf("round %d, query %+v: %d rows allowed, want %d", round, q, len(allowed), len(want))
				}
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
		if want != nil && !slices.ContainsFunc(tab.peaksOf(&r), func(p rowPeak) bool { return slices.Contains(want, tab.peakIDs[p.Peak]) }) {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b tableRow) int {
		if tab.newer(&a, &b) {
			return -1
		}
		return 1
	})
	if q.Sort == Oldest {
		dated := 0
		for dated < len(rows) && rows[dated].HasTime() {
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

// sameTable checks that got holds the rows of want, whatever their order in memory.
func sameTable(t *testing.T, got, want *photoTable) {
	t.Helper()
	if len(got.rows) != len(want.rows) {
		t.Fatalf("%d rows, want %d", len(got.rows), len(want.rows))
	}
	for i := range want.rows {
		w := want.loose(&want.rows[i])
		r := got.row(w.Key)
		if r == nil {
			t.Fatalf("row %s missing", w.Rel)
		}
		g := got.loose(r)
		if g.Rel != w.Rel || g.LocalMs != w.LocalMs || g.HasTime != w.HasTime || g.HasGPS != w.HasGPS ||
			g.Lat != w.Lat || g.Size != w.Size || g.Embedded != w.Embedded || len(g.Peaks) != len(w.Peaks) {
			t.Fatalf("row %s read back as %+v, want %+v", w.Rel, g, w)
		}
		for k, p := range w.Peaks {
			if got.peakIDs[g.Peaks[k].Peak] != want.peakIDs[p.Peak] || g.Peaks[k].Score != p.Score {
				t.Fatalf("row %s: peak %d differs", w.Rel, k)
			}
		}
	}
}

// TestSnapshotUsedInPlace: a snapshot read back is the table, and the table read from it (its rows, paths and
// peaks in the file's memory) takes further writes, removals and the dropping of dead paths like any other.
func TestSnapshotUsedInPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	tab := newPhotoTable(nil, nil)
	if empty, err := decodeSnapshot(tab.encodeSnapshot()); err != nil || len(empty.rows) != 0 {
		t.Fatalf("the empty table read back as %v (%v)", empty, err)
	}
	step := func(tab *photoTable, gen uint64) {
		var puts []Photo
		for range 50 {
			p := tablePhoto(r, r.IntN(400))
			if r.IntN(3) == 0 {
				p.Rel = fmt.Sprintf("moved/%d/%s", gen, p.Rel) // a new path for a known photo
			}
			if r.IntN(2) == 0 {
				p.GPS = &LatLon{Lat: r.Float64()*10 - 5, Lon: r.Float64()*10 - 5}
			}
			puts = append(puts, p)
		}
		var dels []uint64
		for range r.IntN(6) {
			if len(tab.rows) > 0 {
				dels = append(dels, tab.rows[r.IntN(len(tab.rows))].Key)
			}
		}
		if tab.apply(puts, dels, gen) == nil {
			t.Fatalf("generation %d: a table in step gave no log record", gen)
		}
	}
	for gen := uint64(1); gen <= 40; gen++ {
		step(tab, gen)
	}
	got, err := decodeSnapshot(tab.encodeSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	checkOrder(t, got)
	sameTable(t, got, tab)
	for gen := uint64(41); gen <= 200; gen++ { // enough replaced paths that compact runs
		step(got, gen)
	}
	checkOrder(t, got)
	if len(got.rels) > 2*got.relsUsed+1<<16 {
		t.Fatalf("paths take %d bytes for %d used", len(got.rels), got.relsUsed)
	}
	again, err := decodeSnapshot(got.encodeSnapshot())
	if err != nil {
		t.Fatal(err)
	}
	sameTable(t, again, got)
}

// TestSnapshotRefusesDamage: a snapshot cut short, or one whose checksum holds but whose spans point outside
// it, is refused, never read out of bounds.
func TestSnapshotRefusesDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	tab := newPhotoTable(nil, nil)
	var puts []Photo
	for i := range 100 {
		puts = append(puts, tablePhoto(r, i))
	}
	tab.apply(puts, nil, 1)
	snap := tab.encodeSnapshot()
	for _, n := range []int{0, 10, tableHeader, len(snap) / 2, len(snap) - 5, len(snap) - 1} {
		if _, err := decodeSnapshot(snap[:n]); err == nil {
			t.Errorf("a snapshot cut to %d of %d bytes was read", n, len(snap))
		}
	}
	reseal := func(b []byte) []byte {
		a, c := tableSums(b[:len(b)-8])
		binary.LittleEndian.PutUint32(b[len(b)-8:], a)
		binary.LittleEndian.PutUint32(b[len(b)-4:], c)
		return b
	}
	rowsAt := bytes.Index(snap, bytesOf(tab.rows[:1]))
	slotsAt := rowsAt + len(tab.rows)*int(unsafe.Sizeof(tableRow{})) + (len(tab.rows)*4+7)/8*8
	used := slices.IndexFunc(tab.at.slots, func(s int32) bool { return s > 0 })
	if rowsAt < 0 || !bytes.Equal(snap[slotsAt:slotsAt+4*len(tab.at.slots)], bytesOf(tab.at.slots)) {
		t.Fatal("the rows or the key index are not in the snapshot as they are in memory")
	}
	for name, damage := range map[string]func(b []byte){
		"path outside":      func(b []byte) { binary.NativeEndian.PutUint32(b[rowsAt+56:], 1<<30) },
		"peaks outside":     func(b []byte) { binary.NativeEndian.PutUint32(b[rowsAt+60:], 1<<30) },
		"row count":         func(b []byte) { binary.LittleEndian.PutUint32(b[len(tableMagic)+20:], 1<<31) },
		"key index outside": func(b []byte) { binary.NativeEndian.PutUint32(b[slotsAt+4*used:], 1000) },
		"key index short":   func(b []byte) { binary.NativeEndian.PutUint32(b[slotsAt+4*used:], 0) },
		"key index size":    func(b []byte) { binary.LittleEndian.PutUint64(b[len(tableMagic)+40:], 100) },
	} {
		b := reseal(slices.Clone(snap))
		damage(b)
		if _, err := decodeSnapshot(reseal(b)); err == nil {
			t.Errorf("%s: read", name)
		}
	}
}

// TestKeyIndexFollowsAMap: the table's index of keys agrees with a map through puts, removals and moves.
func TestKeyIndexFollowsAMap(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	var rows []tableRow
	var x keyIndex
	want := map[uint64]int{}
	for range 20_000 {
		if len(rows) > 0 && r.IntN(3) == 0 { // remove one, moving the last into its place
			i := r.IntN(len(rows))
			k := rows[i].Key
			x.remove(rows, k)
			delete(want, k)
			last := len(rows) - 1
			if i != last {
				rows[i] = rows[last]
				x.moved(rows, last, i)
				want[rows[i].Key] = i
			}
			rows = rows[:last]
			continue
		}
		k := r.Uint64() % 5000 // small keys: many collide in their home slot
		if _, ok := want[k]; ok {
			if x.put(append(rows, tableRow{Key: k}), len(rows)) {
				t.Fatalf("key %d put twice", k)
			}
			continue
		}
		rows = append(rows, tableRow{Key: k})
		if !x.put(rows, len(rows)-1) {
			t.Fatalf("key %d refused", k)
		}
		want[k] = len(rows) - 1
	}
	for k, i := range want {
		if got, ok := x.find(rows, k); !ok || got != i {
			t.Fatalf("key %d: row %d (%v), want %d", k, got, ok, i)
		}
	}
	for k := uint64(5000); k < 5100; k++ {
		if _, ok := x.find(rows, k); ok {
			t.Fatalf("absent key %d found", k)
		}
	}
}

// encodeSnapshotV6 writes t as table version 6 wrote its snapshot (rows one by one), for the reading of a
// library an earlier version left.
func encodeSnapshotV6(t *photoTable) []byte {
	le := binary.LittleEndian
	b := append([]byte(tableMagic), 6, 0, 0, 0)
	b = le.AppendUint64(b, t.gen)
	b = le.AppendUint32(b, uint32(len(t.peakIDs)))
	for _, id := range t.peakIDs {
		b = le.AppendUint16(b, uint16(len(id)))
		b = append(b, id...)
	}
	b = le.AppendUint32(b, uint32(len(t.rows)))
	rels, peaks := 0, 0
	for i := range t.rows {
		l := t.loose(&t.rows[i])
		b = appendRowFixed(b, &l)
		rels += len(l.Rel)
		peaks += len(l.Peaks)
	}
	b = le.AppendUint32(b, uint32(rels))
	for i := range t.rows {
		b = append(b, t.rel(&t.rows[i])...)
	}
	b = le.AppendUint32(b, uint32(peaks))
	for i := range t.rows {
		for _, p := range t.peaksOf(&t.rows[i]) {
			b = le.AppendUint16(b, p.Peak)
			b = le.AppendUint32(b, math.Float32bits(p.Score))
		}
	}
	for _, r := range t.newest {
		b = le.AppendUint32(b, uint32(r))
	}
	return le.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// TestSnapshotOfVersion6: a library's snapshot of table version 6 is read as the last good copy, with its
// order, and saved in the current version by the next open that may write.
func TestSnapshotOfVersion6(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	tab := newPhotoTable(nil, nil)
	var puts []Photo
	for i := range 300 {
		puts = append(puts, tablePhoto(r, i))
	}
	tab.apply(puts, nil, 1)
	tab.apply(puts[:40], []uint64{tab.rows[7].Key}, 2)
	old := encodeSnapshotV6(tab)
	got, err := decodeSnapshot(slices.Clone(old))
	if err != nil {
		t.Fatal(err)
	}
	if got.gen != tab.gen || !got.legacy {
		t.Fatalf("generation %d (legacy %v), want %d", got.gen, got.legacy, tab.gen)
	}
	checkOrder(t, got)
	sameTable(t, got, tab)
	damaged := slices.Clone(old)
	damaged[len(damaged)/2] ^= 1
	if _, err := decodeSnapshot(damaged); err == nil {
		t.Error("a damaged snapshot of version 6 was read")
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, tableFile), old, 0o644); err != nil {
		t.Fatal(err)
	}
	l := &Library{dir: dir}
	if read := l.readTable(); read == nil || len(read.rows) != len(tab.rows) {
		t.Fatal("the library's snapshot of version 6 was not read")
	}
	saved, err := os.ReadFile(filepath.Join(dir, tableFile))
	if err != nil {
		t.Fatal(err)
	}
	again, err := decodeSnapshot(saved)
	if err != nil || again.legacy {
		t.Fatalf("not saved in the current version: %v", err)
	}
	sameTable(t, again, tab)
}
