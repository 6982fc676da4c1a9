package vectors

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/index/quant"
)

// waitCodes waits for a background rebuild of the codes, if Open started one.
func waitCodes(ix *Index) {
	if ix.rebuild != nil {
		<-ix.rebuild.done
	}
}

// checkCodes asserts the codes are in use and every live slot's code is the one its float row quantizes to.
func checkCodes(t *testing.T, ix *Index) {
	t.Helper()
	waitCodes(ix)
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	st := ix.st
	if !st.CodesReady() {
		t.Fatal("the codes are not in use")
	}
	want := make([]int8, st.dim())
	for slot := range st.slots() {
		s := uint32(slot)
		if !st.isLive(s) {
			continue
		}
		scale := quant.Quantize(want, st.Vector(s))
		code, gotScale := st.Code(s)
		if gotScale != scale || string(int8Bytes(code)) != string(int8Bytes(want)) {
			t.Fatalf("slot %d (id %d): the code is not its float row's", s, st.idAt(s))
		}
	}
}

func int8Bytes(c []int8) []byte {
	b := make([]byte, len(c))
	for i, x := range c {
		b[i] = byte(x)
	}
	return b
}

// codeHeaderCommit reads the commit the code file of generation gen in dir says it is complete for.
func codeHeaderCommit(t *testing.T, dir string, dim int, gen uint64) uint32 {
	t.Helper()
	c, err := openCodeFile(filepath.Join(dir, codeFileName(gen)), dim, gen, 0, ^uint32(0), true)
	if err != nil {
		t.Fatal(err)
	}
	defer c.rows.close()
	return c.commit
}

func TestCodesKeptInStep(t *testing.T) {
	dir := t.TempDir()
	const dim = 24
	ix := mustOpen(t, dir, dim, Options{ExactBelow: 10})
	for id := uint64(1); id <= 1500; id++ { // grows both files past their first size
		ix.Put(id, vectorFor(id, dim))
	}
	checkCodes(t, ix)
	if err := ix.Flush(); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= 1500; id += 3 {
		ix.Delete(id)
	}
	ix.Flush()
	for id := uint64(2); id <= 1500; id += 3 { // replacements, into the slots the deletes freed
		ix.Put(id, vectorFor(id+10000, dim))
	}
	checkCodes(t, ix)
	if err := ix.Compact(); err != nil {
		t.Fatal(err)
	}
	checkCodes(t, ix)
	if names, _ := filepath.Glob(filepath.Join(dir, "vectors.*.i8")); len(names) != 1 || filepath.Base(names[0]) != codeFileName(1) {
		t.Fatalf("after compaction the code files are %v", names)
	}
	ix.Put(5000, vectorFor(5000, dim))
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	m, _, _ := readMeta(dir)
	if got := codeHeaderCommit(t, dir, dim, m.gen); got != m.commit {
		t.Fatalf("after Close the code file is complete for commit %d, the metadata is at %d", got, m.commit)
	}

	ix = mustOpen(t, dir, dim, Options{ExactBelow: 10})
	defer ix.Close()
	if ix.rebuild != nil || !ix.st.CodesReady() {
		t.Fatal("a clean reopen recomputes codes")
	}
	checkCodes(t, ix)
	if hits, _ := ix.Search(vectorFor(2+10000, dim), 1, nil); len(hits) != 1 || hits[0].ID != 2 {
		t.Fatalf("search for a replaced vector: %v", hits)
	}
}

// TestCodesRebuiltWhenUnusable: a code file that is missing, of another generation, torn or behind the
// metadata is recomputed from the floats, in the background when there are many, and the result is marked
// complete so the next Open trusts it.
func TestCodesRebuiltWhenUnusable(t *testing.T) {
	dir := t.TempDir()
	const dim, n = 16, 700
	opt := Options{codesInline: 500}
	ix := mustOpen(t, dir, dim, opt)
	for id := uint64(1); id <= n; id++ {
		ix.Put(id, vectorFor(id, dim))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, codeFileName(0))
	good, _ := os.ReadFile(path)
	other := append([]byte(nil), good...)
	copy(other, codeHeader(dim, 7, 1)) // another generation's
	torn := append([]byte(nil), good...)
	torn[10] ^= 1 // a header that fails its checksum
	garbled := append([]byte(nil), good...)
	for i := headerSize; i < len(garbled); i += 97 { // codes that were never synced, under a header of commit 0
		garbled[i] ^= 0x55
	}
	copy(garbled, codeHeader(dim, 0, 0))
	cases := map[string][]byte{"missing": nil, "other generation": other, "torn header": torn, "not complete": garbled,
		"short": good[:headerSize+100]}
	for name, content := range cases {
		os.Remove(path)
		if content != nil {
			if err := os.WriteFile(path, content, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ix := mustOpen(t, dir, dim, opt)
		if ix.rebuild == nil {
			t.Fatalf("%s: no background rebuild of %d codes", name, n)
		}
		checkCodes(t, ix)
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		ix = mustOpen(t, dir, dim, opt)
		if ix.rebuild != nil || !ix.st.CodesReady() {
			t.Fatalf("%s: the rebuilt codes were not kept", name)
		}
		ix.Close()
	}
}

// TestCodesReadOnly: a read-only open uses a complete code file and falls back to the floats, writing
// nothing, when there is none.
func TestCodesReadOnly(t *testing.T) {
	dir := t.TempDir()
	const dim = 16
	ix := mustOpen(t, dir, dim, Options{})
	for id := uint64(1); id <= 300; id++ {
		ix.Put(id, vectorFor(id, dim))
	}
	ix.Close()
	ro := mustOpen(t, dir, dim, Options{ReadOnly: true})
	checkCodes(t, ro)
	ro.Close()
	os.Remove(filepath.Join(dir, codeFileName(0)))
	ro = mustOpen(t, dir, dim, Options{ReadOnly: true})
	defer ro.Close()
	if ro.st.CodesReady() {
		t.Fatal("read-only without a code file claims codes")
	}
	if hits, _ := ro.Search(vectorFor(9, dim), 1, nil); len(hits) != 1 || hits[0].ID != 9 {
		t.Fatalf("read-only search on the floats: %v", hits)
	}
	if _, err := os.Stat(filepath.Join(dir, codeFileName(0))); !os.IsNotExist(err) {
		t.Fatal("a read-only open wrote a code file")
	}
}

// TestSearchDuringCodeRebuild runs searches, exact and through the graph, and Puts while the codes are
// rebuilt in the background (run with -race): every search finds the stored vector it asks for.
func TestSearchDuringCodeRebuild(t *testing.T) {
	dir := t.TempDir()
	const dim, n = 16, 2000
	ix := mustOpen(t, dir, dim, Options{})
	for id := uint64(1); id <= n; id++ {
		ix.Put(id, vectorFor(id, dim))
	}
	ix.Close()
	os.Remove(filepath.Join(dir, codeFileName(0)))

	gate := make(chan struct{})
	ix = mustOpen(t, dir, dim, Options{codesGate: gate, codesInline: 100})
	defer ix.Close()
	if ix.st.CodesReady() {
		t.Fatal("the codes are ready before they were rebuilt")
	}
	var started sync.WaitGroup
	started.Add(3)
	go func() { started.Wait(); close(gate) }() // the rebuild starts once every searcher has searched
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 150 {
				id := uint64(1 + (i*7919+w*104729)%n)
				var allow *Filter
				if w == 1 { // a narrow filter: the exact scan of the allowed slots
					allow = NewFilter([]uint64{id, id + 1, id + 2})
				}
				hits, err := ix.Search(vectorFor(id, dim), 3, allow)
				if err != nil || len(hits) == 0 || hits[0].ID != id {
					errs <- "search"
					return
				}
				if i == 0 {
					started.Done()
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for id := uint64(n + 1); id <= n+300; id++ {
			ix.Put(id, vectorFor(id, dim))
		}
	}()
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("a %s during the rebuild did not find its own vector", e)
	}
	checkCodes(t, ix)
}
