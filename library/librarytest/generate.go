// Package librarytest makes large generated libraries for benchmarks: photo records spread over a trek's
// area and years, with predicted peaks from the bundled catalog and clustered unit vectors, stored through
// the real stores. Generating 100,000 photos takes minutes, so a library is kept between runs in the
// system's temporary folder, keyed by its size and dimension.
package librarytest

import (
	"fmt"
	"hash/fnv"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Dim is the vector dimension of generated libraries, SigLIP-2 ViT-B/16's.
const Dim = 768

// Model stands in for an image–text model in benchmarks that exclude the encoders: its text vectors are
// fixed pseudo-random unit vectors of the text, near the generated photo clusters. It embeds no images.
type Model struct{}

func (Model) Name() string          { return "generated-768" }
func (Model) Dim() int              { return Dim }
func (Model) ImageSize() int        { return 224 }
func (Model) Preprocessing() string { return "none" }
func (Model) Close() error          { return nil }

func (Model) EmbedImages(imgs []image.Image) ([][]float32, error) {
	return nil, fmt.Errorf("the generated model embeds no images")
}

func (m Model) EmbedTexts(texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		h := fnv.New64a()
		h.Write([]byte(t))
		out[i] = clusterVector(rand.New(rand.NewPCG(h.Sum64(), 1)))
	}
	return out, nil
}

func (m Model) Ensemble(templates []string, subject string, anti []string, antiWeight float32) ([]float32, error) {
	v, err := m.EmbedTexts([]string{subject})
	return v[0], err
}

// clusters is how many centres the generated vectors gather around, like photos of a few dozen subjects.
const clusters = 64

// centres are fixed, so that text vectors land near photo vectors.
var centres = func() [][]float32 {
	r := rand.New(rand.NewPCG(7, 7))
	out := make([][]float32, clusters)
	for i := range out {
		out[i] = unit(gaussian(r, 1))
	}
	return out
}()

func clusterVector(r *rand.Rand) []float32 {
	c := centres[r.IntN(clusters)]
	v := gaussian(r, 0.6)
	for i := range v {
		v[i] += c[i]
	}
	return unit(v)
}

func gaussian(r *rand.Rand, sd float64) []float32 {
	v := make([]float32, Dim)
	for i := range v {
		v[i] = float32(r.NormFloat64() * sd)
	}
	return v
}

func unit(v []float32) []float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	n := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= n
	}
	return v
}

// Open opens (generating it the first time) a library of n photos, with vectors when withVectors.
func Open(tb testing.TB, n int, withVectors bool) *library.Library {
	tb.Helper()
	album, opt := Generate(tb, n, withVectors)
	lib, err := library.Open(album, false, opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { lib.Close() })
	return lib
}

// Generate makes a library of n photos the first time it is asked for, and returns its album folder and the
// options to open it with (its data root, and the generated model when withVectors).
func Generate(tb testing.TB, n int, withVectors bool) (album string, opt library.Options) {
	tb.Helper()
	root := filepath.Join(os.TempDir(), fmt.Sprintf("cairn-generated-%d-%v-v2", n, withVectors))
	album = filepath.Join(root, "album")
	opt = library.Options{DataRoot: filepath.Join(root, "data")}
	if withVectors {
		opt.Embedder = Model{}
	}
	done := filepath.Join(root, "complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(root)
		if err := os.MkdirAll(album, 0o755); err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		if err := generate(album, opt, n); err != nil {
			tb.Fatalf("generate library: %v", err)
		}
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("generated %d photos in %v", n, time.Since(start).Round(time.Second))
	}
	return album, opt
}

// generate writes n photos through Library.Import, the path a scan's store writes take, which stores a
// big batch in steps, inserting one step's vectors with every core while the last step's records are
// indexed. One goroutine makes the next batch, in a fixed order from one seed, while the last one is stored.
func generate(album string, opt library.Options, n int) error {
	lib, err := library.Open(album, true, opt)
	if err != nil {
		return err
	}
	defer lib.Close()
	type batch struct {
		photos []library.Photo
		vecs   [][]float32
	}
	batches := make(chan batch, 1)
	go func() {
		defer close(batches)
		cat := lib.Catalog()
		r := rand.New(rand.NewPCG(1, 2))
		const size = 20_000
		for start := 0; start < n; start += size {
			var b batch
			for i := start; i < min(n, start+size); i++ {
				b.photos = append(b.photos, photo(r, cat, album, i))
				if opt.Embedder != nil {
					b.vecs = append(b.vecs, clusterVector(r))
				}
			}
			batches <- b
		}
	}()
	for b := range batches {
		if err == nil {
			err = lib.Import(b.photos, b.vecs)
		}
	}
	return err
}

// photo makes the i-th generated photo: taken over five years in the Khumbu, most with a position, a few
// without a capture time, each predicted to show up to three catalog peaks.
func photo(r *rand.Rand, cat *peaks.Catalog, album string, i int) library.Photo {
	rel := fmt.Sprintf("%d/trek-%03d/IMG_%06d.jpg", 2019+i%5, i/1000%100, i)
	p := library.Photo{ID: library.PhotoID(rel), Path: filepath.Join(album, rel), Rel: rel, Format: "jpeg",
		Width: 4032, Height: 3024, Size: 3_000_000 + int64(i), ModTime: int64(i), Embedded: true,
		Make: "Apple", Model: "iPhone 15 Pro Max", Focal35mm: 24}
	if i%50 != 0 {
		at := time.Date(2019, 1, 1, 0, 0, 0, 0, time.FixedZone("+0545", 20700)).Add(time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour))))
		p.ShotTime = library.NewShotTime(at, true)
	}
	if i%10 != 0 {
		p.GPS = &library.LatLon{Lat: 27.7 + r.Float64()*0.4, Lon: 86.6 + r.Float64()*0.4}
		h := r.Float64() * 360
		p.Heading = &h
	}
	p.PredictedPeaks = []library.PeakGuess{}
	for k, j := range r.Perm(len(cat.Peaks))[:1+r.IntN(3)] {
		pk := cat.Peaks[j]
		p.PredictedPeaks = append(p.PredictedPeaks, library.PeakGuess{ID: pk.ID, Name: pk.Name, Score: 0.9 / float64(k+1) * r.Float64(), Source: "geometry"})
	}
	return p
}
