package library_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// crashAlbumSize is how many photos the crash test's album starts with.
const crashAlbumSize = 300

// crashKills is how many times the crash test kills a scan; CAIRN_CRASH_KILLS asks for more.
func crashKills(t *testing.T) int {
	if s := os.Getenv("CAIRN_CRASH_KILLS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("CAIRN_CRASH_KILLS=%q: %v", s, err)
		}
		return n
	}
	return 20
}

// TestScanSurvivesKill9 kills a real `cairn scan` process at random moments, changing the album between runs
// so that scans also remove photos, and after every kill opens the library and checks that its stores agree.
// At the end an uninterrupted scan must leave every photo of the album in the library exactly once, embedded
// when there is a model, with no vector or document left over, and search must work.
func TestScanSurvivesKill9(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	rng := rand.New(rand.NewPCG(8, uint64(time.Now().UnixNano())))
	next := 0
	addPhotos := func(n int) {
		for range n {
			c := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
			exif := mediatest.EXIF{ShotTime: fmt.Sprintf("2023:10:%02d 09:%02d:13", 1+next%28, next%60)}.Bytes()
			rel := fmt.Sprintf("day %d/photo %04d.jpg", next%7, next)
			writeAlbumFile(t, album, rel, mediatest.SolidJPEG(t, c, 64+next%32, 48, exif))
			next++
		}
	}
	addPhotos(crashAlbumSize)

	args := []string{"scan", album, "--workers", "2"}
	var m library.Model
	if dir, ok := tinyModelDir(t); ok {
		args = append(args, "--model", dir)
		loaded, err := model.Load(dir, model.Options{Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer loaded.Close()
		m = loaded
	}

	// Kill at random moments until kills scans were really killed, not finished. Between runs a third or all
	// of the album is touched, so every run has photos to read again, and now and then photos go and new ones
	// come.
	kills, killed, whileOpen := crashKills(t), 0, 0
	longest := time.Second // how long a run takes, learnt from runs that ended before the kill
	runs := 0
	for run := 0; killed < kills; run++ {
		runs++
		if run >= 3*kills {
			t.Fatalf("only %d of %d runs could be killed before they ended", killed, run)
		}
		every := 3
		if run%3 == 0 {
			every = 1 // all of them: more than one batch (batchSize) to store
		}
		touchSomePhotos(t, album, rng, every)
		if run%4 == 3 {
			removeSomePhotos(t, album, rng, 5)
			addPhotos(5)
		}
		cmd := cairnCommand(t, data, args...)
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("scan run %d: %v", run+1, err)
			}
			longest = (longest + time.Since(start)*11/10) / 2 // runs differ in length: follow them smoothly
		case <-time.After(time.Duration(rng.Int64N(int64(longest)))):
			cmd.Process.Signal(syscall.SIGKILL)
			if err := <-done; err != nil {
				killed++
				if _, err := os.Stat(filepath.Join(library.Dir(data, album), "open")); err == nil {
					whileOpen++ // killed with the library open, not while starting up
				}
			}
		}
		checkStoresAgree(t, album, data, m)
	}
	t.Logf("%d of %d scans killed, %d of them with the library open; kills spread over %v", killed, runs, whileOpen, longest.Round(time.Millisecond))

	res := runCairn(t, data, args...)
	if res.code != 0 || !strings.Contains(res.stdout, "skipped 0") {
		t.Fatalf("final scan: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	checkComplete(t, album, data, m)
	// Search through the command line, as a user would: by folder name, and by concept with a model.
	for _, q := range []string{"day 3", "red"} {
		res := runCairn(t, data, "search", "--json", "--k", "5", q)
		if res.code != 0 {
			t.Fatalf("search %q: exit %d: %s", q, res.code, res.stderr)
		}
		if hits := jsonLines(t, res.stdout); len(hits) == 0 && (q == "day 3" || m != nil) {
			t.Errorf("search %q found nothing", q)
		}
	}
}

// tinyModelDir writes the tiny ONNX model and reports whether ONNX Runtime can run it here.
func tinyModelDir(t *testing.T) (string, bool) {
	dir := filepath.Join(t.TempDir(), tinymodel.Name)
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(dir, model.Options{Threads: 1})
	if errors.Is(err, model.ErrUnavailable) {
		t.Logf("no ONNX Runtime (%v): crash test without a model", err)
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	return dir, true
}

// checkStoresAgree opens the library after a kill, as the next run would, and checks that no vector lacks a
// document and no document marked embedded lacks a vector.
func checkStoresAgree(t *testing.T, album, data string, m library.Model) {
	t.Helper()
	lib, err := library.Open(album, false, library.Options{DataRoot: data, Embedder: m})
	if errors.Is(err, library.ErrNoLibrary) {
		return // killed before the library was created
	}
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer func() {
		if err := lib.Close(); err != nil {
			t.Fatalf("close after kill: %v", err)
		}
	}()
	docs, vecs, err := library.StoreIDs(lib)
	if err != nil {
		t.Fatal(err)
	}
	if m == nil {
		return
	}
	if extra := minus(vecs, docs); len(extra) > 0 {
		t.Fatalf("after reopening, %d vectors have no document: %v", len(extra), extra)
	}
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range photos {
		if p.Embedded && !slices.Contains(vecs, p.ID) {
			t.Fatalf("after reopening, %s is marked embedded but has no vector", p.Rel)
		}
	}
}

// checkComplete checks that the library holds every photo of the album once, and nothing else.
func checkComplete(t *testing.T, album, data string, m library.Model) {
	t.Helper()
	want := crashAlbumFiles(t, album)
	lib, err := library.Open(album, false, library.Options{DataRoot: data, Embedder: m})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range photos {
		got = append(got, p.Rel)
		if m != nil && !p.Embedded {
			t.Errorf("%s not embedded", p.Rel)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("library holds %d photos, album %d; missing %v, extra %v", len(got), len(want), minus(want, got), minus(got, want))
	}
	docs, vecs, err := library.StoreIDs(lib)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(want) {
		t.Errorf("%d documents for %d photos", len(docs), len(want))
	}
	if m != nil && !slices.Equal(docs, vecs) {
		t.Errorf("documents and vectors differ: %d vectors without a document, %d documents without a vector",
			len(minus(vecs, docs)), len(minus(docs, vecs)))
	}
	t.Logf("%d photos, %d documents, %d vectors", len(got), len(docs), len(vecs))
}

// crashAlbumFiles lists the album's photos, relative and slash-separated, sorted.
func crashAlbumFiles(t *testing.T, album string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(album, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(album, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// touchSomePhotos moves the modification time of one photo in every, so the next scan reads them again.
func touchSomePhotos(t *testing.T, album string, rng *rand.Rand, every int) {
	t.Helper()
	for _, rel := range crashAlbumFiles(t, album) {
		if rng.IntN(every) == 0 {
			when := time.Now().Add(-time.Duration(rng.IntN(1e6)) * time.Second)
			if err := os.Chtimes(filepath.Join(album, rel), when, when); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func removeSomePhotos(t *testing.T, album string, rng *rand.Rand, n int) {
	t.Helper()
	files := crashAlbumFiles(t, album)
	for range n {
		if err := os.Remove(filepath.Join(album, files[rng.IntN(len(files))])); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

func writeAlbumFile(t *testing.T, album, rel string, data []byte) {
	t.Helper()
	path := filepath.Join(album, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// minus lists what of a is not in b.
func minus(a, b []string) []string {
	in := map[string]bool{}
	for _, s := range b {
		in[s] = true
	}
	var out []string
	for _, s := range a {
		if !in[s] {
			out = append(out, s)
		}
	}
	return out
}

// jsonLines decodes one JSON object per line.
func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}
