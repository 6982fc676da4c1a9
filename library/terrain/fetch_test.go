package terrain

import (
	"bytes"
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// mirror is a tile service in the SRTM layout serving generated tiles, with Range requests, a tile whose first
// download drops the connection half way, a corrupt tile and tiles it does not have.
type mirror struct {
	mu      sync.Mutex
	files   map[string][]byte // by URL path
	dropped map[string]bool   // paths whose first GET was cut
	ranges  []string          // Range headers received, by path
	gets    map[string]int
}

func newMirror(t *testing.T) (*mirror, *httptest.Server) {
	m := &mirror{files: map[string][]byte{}, dropped: map[string]bool{}, gets: map[string]int{}}
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	return m, srv
}

func (m *mirror) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	body, ok := m.files[r.URL.Path]
	m.gets[r.URL.Path]++
	cut := m.dropped[r.URL.Path] && m.gets[r.URL.Path] == 1
	if rg := r.Header.Get("Range"); rg != "" {
		m.ranges = append(m.ranges, r.URL.Path+" "+rg)
	}
	m.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	if cut {
		// Announce the whole file, send half, and drop the connection.
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	http.ServeContent(w, r, "", time.Unix(1e9, 0), bytes.NewReader(body))
}

func TestFetchResumesVerifiesAndReportsTheSea(t *testing.T) {
	m, srv := newMirror(t)
	good := gzipBytes(t, makeHGT(samples3, plane))
	m.files["/N10/N10E020.hgt.gz"] = good
	m.files["/N10/N10E021.hgt.gz"] = gzipBytes(t, makeHGT(samples3, func(r, c int) int16 { return 7 }))
	m.dropped["/N10/N10E021.hgt.gz"] = true
	m.files["/N11/N11E020.hgt.gz"] = gzipBytes(t, make([]byte, 5000)) // gunzips, but to no tile
	// N11E021 is sea: the service does not have it.
	dir := t.TempDir()
	var last FetchProgress
	calls := 0
	rep, err := Fetch(context.Background(), dir, Box{South: 10.2, West: 20.5, North: 11.9, East: 21.5},
		FetchOptions{BaseURL: srv.URL + "/", Progress: func(p FetchProgress) { last, calls = p, calls+1 }})
	if err == nil || !strings.Contains(err.Error(), "N11E020") || !strings.Contains(err.Error(), "rejected") {
		t.Errorf("error %v, want the corrupt N11E020 rejected", err)
	}
	if !slices.Equal(rep.Fetched, []string{"N10E020", "N10E021"}) || !slices.Equal(rep.Unavailable, []string{"N11E021"}) {
		t.Errorf("report %+v", rep)
	}
	if len(m.ranges) != 1 || !strings.HasPrefix(m.ranges[0], "/N10/N10E021.hgt.gz bytes=") {
		t.Errorf("range requests %v, want one resuming N10E021", m.ranges)
	}
	if calls == 0 || last.Done != 4 || last.Total != 4 || last.FetchedBytes == 0 {
		t.Errorf("last progress %+v after %d calls", last, calls)
	}
	for _, p := range []string{"N10/N10E020.hgt.gz", "N10/N10E021.hgt.gz"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	for _, p := range []string{"N11/N11E020.hgt.gz", "N11/N11E020.hgt.gz.part", "N10/N10E021.hgt.gz.part"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	if z, ok := d.Elevation(10.5, 21.5); !ok || z != 7 {
		t.Errorf("the resumed tile reads %.0f %v, want 7", z, ok)
	}

	// Again: what is there is not fetched twice.
	m.gets = map[string]int{}
	rep, _ = Fetch(context.Background(), dir, Box{South: 10.2, West: 20.5, North: 11.9, East: 21.5}, FetchOptions{BaseURL: srv.URL})
	if !slices.Equal(rep.Present, []string{"N10E020", "N10E021"}) || m.gets["/N10/N10E020.hgt.gz"] != 0 {
		t.Errorf("second fetch %+v, gets %v", rep, m.gets)
	}
}

func TestFetchCancelKeepsThePartialFile(t *testing.T) {
	m, srv := newMirror(t)
	m.files["/N10/N10E020.hgt.gz"] = gzipBytes(t, makeHGT(samples3, func(r, c int) int16 { return int16(r * c % 7919) }))
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Fetch(ctx, dir, Box{South: 10.1, West: 20.1, North: 10.9, East: 20.9}, FetchOptions{BaseURL: srv.URL,
		Progress: func(p FetchProgress) {
			if p.Bytes > 0 {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled fetch: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "N10", "N10E020.hgt.gz")); err == nil {
		t.Error("a cancelled download took its final name")
	}
	// The next fetch resumes and completes it.
	rep, err := Fetch(context.Background(), dir, Box{South: 10.1, West: 20.1, North: 10.9, East: 20.9}, FetchOptions{BaseURL: srv.URL})
	if err != nil || !slices.Equal(rep.Fetched, []string{"N10E020"}) {
		t.Errorf("resumed fetch: %+v %v", rep, err)
	}
}

func TestFetchRefusesBadBoxes(t *testing.T) {
	for _, b := range []Box{{10, 20, 9, 21}, {10, 21, 11, 20}, {-91, 0, 0, 1}, {-60, -180, 60, 180}} {
		if _, err := Fetch(context.Background(), t.TempDir(), b, FetchOptions{BaseURL: "http://127.0.0.1:1"}); err == nil {
			t.Errorf("box %+v fetched", b)
		}
	}
}

func TestImport(t *testing.T) {
	src := t.TempDir()
	raw := makeHGT(samples3, plane)
	writeFile(t, filepath.Join(src, "N10E020.hgt.zip"), zipBytes(t, "N10E020.hgt", raw))
	writeFile(t, filepath.Join(src, "n10e021.hgt"), raw)
	writeFile(t, filepath.Join(src, "N10E022.hgt.gz"), []byte("not gzip"))
	writeFile(t, filepath.Join(src, "terrain.hgt"), raw)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), makeHGT(samples3, func(int, int) int16 { return 1 })) // replaced
	names, err := Import(dir, []string{
		filepath.Join(src, "N10E020.hgt.zip"), filepath.Join(src, "n10e021.hgt"),
		filepath.Join(src, "N10E022.hgt.gz"), filepath.Join(src, "terrain.hgt"), filepath.Join(src, "N10E023.hgt"),
	})
	if !slices.Equal(names, []string{"N10E020", "N10E021"}) {
		t.Errorf("imported %v", names)
	}
	for _, want := range []string{"N10E022.hgt.gz", "terrain.hgt", "N10E023.hgt"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	cov := d.Coverage()
	if len(cov) != 2 || filepath.Base(cov[0].Source) != "N10E020.hgt.zip" || filepath.Base(filepath.Dir(cov[1].Source)) != "N10" {
		t.Errorf("coverage after import: %+v", cov)
	}
	if z, ok := d.Elevation(11-0.5/1200.0, 20+0.25/1200.0); !ok || math.Abs(z-1001.25) > 1e-6 {
		t.Errorf("imported tile reads %.2f %v", z, ok)
	}
}
