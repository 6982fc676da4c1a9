package vectors

import (
	"fmt"
	"os"
	"path/filepath"

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
}

func rowFileName(gen uint64) string { return fmt.Sprintf("vectors.%d.f32", gen) }

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
	s := &store{dir: dir}
	if !ok && readOnly {
		return nil, fmt.Errorf("no vectors in %s: %w", dir, os.ErrNotExist)
	}
	if !ok {
		s.m = meta{dim: dim}
		if s.rows, err = createRowFile(filepath.Join(dir, rowFileName(0)), dim, 0, minRows); err != nil {
			return nil, err
		}
		if err := s.commit(); err != nil {
			s.rows.close()
			return nil, err
		}
		return s, nil
	}
	if m.dim != dim {
		return nil, fmt.Errorf("index in %s holds %d-d vectors, asked for %d", dir, m.dim, dim)
	}
	s.m = *m
	if s.rows, err = openRowFile(filepath.Join(dir, rowFileName(m.gen)), dim, m.gen, len(m.ids), readOnly); err != nil {
		return nil, err
	}
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

// removeStale deletes leftovers of interrupted commits and compactions. Failure only wastes space.
func removeStale(dir string, gen uint64) {
	names, _ := filepath.Glob(filepath.Join(dir, "vectors.*.f32"))
	for _, n := range names {
		if filepath.Base(n) != rowFileName(gen) {
			os.Remove(n)
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
func (s *store) Vector(slot uint32) []float32 { return s.rows.row(slot) }

func (s *store) isLive(slot uint32) bool { return s.m.live.has(slot) }

func (s *store) idAt(slot uint32) uint64 { return s.m.ids[slot] }

// needsGrow tells whether the next add grows the vector file, moving its mapping.
func (s *store) needsGrow() bool {
	return len(s.free) == 0 && len(s.m.ids)+1 > s.rows.rowsCap
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
		s.m.ids = append(s.m.ids, 0)
		s.m.written = append(s.m.written, 0)
	}
	copy(s.rows.row(slot), vec)
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
	meta  []byte
	freed []uint32 // slots this commit records as free, reusable once it is durable
}

func (s *store) beginCommit() pendingCommit {
	s.m.commit++ // rows added from now on belong to the next commit
	c := pendingCommit{meta: s.m.encode(), freed: s.pending}
	s.pending, s.dirty = nil, false
	return c
}

// writeCommit syncs the rows and then replaces the metadata. Rows the commit refers to are never
// overwritten meanwhile (see the durability rule above), so adds may run alongside.
func (s *store) writeCommit(c pendingCommit) error {
	if err := s.rows.sync(); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(s.dir, metaName), c.meta, 0o644)
}

func (s *store) endCommit(c pendingCommit, err error) {
	if err != nil { // the slots stay tombstoned and wait for the next commit
		s.pending = append(s.pending, c.freed...)
		s.dirty = true
		return
	}
	s.free = append(s.free, c.freed...)
}

func (s *store) close() error { return s.rows.close() }
