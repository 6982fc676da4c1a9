package model

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestCleanTextMatchesImmich compares cleanText with Immich's own clean_text (run by Python when the
// golden file was made) on every text of the tokenizer golden file, in both modes.
func TestCleanTextMatchesImmich(t *testing.T) {
	f, err := os.Open(filepath.Join("tokenizer", "testdata", "golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var e struct{ Mode, Text, Cleaned string }
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		n++
		if got := cleanText(e.Text, e.Mode); got != e.Cleaned {
			t.Errorf("cleanText(%q, %s) = %q, Immich gives %q", e.Text, e.Mode, got, e.Cleaned)
		}
	}
	if err := sc.Err(); err != nil || n < 600 {
		t.Fatalf("read %d golden lines: %v", n, err)
	}
}
