package tokenizer

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestLoadCachedWritesAndReusesTheCache(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokenizer.json")
	if err := os.WriteFile(path, []byte(sentencePieceJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := Parse([]byte(sentencePieceJSON))
	if err != nil {
		t.Fatal(err)
	}
	first, err := LoadCached(path, "")
	if err != nil {
		t.Fatal(err)
	}
	cache := path + cacheSuffix
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("no cache beside the tokenizer: %v", err)
	}
	st := stampOf(t, path)
	cached, err := readCache(cache, st)
	if err != nil {
		t.Fatalf("cache not readable: %v", err)
	}
	for _, text := range []string{" cat cats café abc", "ff", "<pad> cat<eos>", ""} {
		w := want.EncodePadded(text, 12, 1)
		for name, tok := range map[string]*Tokenizer{"first": first, "cached": cached} {
			if got := tok.EncodePadded(text, 12, 1); !reflect.DeepEqual(got, w) {
				t.Errorf("%s: %q = %v, want %v", name, text, got, w)
			}
		}
	}
}

func TestStaleOrDamagedCacheIsNotUsed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokenizer.json")
	if err := os.WriteFile(path, []byte(sentencePieceJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCached(path, ""); err != nil {
		t.Fatal(err)
	}
	// Same size and a later time: only the hash tells the tokenizers apart.
	changed := []byte(sentencePieceJSON)
	copy(changed[len(changed)-20:], []byte(`"ids": [1], "tokens"`))
	if err := os.WriteFile(path, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCache(path+cacheSuffix, stampOf(t, path)); err == nil {
		t.Fatal("a cache of another file was accepted")
	}
	// A damaged cache is refused, not trusted.
	if err := os.WriteFile(path, []byte(sentencePieceJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCached(path, ""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path + cacheSuffix)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []int{len(data) / 2, len(data) - 1, 100} {
		bad := append([]byte(nil), data...)
		bad[at] ^= 0x40
		if err := os.WriteFile(path+cacheSuffix, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readCache(path+cacheSuffix, stampOf(t, path)); err == nil {
			t.Errorf("cache with byte %d flipped was accepted", at)
		}
		tok, err := LoadCached(path, "")
		if err != nil || !reflect.DeepEqual(tok.Encode(" cat"), []int{12, 2}) {
			t.Errorf("LoadCached over a damaged cache: %v", err)
		}
	}
	if err := os.WriteFile(path+cacheSuffix, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCache(path+cacheSuffix, stampOf(t, path)); err == nil {
		t.Error("truncated cache was accepted")
	}
}

func TestReadOnlyModelFolderCachesInFallback(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokenizer.json")
	if err := os.WriteFile(path, []byte(sentencePieceJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// Root writes into read-only folders; a folder in the cache's place blocks it just as well.
		if err := os.MkdirAll(filepath.Join(path+cacheSuffix, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
	}
	fallback := filepath.Join(t.TempDir(), "cache")
	if _, err := LoadCached(path, fallback); err != nil {
		t.Fatal(err)
	}
	places := cachePlaces(path, fallback)
	if _, err := os.Stat(places[1]); err != nil {
		t.Fatalf("no cache in the fallback folder: %v", err)
	}
	if _, err := readCache(places[1], stampOf(t, path)); err != nil {
		t.Fatalf("fallback cache not readable: %v", err)
	}
}

func stampOf(t *testing.T, path string) stamp {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return stamp{size: int64(len(data)), mtime: info.ModTime().UnixNano(), sha256: sha256.Sum256(data)}
}

func TestAbandonedTemporaryCachesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tokenizer.json")
	if err := os.WriteFile(path, []byte(sentencePieceJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	old, fresh := path+cacheSuffix+".tmp111", path+cacheSuffix+".tmp222"
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("half a cache"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCached(path, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("an abandoned temporary cache is still there")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a temporary cache another process may be writing was removed")
	}
}
