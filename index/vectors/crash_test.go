package vectors

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash test runs a writer in a child process (this test binary again) and kills it with SIGKILL
// at a random moment. The index must then open and hold exactly the state of one of the commits.

const (
	crashDirEnv = "CAIRN_VECTORS_CRASH_DIR"
	crashDim    = 32
	perRound    = 100
)

// crashState is what the index holds after round r was flushed: every id of rounds 0..r, except that
// each round deletes the multiples of 7 from two rounds back.
func crashState(r int) map[uint64]bool {
	want := map[uint64]bool{}
	for round := 0; round <= r; round++ {
		for i := range perRound {
			id := uint64(round*perRound + i)
			if id%7 == 0 && round <= r-2 {
				continue
			}
			want[id] = true
		}
	}
	return want
}

// TestCrashChild is the writer; it only runs inside the child process.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestKill9")
	}
	ix, err := Open(dir, crashDim, Options{ExactBelow: 10, GraphSaveEvery: 250})
	if err != nil {
		t.Fatal(err)
	}
	for round := 0; round < 100000; round++ {
		for i := range perRound {
			id := uint64(round*perRound + i)
			if err := ix.Put(id, vectorFor(id, crashDim)); err != nil {
				t.Fatal(err)
			}
		}
		for i := range perRound {
			old := uint64((round-1)*perRound + i)
			if round >= 1 && old%5 == 0 && old%7 != 0 {
				ix.Put(old, vectorFor(old, crashDim)) // a replacement moves the row to a new slot
			}
			if gone := uint64((round-2)*perRound + i); round >= 2 && gone%7 == 0 {
				ix.Delete(gone)
			}
		}
		if err := ix.Flush(); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("flushed %d\n", round)
	}
}

func TestKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	for attempt := range 3 {
		dir := t.TempDir()
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		last := -1
		for last < 3+attempt && lines.Scan() {
			if n, ok := strings.CutPrefix(lines.Text(), "flushed "); ok {
				last, _ = strconv.Atoi(n)
			}
		}
		time.Sleep(time.Duration(rand.IntN(40)) * time.Millisecond)
		cmd.Process.Kill()
		for lines.Scan() { // flushes reported before the kill landed
			if n, ok := strings.CutPrefix(lines.Text(), "flushed "); ok {
				last, _ = strconv.Atoi(n)
			}
		}
		cmd.Wait()
		if last < 0 {
			t.Fatal("the child never flushed")
		}

		ix := mustOpen(t, dir, crashDim, Options{ExactBelow: 10})
		have := map[uint64]bool{}
		for _, id := range ix.IDs() {
			have[id] = true
		}
		// The kill may land after a flush committed but before it was reported.
		if !sameSet(have, crashState(last)) && !sameSet(have, crashState(last+1)) {
			t.Fatalf("attempt %d: after kill -9 past flush %d the index holds %d ids, matching neither flush %d nor %d",
				attempt, last, len(have), last, last+1)
		}
		checkVectors(t, ix, crashDim)
		checkCodes(t, ix) // the int8 copy holds the code of every surviving row, torn writes recomputed
		if ix.graph.Len() != ix.Len() {
			t.Fatalf("graph holds %d nodes, index %d ids", ix.graph.Len(), ix.Len())
		}
		for _, id := range []uint64{1, uint64(last * perRound)} {
			hits, err := ix.Search(vectorFor(id, crashDim), 1, nil)
			if err != nil || len(hits) != 1 || hits[0].ID != id {
				t.Fatalf("search for id %d after the crash: %v %v", id, hits, err)
			}
		}
		ix.Close()
		t.Logf("attempt %d: killed after flush %d; %d ids intact", attempt, last, len(have))
	}
}

func sameSet(a, b map[uint64]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
