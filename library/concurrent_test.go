package library

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestConcurrentSearchScanIdentify runs what the window may run at once — browse and filtered searches from
// several goroutines, a scan of new photos, identifications of dropped photos, listings and facets — and
// checks each answer is whole. Under -race (make test) it also proves the library shares nothing unguarded.
func TestConcurrentSearchScanIdentify(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	trekPhoto := func(i int) []byte {
		exif := mediatest.EXIF{ShotTime: fmt.Sprintf("2023:10:%02d 08:%02d:00", 1+i%28, i%60), HasGPS: true,
			Lat: 27.90 + float64(i)/1000, Lon: 86.80, HasHeading: true, HeadingDeg: float64(i * 17 % 360), Focal35mm: 26}
		return mediatest.SolidJPEG(t, color.Gray{uint8(40 + 7*i)}, 96, 64, exif.Bytes())
	}
	const before, added = 12, 12
	for i := range before {
		writeFile(t, album, fmt.Sprintf("day1/%02d.jpg", i), trekPhoto(i))
	}
	opt := Options{DataRoot: root, Workers: 2, Embedder: loadTinyModel(t, "tiny")}
	lib, err := Open(album, true, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	scan(t, lib)
	for i := range added {
		writeFile(t, album, fmt.Sprintf("day2/%02d.jpg", i), trekPhoto(before+i))
	}
	dropped := filepath.Join(album, "day1", "00.jpg")

	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	start := make(chan struct{}) // every goroutine starts at once, so the first searches meet
	run := func(name string, rounds int, fn func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range rounds {
				if err := fn(); err != nil {
					errs <- fmt.Errorf("%s: %w", name, err)
					return
				}
			}
		}()
	}
	run("scan", 1, func() error {
		sum, err := lib.Scan(ctx, nil)
		if err == nil && sum.Indexed != added {
			err = fmt.Errorf("indexed %d, want %d", sum.Indexed, added)
		}
		return err
	})
	for i := range 4 {
		q := []Query{{K: 50}, {K: 50, Sort: Oldest}, {Text: "ama dablam", K: 20}, {K: 50, Near: &Circle{Lat: 27.9, Lon: 86.8, KM: 5}}}[i]
		run(fmt.Sprintf("search %d", i), 20, func() error {
			res, err := lib.Search(ctx, q)
			if err != nil {
				return err
			}
			if q.Text == "" && len(res.All) < before {
				return fmt.Errorf("%+v found %d photos, want at least the %d scanned before", q, len(res.All), before)
			}
			return nil
		})
	}
	run("identify", 5, func() error {
		_, err := lib.Identify(dropped)
		return err
	})
	run("peak counts", 10, func() error {
		_, err := lib.PeakCounts(ctx)
		return err
	})
	run("photos", 5, func() error {
		ps, err := lib.Photos(ctx)
		if err == nil && len(ps) < before {
			err = fmt.Errorf("listed %d photos", len(ps))
		}
		return err
	})
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if res := find(t, lib, Query{K: 100}); len(res.All) != before+added {
		t.Errorf("after the scan: browse finds %d photos, want %d", len(res.All), before+added)
	}
}
