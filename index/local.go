package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cairn-photos/cairn/index/vectors"
)

// Local is the Store of a library folder on this machine: the records in a Bleve index (meta.bleve), the
// vectors in index/vectors' files. It is the one place that knows in which order they are written and how
// they are made to agree after a crash.
type Local struct {
	dir  string
	meta *bleveMeta
	opt  LocalOptions

	mu   sync.RWMutex
	vix  *vectors.Index            // nil without a model
	next map[string]*vectors.Index // vector sets a model switch fills, by name (NextVectors)
	// vectorStage and recordStage are the two stages of Write: a write holds one, then takes the
	// other before letting the first go, so writes pass through both in the same order.
	vectorStage sync.Mutex
	recordStage sync.Mutex
	// unclean is true when the last process to open the stores died with them open (kill -9, power
	// loss); Close leaves the marker then until a Recover with vectors made them agree.
	unclean bool
}

// LocalOptions configure a Local store.
type LocalOptions struct {
	// VectorsDir is the vectors' folder inside the library folder; "" without a model.
	VectorsDir string
	// Dim is the vectors' dimension; 0 without a model.
	Dim int
	// ReadOnly opens existing stores to read only: nothing in the folder is written.
	ReadOnly bool
}

// OpenMarker is a file that exists while a Local store is open for writing. Finding it at open means the
// last process died with the stores open, so they may disagree; Recover makes them agree. The marker keeps
// that walk over every id off the common path of a clean open.
const OpenMarker = "open"

// OpenLocal opens the stores of the library folder dir, creating them when they do not exist (not when
// read-only). A read-only store of a folder without vectors has none.
func OpenLocal(dir string, opt LocalOptions) (*Local, error) {
	s := &Local{dir: dir, opt: opt}
	var err error
	if opt.ReadOnly {
		s.meta, err = openMetaReadOnly(dir)
	} else {
		if s.unclean, err = markOpen(dir); err != nil {
			return nil, err
		}
		s.meta, err = openMeta(dir, recordMapping())
	}
	if err != nil {
		return nil, err
	}
	if opt.Dim > 0 {
		s.vix, err = vectors.Open(filepath.Join(dir, opt.VectorsDir), opt.Dim, vectors.Options{ReadOnly: opt.ReadOnly})
		if opt.ReadOnly && errors.Is(err, os.ErrNotExist) {
			s.vix, err = nil, nil
		}
		if err != nil {
			s.meta.Close()
			return nil, err
		}
	}
	return s, nil
}

// Unclean tells whether the stores were found as a crash left them; Recover repairs them.
func (s *Local) Unclean() bool { return s.unclean }

// Write stores puts and removes deletes: vectors first, made durable, then the records in one batch. Two
// writes overlap in a pipeline of two stages: the vectors of one are inserted (from every core) while the
// records of the one before are indexed. A write enters the records' stage before it leaves the vectors',
// so records are written in the order their vectors were, one write at a time.
func (s *Local) Write(puts []Doc, deletes []string, stored func(gen uint64) error) error {
	s.vectorStage.Lock()
	if err := s.writeVectors(puts, deletes); err != nil {
		s.vectorStage.Unlock()
		return err
	}
	s.recordStage.Lock()
	s.vectorStage.Unlock()
	defer s.recordStage.Unlock()
	docs := make(map[string]any, len(puts))
	for _, d := range puts {
		docs[d.ID] = recordDocument(d)
	}
	gen, err := s.meta.Write(docs, deletes)
	if err != nil || stored == nil {
		return err
	}
	return stored(gen)
}

// writeVectors stores the vectors of puts and removes those of deletes, and makes them durable. The
// caller holds vectorStage.
func (s *Local) writeVectors(puts []Doc, deletes []string) error {
	s.mu.RLock()
	vix := s.vix
	s.mu.RUnlock()
	if vix == nil {
		if len(deletes) > 0 {
			s.unclean = true // their vectors stay behind until an open with the model recovers
		}
		return nil
	}
	if err := putVectors(vix, puts); err != nil {
		return err
	}
	for _, id := range deletes {
		if err := vix.Delete(Key(id)); err != nil {
			return fmt.Errorf("remove vector of %s: %w", id, err)
		}
	}
	return vix.Flush()
}

// putVectors inserts the vectors of puts from one worker per core: the graph insert of each is most of a
// write's work, and the index takes inserts side by side. The first error stops the workers.
func putVectors(vix *vectors.Index, puts []Doc) error {
	var next atomic.Int64
	var failed atomic.Bool
	errs := make([]error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(puts)) && !failed.Load(); i = next.Add(1) - 1 {
				d := puts[i]
				if d.Vector == nil {
					continue
				}
				if err := vix.Put(Key(d.ID), d.Vector); err != nil {
					errs[w] = fmt.Errorf("store vector of %s: %w", d.ID, err)
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Generation counts the record batches ever written.
func (s *Local) Generation() (uint64, error) { return s.meta.Generation() }

// Count is the number of records.
func (s *Local) Count() (int, error) {
	n, err := s.meta.Count()
	return int(n), err
}

// Stored returns the named stored parts of the records ids.
func (s *Local) Stored(parts []string, ids ...string) (map[string]map[string]string, error) {
	return s.meta.Stored(parts, ids...)
}

// Each walks every record's stored parts in id order.
func (s *Local) Each(parts []string, fn func(id string, stored map[string]string) error) error {
	return s.meta.Each(parts, fn)
}

// MatchName lists the records whose name holds every word of text.
func (s *Local) MatchName(text string) ([]string, error) { return s.meta.matchAll(fieldName, text) }

// PeakCounts counts the records per peak.
func (s *Local) PeakCounts() (map[string]int, error) { return s.meta.termCounts(fieldPeaks) }

// Vectors is the vector index, nil without a model.
func (s *Local) Vectors() Vectors {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.vix == nil {
		return nil
	}
	return s.vix
}

// NextVectors opens the vector set name in the library folder, beside the vectors in use.
func (s *Local) NextVectors(name string, dim int) (VectorSet, error) {
	if s.opt.ReadOnly {
		return nil, fmt.Errorf("open vectors %s: the store is read-only", name)
	}
	if !strings.HasPrefix(name, VectorsDir+"-") || filepath.Base(name) != name {
		return nil, fmt.Errorf("open vectors %s: not a vector set's name (%s-…)", name, VectorsDir)
	}
	vix, err := vectors.Open(filepath.Join(s.dir, name), dim, vectors.Options{})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next == nil {
		s.next = map[string]*vectors.Index{}
	}
	s.next[name] = vix
	return vix, nil
}

// UseVectors makes the set name the store's vectors. Removing the other sets' folders can only fail to
// free space, so it is not an error.
func (s *Local) UseVectors(name string) error {
	s.mu.Lock()
	next, ok := s.next[name]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("use vectors %s: not opened by NextVectors", name)
	}
	delete(s.next, name)
	old := s.vix
	s.vix, s.opt.VectorsDir = next, name
	s.mu.Unlock()
	var err error
	if old != nil {
		err = old.Close()
	}
	s.removeOtherVectors(name)
	return err
}

// removeOtherVectors deletes every vector set's folder but keep's.
func (s *Local) removeOtherVectors(keep string) {
	entries, _ := os.ReadDir(s.dir)
	for _, en := range entries {
		if name := en.Name(); en.IsDir() && name != keep && (name == VectorsDir || strings.HasPrefix(name, VectorsDir+"-")) {
			os.RemoveAll(filepath.Join(s.dir, name))
		}
	}
}

// Recover makes the stores agree after a crash: vectors without a record are deleted, and the ids of the
// records without a vector are returned. A torn tail of the vector file needs nothing here: the vector
// index trusts rows only up to its last checksummed commit. Without vectors it does nothing, and the
// marker stays for a later open with them.
func (s *Local) Recover() (lacking []string, orphans int, err error) {
	s.mu.RLock()
	vix := s.vix
	s.mu.RUnlock()
	if vix == nil {
		return nil, 0, nil
	}
	vecs := map[uint64]bool{}
	for _, k := range vix.IDs() {
		vecs[k] = true
	}
	err = s.meta.EachID(func(id string) error {
		k := Key(id)
		if vecs[k] {
			delete(vecs, k) // what stays in vecs has no record
		} else {
			lacking = append(lacking, id)
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("recover %s: %w", s.dir, err)
	}
	for k := range vecs {
		if err := vix.Delete(k); err != nil {
			return nil, 0, fmt.Errorf("recover %s: drop orphan vector %s: %w", s.dir, ID(k), err)
		}
	}
	if len(vecs) > 0 {
		if err := vix.Flush(); err != nil {
			return nil, 0, fmt.Errorf("recover %s: %w", s.dir, err)
		}
	}
	s.unclean = false
	return lacking, len(vecs), nil
}

// EachID calls fn with every record's id, in no order; cheap, for comparing stores.
func (s *Local) EachID(fn func(id string) error) error { return s.meta.EachID(fn) }

// Close flushes and closes the stores; when they agree, the open marker goes.
func (s *Local) Close() error {
	var errs []error
	if s.vix != nil {
		errs = append(errs, s.vix.Close())
	}
	errs = append(errs, s.meta.Close())
	if !s.opt.ReadOnly && !s.unclean && errors.Join(errs...) == nil {
		errs = append(errs, markClosed(s.dir))
	}
	return errors.Join(errs...)
}

// markOpen creates the open marker in dir and reports whether it was already there.
func markOpen(dir string) (unclean bool, err error) {
	path := filepath.Join(dir, OpenMarker)
	if _, err := os.Stat(path); err == nil {
		unclean = true
	}
	f, err := os.Create(path)
	if err != nil {
		return unclean, fmt.Errorf("mark library %s open: %w", dir, err)
	}
	// Synced, so a power loss after records reached the disk cannot leave them without the marker.
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return unclean, fmt.Errorf("mark library %s open: %w", dir, err)
	}
	return unclean, nil
}

// markClosed removes the open marker once the stores are closed and agree.
func markClosed(dir string) error {
	if err := os.Remove(filepath.Join(dir, OpenMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("mark library %s closed: %w", dir, err)
	}
	return nil
}
