package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestGenerateAndRun drives the whole benchmark on a small generated set, bare graph and facade, and
// checks the JSON lines it prints.
func TestGenerateAndRun(t *testing.T) {
	dir := t.TempDir()
	c := config{base: filepath.Join(dir, "base.f32"), queries: filepath.Join(dir, "q.f32"),
		dim: 32, k: 10, m: 8, efc: 64, efs: []int{5, 60}, json: true, gen: 3000, nq: 50, seed: 3}
	if err := generate(c); err != nil {
		t.Fatal(err)
	}
	for _, facade := range []bool{false, true} {
		if facade {
			c.dir = filepath.Join(dir, "index")
		}
		var out bytes.Buffer
		if err := run(c, &out); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(&out)
		lines.Scan()
		var s summary
		if err := json.Unmarshal(lines.Bytes(), &s); err != nil {
			t.Fatalf("first line %q: %v", lines.Text(), err)
		}
		if s.N != 3000 || s.Bytes <= 0 || s.ExactP50us <= 0 || s.BuildS <= 0 {
			t.Errorf("summary %+v", s)
		}
		var recalls []float64
		for lines.Scan() {
			var r efResult
			if err := json.Unmarshal(lines.Bytes(), &r); err != nil {
				t.Fatalf("ef line %q: %v", lines.Text(), err)
			}
			if r.P50us <= 0 || r.P99us < r.P50us {
				t.Errorf("latencies %+v", r)
			}
			recalls = append(recalls, r.Recall)
		}
		if len(recalls) != 2 || recalls[1] < 0.95 || recalls[1] < recalls[0] {
			t.Errorf("facade=%v: recalls at ef 5, 60 = %v; want 2 values, rising, the last >= 0.95", facade, recalls)
		}
	}
}
