package tokenizer

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
	"os"
	"path/filepath"
	"time"
)

// A large tokenizer.json takes about a second to parse; every process after the first reads a compact
// binary copy of its tables instead. The copy is stamped with the source's size, modification time and
// SHA-256, and is used only when all three match, so an edited or replaced tokenizer.json is never
// shadowed by a stale copy.

const (
	cacheMagic   = "CAIRNTOK"
	cacheVersion = 1
	cacheSuffix  = ".cairn-cache"
)

// stamp identifies the exact source file a cache was made from.
type stamp struct {
	size   int64
	mtime  int64 // UnixNano
	sha256 [32]byte
}

// LoadCached is Load with a binary cache: beside path when that folder is writable, else in fallbackDir
// ("" for none). A missing, stale or damaged cache is rebuilt; failing to write one is not an error.
func LoadCached(path, fallbackDir string) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read tokenizer: %w", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read tokenizer: %w", err)
	}
	st := stamp{size: int64(len(data)), mtime: info.ModTime().UnixNano(), sha256: sha256.Sum256(data)}
	places := cachePlaces(path, fallbackDir)
	for _, place := range places {
		if t, err := readCache(place, st); err == nil {
			return t, nil
		}
	}
	p, err := split(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer %s: %w", path, err)
	}
	t, tables, err := parseParts(p)
	if err != nil {
		return nil, fmt.Errorf("tokenizer %s: %w", path, err)
	}
	blob := encodeCache(st, p.config, tables)
	for _, place := range places {
		if writeAtomic(place, blob) == nil {
			break
		}
	}
	return t, nil
}

// cachePlaces lists where the cache of path may live: beside it, then in fallbackDir under a name made
// from path's absolute location.
func cachePlaces(path, fallbackDir string) []string {
	places := []string{path + cacheSuffix}
	if fallbackDir != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			abs = path
		}
		sum := sha256.Sum256([]byte(abs))
		places = append(places, filepath.Join(fallbackDir, fmt.Sprintf("%x%s", sum[:12], cacheSuffix)))
	}
	return places
}

// tables are the parsed vocabulary and merges.
type tables struct {
	vocab  *vocabulary
	merges *pairTable
}

// parseParts is Parse after split, also returning the tables for the cache.
func parseParts(p parts) (*Tokenizer, tables, error) {
	c, err := parseConfig(p.config)
	if err != nil {
		return nil, tables{}, err
	}
	vocab, err := readVocab(p.vocab)
	if err != nil {
		return nil, tables{}, fmt.Errorf("model vocab: %w", err)
	}
	merges, err := readMerges(p.merges, vocab, c.prefix)
	if err != nil {
		return nil, tables{}, fmt.Errorf("model: %w", err)
	}
	t, err := build(c, vocab, merges)
	return t, tables{vocab, merges}, err
}

// encodeCache lays out: magic, version, stamp, config, vocabulary (blob, offsets, ids, slots), merge
// slots, and a CRC-32C of everything before it.
func encodeCache(st stamp, config []byte, tb tables) []byte {
	var b []byte
	b = append(b, cacheMagic...)
	b = binary.LittleEndian.AppendUint32(b, cacheVersion)
	b = binary.LittleEndian.AppendUint64(b, uint64(st.size))
	b = binary.LittleEndian.AppendUint64(b, uint64(st.mtime))
	b = append(b, st.sha256[:]...)
	b = appendBytes(b, config)
	v := tb.vocab
	b = appendBytes(b, []byte(v.blob))
	b = appendInts(b, v.offsets)
	b = appendInts(b, v.ids)
	b = appendInts(b, v.slots)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(tb.merges.slots)))
	for _, s := range tb.merges.slots {
		b = binary.LittleEndian.AppendUint64(b, s.key)
		b = binary.LittleEndian.AppendUint64(b, s.val)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
}

func appendBytes(b, data []byte) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	return append(b, data...)
}

func appendInts[T int32 | uint32](b []byte, xs []T) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(xs)))
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint32(b, uint32(x))
	}
	return b
}

var errStale = errors.New("stale tokenizer cache")

// readCache loads the cache at place if it was made from the source described by want.
func readCache(place string, want stamp) (*Tokenizer, error) {
	b, err := os.ReadFile(place)
	if err != nil {
		return nil, err
	}
	head := len(cacheMagic) + 4 + 8 + 8 + 32
	if len(b) < head+4 || string(b[:len(cacheMagic)]) != cacheMagic {
		return nil, errStale
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	r := &reader{b: b[len(cacheMagic) : len(b)-4]}
	got := stamp{}
	version := r.u32()
	got.size, got.mtime = int64(r.u64()), int64(r.u64())
	copy(got.sha256[:], r.take(32))
	if version != cacheVersion || got != want || crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)) != sum {
		return nil, errStale
	}
	config := r.take(int(r.u32()))
	v := &vocabulary{blob: string(r.take(int(r.u32())))}
	v.offsets = readInts[uint32](r)
	v.ids = readInts[int32](r)
	v.slots = readInts[int32](r)
	n := int(r.u32())
	if r.err != nil || n == 0 || n&(n-1) != 0 || n > len(r.b)/16 || len(v.offsets) != len(v.ids)+1 {
		return nil, errStale
	}
	merges := &pairTable{slots: make([]pairSlot, n), shift: uint(64 - bits.TrailingZeros(uint(n)))}
	for i := range merges.slots {
		merges.slots[i] = pairSlot{key: r.u64(), val: r.u64()}
	}
	if r.err != nil || len(r.b) != 0 || !v.valid() {
		return nil, errStale
	}
	c, err := parseConfig(config)
	if err != nil {
		return nil, err
	}
	return build(c, v, merges)
}

// valid checks the vocabulary's offsets and slots point inside it, so a damaged cache cannot panic.
func (v *vocabulary) valid() bool {
	if len(v.slots) == 0 || len(v.slots)&(len(v.slots)-1) != 0 || len(v.offsets) == 0 || v.offsets[0] != 0 {
		return false
	}
	for i := 1; i < len(v.offsets); i++ {
		if v.offsets[i] < v.offsets[i-1] || int(v.offsets[i]) > len(v.blob) {
			return false
		}
	}
	for _, s := range v.slots {
		if s < 0 || int(s) > len(v.ids) {
			return false
		}
	}
	return true
}

// reader takes little-endian values off a byte slice; past the end it records an error and returns zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.err = errStale
		r.b = nil
		return make([]byte, max(n, 0))
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.take(8)) }

func readInts[T int32 | uint32](r *reader) []T {
	n := int(r.u32())
	if n > len(r.b)/4 {
		r.err = errStale
		return nil
	}
	raw := r.take(4 * n)
	out := make([]T, n)
	for i := range out {
		out[i] = T(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out
}

// writeAtomic writes data to a temporary file beside place and renames it into place, so a reader never
// sees half a cache.
func writeAtomic(place string, data []byte) error {
	dir := filepath.Dir(place)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A process killed while writing leaves its temporary file; an hour later it is nobody's.
	if old, _ := filepath.Glob(filepath.Join(dir, filepath.Base(place)+".tmp*")); len(old) > 0 {
		for _, p := range old {
			if info, err := os.Stat(p); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.Remove(p)
			}
		}
	}
	f, err := os.CreateTemp(dir, filepath.Base(place)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	// The cache is as readable as the model folder it sits in (CreateTemp makes files private).
	werr = errors.Join(werr, os.Chmod(f.Name(), 0o644))
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), place); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
