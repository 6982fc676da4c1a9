package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MetaDir is the Bleve index's folder inside a library.
const MetaDir = "meta.bleve"

// bleveMeta is the Bleve index of a library's records (records.go holds their mapping); Local uses it. It
// stores, deletes, searches and walks documents.
type bleveMeta struct {
	idx     bleve.Index
	writeMu sync.Mutex // makes reading and advancing the generation one step
}

// openMeta opens dir/meta.bleve, creating it with the mapping m when it does not exist yet.
func openMeta(dir string, m mapping.IndexMapping) (*bleveMeta, error) {
	path := filepath.Join(dir, MetaDir)
	idx, err := bleve.Open(path)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		idx, err = createMeta(path, m)
	}
	if err != nil {
		return nil, fmt.Errorf("open metadata index %s: %w", path, err)
	}
	return &bleveMeta{idx: idx}, nil
}

// createMeta makes an empty index at path as one step: Bleve writes its mapping file in place, so a process
// killed while creating the index would leave an empty mapping that no later open can read. It is built
// beside path and renamed into place once whole.
func createMeta(path string, m mapping.IndexMapping) (bleve.Index, error) {
	tmp := path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, err
	}
	idx, err := bleve.New(tmp, m)
	if err != nil {
		return nil, err
	}
	if err := idx.Close(); err != nil {
		return nil, err
	}
	if err := syncFile(filepath.Join(tmp, "index_meta.json")); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, err
	}
	return bleve.Open(path)
}

// syncFile makes a file's content durable.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// openMetaReadOnly opens an existing dir/meta.bleve for reading only: nothing in it is written, so a reader
// needs no write permission. A missing index is an error satisfying os.ErrNotExist.
func openMetaReadOnly(dir string) (*bleveMeta, error) {
	path := filepath.Join(dir, MetaDir)
	idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return nil, fmt.Errorf("open metadata index %s: %w", path, os.ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("open metadata index %s: %w", path, err)
	}
	return &bleveMeta{idx: idx}, nil
}

// generationKey is the internal key of the write counter.
var generationKey = []byte("cairn.generation")

// Write indexes puts (id → document) and removes deletes in one batch, and returns the generation it
// advanced the index to. Every batch advances the generation in the same atomic write, so a cache derived
// from the documents can tell whether it is still current.
func (m *bleveMeta) Write(puts map[string]any, deletes []string) (uint64, error) {
	m.writeMu.Lock()
	defer m.writeMu.Unlock()
	gen, err := m.Generation()
	if err != nil {
		return 0, err
	}
	b := m.idx.NewBatch()
	b.SetInternal(generationKey, binary.BigEndian.AppendUint64(nil, gen+1))
	for id, doc := range puts {
		if err := b.Index(id, doc); err != nil {
			return 0, fmt.Errorf("index document %s: %w", id, err)
		}
	}
	for _, id := range deletes {
		b.Delete(id)
	}
	if err := m.idx.Batch(b); err != nil {
		return 0, fmt.Errorf("write metadata batch: %w", err)
	}
	return gen + 1, nil
}

// Generation counts the batches ever written: it changes whenever the documents do.
func (m *bleveMeta) Generation() (uint64, error) {
	v, err := m.idx.GetInternal(generationKey)
	if err != nil {
		return 0, fmt.Errorf("read index generation: %w", err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(v), nil
}

// Count returns the number of documents.
func (m *bleveMeta) Count() (uint64, error) {
	n, err := m.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// search runs a Bleve search request; Bleve's types stay inside this package.
func (m *bleveMeta) search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := m.idx.Search(req)
	if err != nil {
		return nil, fmt.Errorf("search metadata: %w", err)
	}
	return res, nil
}

// Stored returns the stored string fields of the documents with the given ids, id → field → value; absent
// ids are left out, and so are fields a document does not have.
func (m *bleveMeta) Stored(fields []string, ids ...string) (map[string]map[string]string, error) {
	out := make(map[string]map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = fields
	res, err := m.search(req)
	if err != nil {
		return nil, err
	}
	for _, h := range res.Hits {
		out[h.ID] = storedStrings(h.Fields, fields)
	}
	return out, nil
}

// storedStrings picks the string values of fields out of a hit's stored fields.
func storedStrings(stored map[string]any, fields []string) map[string]string {
	out := make(map[string]string, len(fields))
	for _, f := range fields {
		if s, ok := stored[f].(string); ok {
			out[f] = s
		}
	}
	return out
}

// pageSize bounds the documents one step of Each holds in memory.
const pageSize = 5000

// Each calls fn with the id and the stored fields (field → value) of every document, in id order, a page at a time so that a million documents never sit in memory
// together.
func (m *bleveMeta) Each(fields []string, fn func(id string, values map[string]string) error) error {
	q := query.NewMatchAllQuery()
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, pageSize, 0, false)
		req.Fields = fields
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := m.search(req)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if err := fn(h.ID, storedStrings(h.Fields, fields)); err != nil {
				return err
			}
		}
		if len(res.Hits) < pageSize {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Close closes the index; it must be called for the last batch to reach the disk.
func (m *bleveMeta) Close() error {
	if err := m.idx.Close(); err != nil {
		return fmt.Errorf("close metadata index: %w", err)
	}
	return nil
}

// EachID calls fn with the id of every document, in no particular order. It reads ids only, no stored
// fields, so listing a library of 100,000 photos stays cheap.
func (m *bleveMeta) EachID(fn func(id string) error) error {
	adv, err := m.idx.Advanced()
	if err != nil {
		return fmt.Errorf("list document ids: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("list document ids: %w", err)
	}
	defer r.Close()
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return fmt.Errorf("list document ids: %w", err)
	}
	defer ids.Close()
	for {
		iid, err := ids.Next()
		if err != nil {
			return fmt.Errorf("list document ids: %w", err)
		}
		if iid == nil {
			return nil
		}
		id, err := r.ExternalID(iid)
		if err != nil {
			return fmt.Errorf("list document ids: %w", err)
		}
		if err := fn(id); err != nil {
			return err
		}
	}
}
