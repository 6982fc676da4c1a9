package library_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
)

// BenchmarkIngestKhumbu measures a first scan of the khumbu photos without a model (read, EXIF, decode, cached
// thumbnail, metadata index) against the reference pipeline of issue 2: `vipsthumbnail -s 256` and `exiv2 -pa`
// on each file, with as many files in flight as the scan has workers. The goal is at least twice the
// reference's photos per second. The two alternate within each iteration, so both see the same machine load;
// ns/op is the scan alone.
func BenchmarkIngestKhumbu(b *testing.B) {
	album := testenv.SharedDir(b, "khumbu", "data", "images")
	files, err := albumFiles(album)
	if err != nil {
		b.Fatal(err)
	}
	workers := runtime.NumCPU()
	reference, missing := referencePipeline()
	if reference == nil {
		b.Logf("no reference to compare with: %s not on PATH", missing)
	}
	var ours, theirs time.Duration
	for b.Loop() {
		start := time.Now()
		scanFresh(b, album, len(files), workers)
		ours += time.Since(start)
		if reference == nil {
			continue
		}
		b.StopTimer()
		start = time.Now()
		if err := reference(b.TempDir(), files, workers); err != nil {
			b.Fatal(err)
		}
		theirs += time.Since(start)
		b.StartTimer()
	}
	photos := float64(b.N * len(files))
	b.ReportMetric(photos/ours.Seconds(), "photos/s")
	if reference != nil {
		b.ReportMetric(photos/theirs.Seconds(), "ref-photos/s")
		b.ReportMetric(theirs.Seconds()/ours.Seconds(), "x-vs-ref")
		b.Log(comparisonTable(len(files), workers, photos/ours.Seconds(), photos/theirs.Seconds()))
	}
}

// comparisonTable sets our rate beside the reference's.
func comparisonTable(photos, workers int, ours, reference float64) string {
	var t strings.Builder
	fmt.Fprintf(&t, "\ningest of %d photos, %d workers, no model\n", photos, workers)
	fmt.Fprintf(&t, "%-28s %10s\n", "pipeline", "photos/s")
	fmt.Fprintf(&t, "%-28s %10.2f\n", "cairn scan", ours)
	fmt.Fprintf(&t, "%-28s %10.2f\n", "vipsthumbnail + exiv2", reference)
	fmt.Fprintf(&t, "%-28s %9.2f× (goal ≥ 2×)\n", "ratio", ours/reference)
	return t.String()
}

// scanFresh opens a new library for album and scans it, failing unless every one of the n files is indexed.
func scanFresh(b *testing.B, album string, n, workers int) {
	lib, err := library.Open(album, true, library.Options{DataRoot: b.TempDir(), Workers: workers})
	if err != nil {
		b.Fatal(err)
	}
	sum, err := lib.Scan(context.Background(), nil)
	if cerr := lib.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	if sum.Indexed != n || len(sum.Skipped) > 0 {
		b.Fatalf("indexed %d of %d photos, skipped %v", sum.Indexed, n, sum.Skipped)
	}
}

// referencePipeline returns a function that runs vipsthumbnail and exiv2 on every file, workers files at a
// time, writing thumbnails into out; or nil and the missing tool. Both tools keep their own defaults (libvips
// may use several threads per file).
func referencePipeline() (pipeline func(out string, files []string, workers int) error, missing string) {
	vips, err := exec.LookPath("vipsthumbnail")
	if err != nil {
		return nil, "vipsthumbnail"
	}
	exiv2, err := exec.LookPath("exiv2")
	if err != nil {
		return nil, "exiv2"
	}
	return func(out string, files []string, workers int) error {
		err := forEachParallel(files, workers, func(file string) error {
			if err := run(vips, "-s", "256", "-o", filepath.Join(out, "%s.jpg"), file); err != nil {
				return err
			}
			return run(exiv2, "-pa", file)
		})
		if err != nil {
			return err
		}
		if thumbs, err := os.ReadDir(out); err != nil || len(thumbs) != len(files) {
			return fmt.Errorf("vipsthumbnail wrote %d thumbnails for %d files (%v)", len(thumbs), len(files), err)
		}
		return nil
	}, ""
}

// run runs a command to completion, reading its output as a caller of the tool would.
func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if _, err := cmd.Output(); err != nil {
		return fmt.Errorf("%s %s: %w: %s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	return nil
}

// forEachParallel calls do on every file with at most workers calls at once and returns the first error.
func forEachParallel(files []string, workers int, do func(file string) error) error {
	jobs := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for f := range jobs {
				if err := do(f); err != nil {
					errs <- err
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	close(errs)
	return <-errs
}

// albumFiles lists the regular files under album, which for the khumbu set are all photos.
func albumFiles(album string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(album, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", album, err)
	}
	return files, nil
}
