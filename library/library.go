package library

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/library/gazetteer"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/terrain"
)

// Options configure a Library.
type Options struct {
	// DataRoot holds libraries and models; DefaultDataRoot when empty.
	DataRoot string
	// Embedder turns decoded photos into vectors; nil runs without semantic search.
	Embedder Embedder
	// ModelDir is the folder the Embedder was loaded from, kept in the manifest so queries load it again.
	ModelDir string
	// Workers bounds the photos decoded at once; the number of cores when zero.
	Workers int
	// TrackMaxGap is the longest interval between two points of a GPS track across which a photo is placed
	// by time; 0 means DefaultTrackMaxGap.
	TrackMaxGap time.Duration
	// Catalog is the peak catalog; the bundled one plus the data root's catalogs/ when nil.
	Catalog *peaks.Catalog
	// Places is the gazetteer of named places; the bundled one plus the data root's places/ when nil.
	Places *gazetteer.Gazetteer
	// Terrain is the elevation model; the bundled tiles plus the data root's terrain/ when nil.
	Terrain *terrain.DEM
	// ReadOnly opens an existing library to answer questions only: nothing in its folder is created,
	// written or removed (so a user who may not write there can still search), other readers may have
	// it open at the same time, and Scan and Import fail with ErrReadOnly.
	ReadOnly bool
}

// ErrReadOnly is returned by the writes of a library opened with Options.ReadOnly.
var ErrReadOnly = errors.New("the library is open read-only")

// Embedder is the image side of an image–text model. The scan hands it each photo decoded upright, with its
// shorter side at least ImageSize pixels.
type Embedder interface {
	Name() string
	Dim() int
	ImageSize() int
	Preprocessing() string
	EmbedImages(imgs []image.Image) ([][]float32, error)
}

// Library is one album's index. Only one process may hold a library open; it is safe for concurrent use by
// the goroutines of that process.
type Library struct {
	dir      string
	album    string
	opt      Options
	lock     *index.Lock
	manifest index.Manifest
	// store keeps the records and vectors, and owns the order of their writes and the repair after a
	// crash: index.Local today (docs/storage.md).
	store index.Store
	// identifier names the peaks of scanned photos with the library's model and catalog.
	identifier *Identifier

	tableMu sync.Mutex
	tab     *photoTable      // nil until loaded
	tabRead chan *photoTable // the table's files as read while the stores open (prefetchTable); nil if not
	// storeMu makes the changes to the photo table and its files, which follow the store's writes in the
	// order of their generations (writeOnce); tabSnapshot and tabLog are the sizes of those files, guarded
	// by it.
	storeMu     sync.Mutex
	tabSnapshot int64
	tabLog      int64
	// bg counts the goroutines that load or rebuild the table; bgCtx stops them at Close.
	bg     sync.WaitGroup
	bgCtx  context.Context
	bgStop context.CancelFunc
	// namesMu guards the name indexes, built on first use.
	namesMu   sync.Mutex
	names     *peaks.Names         // nil until first needed
	places    *gazetteer.Gazetteer // nil until first needed
	placesErr error                // why the user's places are missing from places
	// writeMu lets one writer at a time (Scan, Import, SwitchModel) change the stores.
	writeMu sync.Mutex
	// modelMu guards opt.Embedder, vectors and identifier, which SwitchModel replaces (holding writeMu as
	// well, so writers read them without it); searches and identifications hold it for reading.
	modelMu sync.RWMutex

	// readFile reads an album file whole: the one way the scan opens the album's photos (readFileLimited;
	// tests count the files opened through it).
	readFile func(path string) ([]byte, error)

	closeOnce sync.Once
	closeErr  error
}

// DefaultDataRoot is where Cairn keeps its libraries and models: the XDG data dir on Linux, the user's
// configuration folder elsewhere.
func DefaultDataRoot() string {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
			return filepath.Join(dir, "cairn")
		}
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, ".local", "share", "cairn")
		}
	}
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "Cairn")
	}
	return "cairn-data"
}

// Dir returns the folder that holds the library of album under dataRoot.
func Dir(dataRoot, album string) string {
	return filepath.Join(dataRoot, "libraries", PhotoID(album))
}

// ErrNoLibrary is returned when a data root holds no library for an album.
var ErrNoLibrary = errors.New("no library")

// Known lists the albums that have a library under dataRoot, sorted.
func Known(dataRoot string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(dataRoot, "libraries"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("list libraries in %s: %w", dataRoot, err)
	}
	var albums []string
	for _, e := range entries {
		if m, err := index.ReadManifest(filepath.Join(dataRoot, "libraries", e.Name())); err == nil {
			albums = append(albums, m.AlbumPath)
		}
	}
	sort.Strings(albums)
	return albums, nil
}

// Resolve names the album to open: album itself when given, else the only album that has a library.
func Resolve(dataRoot, album string) (string, error) {
	if album != "" {
		abs, err := filepath.Abs(album)
		if err != nil {
			return "", fmt.Errorf("album %s: %w", album, err)
		}
		return filepath.Clean(abs), nil
	}
	albums, err := Known(dataRoot)
	if err != nil {
		return "", err
	}
	switch len(albums) {
	case 0:
		return "", fmt.Errorf("%w in %s: scan an album first (cairn scan ALBUM)", ErrNoLibrary, dataRoot)
	case 1:
		return albums[0], nil
	default:
		return "", fmt.Errorf("%s holds %d libraries; choose one with --album (%v)", dataRoot, len(albums), albums)
	}
}

// ReadManifest reads the manifest of album's library under dataRoot without opening it.
func ReadManifest(dataRoot, album string) (index.Manifest, error) {
	return index.ReadManifest(Dir(dataRoot, album))
}

// Open opens the library of album, creating it when create is true and it does not exist yet. The album
// folder is only ever read.
func Open(album string, create bool, opt Options) (*Library, error) {
	if opt.DataRoot == "" {
		opt.DataRoot = DefaultDataRoot()
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	album, err := Resolve(opt.DataRoot, album)
	if err != nil {
		return nil, err
	}
	if opt.Catalog == nil {
		if opt.Catalog, err = LoadCatalog(opt.DataRoot); err != nil {
			return nil, err
		}
	}
	if opt.Terrain == nil {
		if opt.Terrain, err = LoadTerrain(opt.DataRoot); err != nil {
			return nil, err
		}
	}
	dir := Dir(opt.DataRoot, album)
	if opt.ReadOnly {
		return openReadOnly(dir, album, opt)
	}
	manifest, err := index.ReadManifest(dir)
	switch {
	case errors.Is(err, os.ErrNotExist) && !create:
		return nil, fmt.Errorf("%w for %s in %s: scan it first (cairn scan %s)", ErrNoLibrary, album, opt.DataRoot, album)
	case errors.Is(err, os.ErrNotExist):
		if fi, err := os.Stat(album); err != nil {
			return nil, fmt.Errorf("album: %w", err)
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("album %s is not a folder", album)
		}
		manifest = index.Manifest{SchemaVersion: index.SchemaVersion, AlbumPath: album, Created: time.Now().UTC()}
	case err != nil:
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, thumbsDir), 0o755); err != nil {
		return nil, fmt.Errorf("create library %s: %w", dir, err)
	}
	l := newLibrary(dir, album, opt, manifest)
	if l.lock, err = index.AcquireLock(dir); err != nil {
		return nil, err
	}
	l.prefetchTable()
	unclean, err := l.openStores()
	if err != nil {
		l.Close()
		return nil, err
	}
	if unclean {
		if _, err := l.reconcile(); err != nil {
			l.Close()
			return nil, err
		}
	}
	l.loadTable()
	return l, nil
}

func newLibrary(dir, album string, opt Options, manifest index.Manifest) *Library {
	l := &Library{dir: dir, album: album, opt: opt, manifest: manifest,
		identifier: NewIdentifier(opt.Catalog, opt.Embedder, opt.Terrain),
		readFile:   func(path string) ([]byte, error) { return readFileLimited(path, maxFileSize) }}
	l.bgCtx, l.bgStop = context.WithCancel(context.Background())
	if manifest.Stages == nil && manifest.CatalogDigest != "" {
		// Made before the manifest recorded its stages: everything was derived as it is now but for the
		// pixel products (the skyline came later, so every photo is decoded once more) and the peaks.
		l.manifest.Stages = l.stageDigests()
		delete(l.manifest.Stages, stageDecode)
		delete(l.manifest.Stages, stageIdentify)
	}
	return l
}

// openReadOnly opens the library in dir for reading, leaving every file as it is. Without the model the
// library was embedded with, it answers without vectors; after a crash it answers from the stores as they
// are (a writer reconciles them).
func openReadOnly(dir, album string, opt Options) (*Library, error) {
	manifest, err := index.ReadManifest(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w for %s in %s: scan it first (cairn scan %s)", ErrNoLibrary, album, opt.DataRoot, album)
	}
	if err != nil {
		return nil, err
	}
	l := newLibrary(dir, album, opt, manifest)
	if l.lock, err = index.AcquireReadLock(dir); err != nil {
		return nil, err
	}
	l.prefetchTable()
	so := index.LocalOptions{ReadOnly: true}
	if e := opt.Embedder; e != nil && sameModel(manifest, e) {
		so.VectorsDir, so.Dim = l.vectorsDir(), e.Dim()
	}
	store, err := index.OpenLocal(dir, so)
	if err != nil {
		l.Close()
		return nil, fmt.Errorf("open %s: %w", album, err)
	}
	l.store = store
	l.loadTable()
	return l, nil
}

// ErrOtherModel is returned by Open when asked to embed with a model other than the one the library's
// vectors were made with. Vectors of two models cannot be compared, and re-embedding every photo takes
// long: switching is asked for explicitly, with SwitchModel, which keeps the old vectors until the new ones
// are complete.
var ErrOtherModel = errors.New("the library uses another model")

// sameModel tells whether e made the vectors the manifest describes.
func sameModel(m index.Manifest, e Embedder) bool {
	return m.ModelName == e.Name() && m.VectorDim == e.Dim() && m.Preprocessing == e.Preprocessing()
}

// vectorsDir is the folder of the library's vectors in its folder: the manifest names it when a model
// switch made it.
func (l *Library) vectorsDir() string {
	if l.manifest.VectorsDir != "" {
		return l.manifest.VectorsDir
	}
	return index.VectorsDir
}

// vecs is the library's vector index, nil without a model.
func (l *Library) vecs() index.Vectors { return l.store.Vectors() }

// openStores opens the stores, with the vectors when there is an embedder, and reports whether a crash left
// them open. A library without a model takes the embedder's; one with another model is not opened
// (ErrOtherModel).
func (l *Library) openStores() (unclean bool, err error) {
	so := index.LocalOptions{}
	if e := l.opt.Embedder; e != nil {
		if err := l.adoptModel(e); err != nil {
			return false, err
		}
		so.VectorsDir, so.Dim = l.vectorsDir(), e.Dim()
	}
	store, err := index.OpenLocal(l.dir, so)
	if err != nil {
		return false, fmt.Errorf("open the stores of %s: %w", l.album, err)
	}
	l.store = store
	return store.Unclean(), index.WriteManifest(l.dir, l.manifest)
}

// adoptModel records e as the library's model when it has none, and refuses another one.
func (l *Library) adoptModel(e Embedder) error {
	switch {
	case l.manifest.ModelName == "":
		l.manifest.ModelName, l.manifest.VectorDim, l.manifest.Preprocessing = e.Name(), e.Dim(), e.Preprocessing()
		l.manifest.ModelDir = l.opt.ModelDir
	case !sameModel(l.manifest, e):
		return fmt.Errorf("%w: %s is embedded with %s, not %s; switch with `cairn scan --model %s` or in the settings",
			ErrOtherModel, l.album, l.manifest.ModelName, e.Name(), e.Name())
	case l.opt.ModelDir != "":
		l.manifest.ModelDir = l.opt.ModelDir
	}
	return nil
}

const thumbsDir = "thumbs"

// Album is the absolute path of the album folder.
func (l *Library) Album() string { return l.album }

// DirPath is the library's own folder.
func (l *Library) DirPath() string { return l.dir }

// Manifest describes the library as stored.
func (l *Library) Manifest() index.Manifest { return l.manifest }

// Identify names the peaks in the photo file at path, which need not be in the album, with the library's
// model and catalog.
func (l *Library) Identify(path string) (Identified, error) {
	l.modelMu.RLock()
	defer l.modelMu.RUnlock()
	return l.identifier.Identify(path)
}

// Catalog is the library's peak catalog.
func (l *Library) Catalog() *peaks.Catalog { return l.opt.Catalog }

// Close flushes and closes the stores and releases the lock. Closing twice does nothing the second time.
func (l *Library) Close() error {
	l.closeOnce.Do(func() { l.closeErr = l.close() })
	return l.closeErr
}

func (l *Library) close() error {
	var errs []error
	l.bgStop()
	l.bg.Wait()
	if l.names != nil {
		errs = append(errs, l.names.Close())
	}
	if l.store != nil {
		errs = append(errs, l.store.Close())
	}
	errs = append(errs, l.lock.Release())
	return errors.Join(errs...)
}

// Count returns the number of photos in the library.
func (l *Library) Count(ctx context.Context) (int, error) {
	return l.store.Count()
}
