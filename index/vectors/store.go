package vectors

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/cairn-photos/cairn/internal/atomicfile"
)

// store keeps rows in slots of the vector file and knows which id each live slot holds. It is not safe
// for concurrent use; Index serialises access.
//
// Durability rule: a slot that is live in the last commit is never overwritten. A replaced or deleted
// row's slot is only reused after the next commit has recorded it as free, so a crash between commits
// cannot leave the committed metadata pointing at a half-written row.
type store struct {
	dir     string
	rows    *rowFile
	m       meta     // the state as it will be committed next
	free    []uint32 // slots free in the last commit: reusable now
	pending []uint32 // slots freed since the last commit: reusable after the next one
	dirty   bool
	durable uint32 // the last commit written

	// codes is the int8 copy of the rows, written by every add; nil when a read-only index has no
	// complete one. codesFrom is the commit its header said it was complete for when it was opened: the
	// codes of live slots written after it are to be recomputed (Index.rebuildCodes), and codesReady is
	// set once they are, when searches may use the codes.
	codes      *codeFile
	codesFrom  uint32
	codesReady atomic.Bool
}

// openStore loads dir's committed state, or creates an empty store when dir has none. Read-only, it
// changes nothing on disk, and a dir without a committed state is an error satisfying os.ErrNotExist.
func openStore(dir string, dim int, readOnly bool) (*store, error) {
	if !readOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("create index dir: %w", err)
		}
	}
	m, ok, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	if !ok && readOnly {
		return nil, fmt.Errorf("no vectors in %s: %w", dir, os.ErrNotExist)
	}
	if !ok {
		s, err := newStore(dir, dim, 0, 0, minRows)
		if err != nil {
			return nil, err
		}
		if err := s.commit(); err != nil {
			s.discard()
			return nil, err
		}
		return s, nil
	}
	s := &store{dir: dir}
	if m.dim != dim {
		return nil, fmt.Errorf("index in %s holds %d-d vectors, asked for %d", dir, m.dim, dim)
	}
	s.m, s.durable = *m, m.commit
	if s.rows, err = openVectorFile(filepath.Join(dir, rowFileName(m.gen)), dim, m.gen, len(m.ids), readOnly); err != nil {
		return nil, err
	}
	s.openCodes(readOnly)
	for slot := range m.ids {
		if !m.live.has(uint32(slot)) {
			s.free = append(s.free, uint32(slot))
		}
	}
	if !readOnly {
		removeStale(dir, m.gen)
	}
	return s, nil
}

// newStore makes the files of an empty store of generation gen with room for rows rows, its commit count
// at commit; nothing points at them until its first commit.
func newStore(dir string, dim int, gen uint64, commit uint32, rows int) (*store, error) {
	s := &store{dir: dir, m: meta{dim: dim, gen: gen, commit: commit}}
	var err error
	if s.rows, err = createVectorFile(filepath.Join(dir, rowFileName(gen)), dim, gen, rows); err != nil {
		return nil, err
	}
	if s.codes, err = createCodeFile(filepath.Join(dir, codeFileName(gen)), dim, gen, s.rows.rowsCap); err != nil {
		s.discard()
		return nil, err
	}
	s.codesReady.Store(true)
	return s, nil
}

// discard closes and deletes the files of a store no commit has pointed at.
func (s *store) discard() {
	s.close()
	os.Remove(s.rows.path)
	if s.codes != nil {
		os.Remove(s.codes.rows.path)
	}
}

// removeStale deletes leftovers of interrupted commits and compactions. Failure only wastes space.
func removeStale(dir string, gen uint64) {
	for pattern, keep := range map[string]string{"vectors.*.f32": rowFileName(gen), "vectors.*.i8": codeFileName(gen)} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range names {
			if filepath.Base(n) != keep {
				os.Remove(n)
			}
		}
	}
	tmps, _ := filepath.Glob(filepath.Join(dir, ".*.tmp*"))               // atomicfile's, of writes a crash cut short
	for _, t := range append(tmps, filepath.Join(dir, metaName+".tmp")) { // and those of older versions
		os.Remove(t)
	}
}

func (s *store) dim() int       { return s.m.dim }
func (s *store) slots() int     { return len(s.m.ids) }
func (s *store) liveCount() int { return s.m.live.count() }

// Vector returns the mapped row of slot; it is valid until the store grows, compacts or closes.
func (s *store) Vector(slot uint32) []float32 { return s.rows.floats(slot) }

// WillNeed asks the kernel to read the float rows of slots ahead (hnsw.RowsOnDisk).
func (s *store) WillNeed(slots func(yield func(uint32) bool)) { s.rows.willNeed(slots) }

// Code returns slot's int8 code and scale (hnsw.Codes); only meaningful once CodesReady.
func (s *store) Code(slot uint32) ([]int8, float32) { return s.codes.code(slot) }

// PrefetchCode starts loading slot's code into the cache (hnsw.Codes).
func (s *store) PrefetchCode(slot uint32) { s.codes.prefetch(slot) }

// CodesReady reports whether every live slot has its code.
func (s *store) CodesReady() bool { return s.codesReady.Load() }

func (s *store) isLive(slot uint32) bool { return s.m.live.has(slot) }

func (s *store) idAt(slot uint32) uint64 { return s.m.ids[slot] }

// needsGrow tells whether the next add grows the vector file, moving its mapping.
func (s *store) needsGrow() bool {
	return len(s.free) == 0 && len(s.m.ids)+1 > s.capacity()
}

// capacity is the number of slots both files have room for.
func (s *store) capacity() int {
	if s.codes == nil {
		return s.rows.rowsCap
	}
	return min(s.rows.rowsCap, s.codes.rows.rowsCap)
}

// add writes vec into a free slot for id and returns the slot.
func (s *store) add(id uint64, vec []float32) (uint32, error) {
	var slot uint32
	if n := len(s.free); n > 0 {
		slot, s.free = s.free[n-1], s.free[:n-1]
	} else {
		slot = uint32(len(s.m.ids))
		if err := s.rows.grow(int(slot) + 1); err != nil {
			return 0, err
		}
		if s.codes != nil {
			if err := s.codes.rows.grow(s.rows.rowsCap); err != nil {
				return 0, err
			}
		}
		s.m.ids = append(s.m.ids, 0)
		s.m.written = append(s.m.written, 0)
	}
	copy(s.rows.floats(slot), vec)
	if s.codes != nil {
		s.codes.put(slot, vec)
	}
	s.m.ids[slot] = id
	s.m.written[slot] = s.m.commit + 1
	s.m.live.set(slot)
	s.dirty = true
	return slot, nil
}

// remove tombstones slot; its space is reused after the next commit.
func (s *store) remove(slot uint32) {
	s.m.live.clear(slot)
	s.pending = append(s.pending, slot)
	s.dirty = true
}

// commit makes every add and remove so far durable: rows first, then the metadata that points at them.
func (s *store) commit() error {
	c := s.beginCommit()
	err := s.writeCommit(c)
	s.endCommit(c, err)
	return err
}

// pendingCommit is a commit split in three so the slow part, writeCommit, can run without the
// Index's lock: beginCommit and endCommit need exclusive access to the store, writeCommit none.
type pendingCommit struct {
	commit uint32
	meta   []byte
	freed  []uint32 // slots this commit records as free, reusable once it is durable
	// codes is the code file if every row of the commit has its code, to be marked complete for it
	codes *codeFile
}

func (s *store) beginCommit() pendingCommit {
	s.m.commit++ // rows added from now on belong to the next commit
	c := pendingCommit{commit: s.m.commit, meta: s.m.encode(), freed: s.pending}
	if s.codesReady.Load() {
		c.codes = s.codes
	}
	s.pending, s.dirty = nil, false
	return c
}

// writeCommit syncs the rows (and their codes) and then replaces the metadata. Rows the commit refers to
// are never overwritten meanwhile (see the durability rule above), so adds may run alongside.
func (s *store) writeCommit(c pendingCommit) error {
	if err := s.rows.sync(); err != nil {
		return err
	}
	if c.codes != nil {
		if err := c.codes.rows.sync(); err != nil {
			return err
		}
	}
	return atomicfile.Write(filepath.Join(s.dir, metaName), c.meta, 0o644)
}

func (s *store) endCommit(c pendingCommit, err error) {
	if err != nil { // the slots stay tombstoned and wait for the next commit
		s.pending = append(s.pending, c.freed...)
		s.dirty = true
		return
	}
	s.durable = c.commit
	s.free = append(s.free, c.freed...)
	if c.codes != nil {
		c.codes.markComplete(c.commit)
	}
}

func (s *store) close() error {
	err := s.rows.close()
	if s.codes != nil {
		if cerr := s.codes.rows.close(); err == nil {
			err = cerr
		}
	}
	return err
}
