package index

import (
	"strconv"

	"github.com/cairn-photos/cairn/index/vectors"
)

// Store keeps a library's records. It speaks the library's terms — records with the few facts queries
// match and filter by, a vector per record, filtered nearest-vector queries, a write generation — and owns
// the order in which a write reaches its parts and the repair after a crash, so a library never sees a
// record pointing at a vector that is not there. Local (Bleve and the vector files) implements it;
// docs/storage.md says how a shared archive (Elasticsearch or OpenSearch) would.
type Store interface {
	// Write stores puts and removes deletes, and advances the write generation. A put's vector (when
	// given) is durable before its record; a deleted record's vector goes before the record. A crash
	// leaves at worst vectors without records and records without vectors, which Recover repairs.
	// Writes may be called side by side: one's vectors go in while another's records are written, and
	// their records are written one write at a time. stored, when not nil, is called with the write's
	// generation once its records are stored and before any later write's are, so that what a caller
	// keeps in step with the records follows the generations in order; its error is Write's.
	Write(puts []Doc, deletes []string, stored func(gen uint64) error) error
	// Generation counts the writes ever made: a cache derived from the records is current while it holds.
	Generation() (uint64, error)
	// Count is the number of records.
	Count() (int, error)
	// Stored returns the named stored parts of the records ids; absent ids are left out.
	Stored(parts []string, ids ...string) (map[string]map[string]string, error)
	// Each calls fn with the id and the named stored parts of every record, in id order, a page at a time.
	Each(parts []string, fn func(id string, stored map[string]string) error) error
	// MatchName lists the ids of the records whose Name holds every word of text (any case, any
	// separator), best first.
	MatchName(text string) ([]string, error)
	// PeakCounts counts the records per value of their Peaks.
	PeakCounts() (map[string]int, error)
	// Vectors is the records' vectors, nil when the library has no model.
	Vectors() Vectors
	// NextVectors opens the vector set called name (VectorsDir followed by "-" and a model's digest) beside
	// the store's own vectors, creating it when it is new, for a model switch to fill while queries go on
	// with the store's own; what an interrupted fill flushed is still there. The caller closes the set,
	// unless UseVectors took it over.
	NextVectors(name string, dim int) (VectorSet, error)
	// UseVectors makes the set NextVectors opened as name the store's vectors, closes the ones it replaces,
	// and removes every other vector set (an old model's, a switch given up). The caller records the change
	// first (the library's manifest names the set in use), so that a crash before that record leaves the
	// old vectors in use, and one after it the new.
	UseVectors(name string) error
	// Recover repairs what a crash left: vectors without a record are dropped, and the ids of records
	// without a vector are returned, for the library to mark as not embedded.
	Recover() (lacking []string, orphans int, err error)
	// Close flushes and closes every part.
	Close() error
}

// Vectors answers nearest-vector queries over the records' vectors, keyed by Key(id).
type Vectors interface {
	Has(key uint64) bool
	Get(key uint64) ([]float32, bool)
	Len() int
	IDs() []uint64
	// Search returns the k nearest vectors to q among those allow lets through (all when nil).
	Search(q []float32, k int, allow *vectors.Filter) ([]vectors.Hit, error)
	// KeyMap maps keys, a caller's rows in order, to the vectors as they are now, for filters by row.
	KeyMap(keys []uint64) *vectors.KeyMap
}

// VectorsDir is the name of the vector set a store's first model fills; a model switch fills one named
// VectorsDir + "-" + the new model's digest.
const VectorsDir = "vectors"

// VectorSet is a set of vectors a model switch fills (Store.NextVectors), keyed by Key(id).
type VectorSet interface {
	Has(key uint64) bool
	Put(key uint64, vec []float32) error
	// Flush makes what was put durable: an interrupted fill goes on from there.
	Flush() error
	Close() error
}

// Doc is one record as a Store keeps it.
type Doc struct {
	ID string // 16 hex digits: the record's 64-bit key (Key) written out, which its vector is kept under
	// What queries match, filter and count by; not returned. Local indexes Name and Peaks, which its
	// MatchName and PeakCounts ask for; a shared archive's other clients may query the rest.
	Name      string      // words of the record's path: MatchName
	Folder    string      // exact
	Instant   string      // RFC 3339, when the moment is known
	LocalTime string      // wall clock, "2006-01-02T15:04:05", when known
	Location  *[2]float64 // latitude, longitude in degrees
	Peaks     []string    // exact terms: PeakCounts
	PeakNames string      // words
	// The parts returned as they were given, in the library's own encodings: Stored and Each name them
	// PartRecord and PartDerived.
	Record  string
	Derived string // "" when there is nothing
	// Vector is stored under Key(ID) with the record when not nil; nil leaves any vector as it is.
	Vector []float32
}

// The stored parts of a record.
const (
	PartRecord  = "record"
	PartDerived = "derived"
)

// Key is the 64-bit key a record's id stands for: ids are 16 hex digits.
func Key(id string) uint64 {
	k, _ := strconv.ParseUint(id, 16, 64)
	return k
}

// ID is the id of the record of key k, the inverse of Key.
func ID(k uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[k&15]
		k >>= 4
	}
	return string(b[:])
}
