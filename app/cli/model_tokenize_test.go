package cli

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// gemmaModelFolder writes a model folder that holds only the real Gemma tokenizer files and a config.json
// with SigLIP-2's context and the given cleaning.
func gemmaModelFolder(t *testing.T, clean string) string {
	t.Helper()
	shared := testenv.SharedDir(t, "tokenizers", "gemma")
	dir := filepath.Join(t.TempDir(), "ViT-B-16-SigLIP2__webli")
	if err := os.MkdirAll(filepath.Join(dir, "textual"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(shared, "tokenizer.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "textual", "tokenizer.json"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(shared, "tokenizer_config.json"))
	if err != nil {
		t.Fatal(err)
	}
	textCfg := map[string]any{"context_length": 64}
	if clean != "" {
		textCfg["tokenizer_kwargs"] = map[string]any{"clean": clean}
	}
	config, _ := json.Marshal(map[string]any{"embed_dim": 768, "text_cfg": textCfg})
	for name, data := range map[string][]byte{"textual/tokenizer_config.json": cfg, "config.json": config} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestModelTokenizeGivesReferenceIDs runs `cairn model tokenize` on a folder with only the real Gemma
// tokenizer files, in both of Immich's cleaning modes, and compares every text of the golden file with the
// ids the reference implementations gave for Immich's cleaning of it.
func TestModelTokenizeGivesReferenceIDs(t *testing.T) {
	type entry struct {
		Tokenizer, Mode, Text string
		Padded                []int
	}
	f, err := os.Open(filepath.Join("..", "..", "library", "model", "tokenizer", "testdata", "golden.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byMode := map[string][]entry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var e entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.Tokenizer == "gemma" {
			byMode[e.Mode] = append(byMode[e.Mode], e)
		}
	}
	for mode, clean := range map[string]string{"whitespace": "", "canonicalize": "canonicalize"} {
		entries := byMode[mode]
		if len(entries) < 300 {
			t.Fatalf("%s: %d golden texts", mode, len(entries))
		}
		dir, data := gemmaModelFolder(t, clean), t.TempDir()
		args := []string{"model", "tokenize", "--json", "--model", dir, "--"}
		for _, e := range entries {
			args = append(args, e.Text)
		}
		code, out, errOut := run(t, data, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", mode, code, errOut)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != len(entries) {
			t.Fatalf("%s: %d lines for %d texts", mode, len(lines), len(entries))
		}
		for i, line := range lines {
			var got struct {
				Text string
				IDs  []int
			}
			if err := json.Unmarshal([]byte(line), &got); err != nil {
				t.Fatalf("%s: line %d: %v", mode, i+1, err)
			}
			if got.Text != entries[i].Text || !reflect.DeepEqual(got.IDs, entries[i].Padded) {
				t.Errorf("%s: %q gave %v, want %v", mode, entries[i].Text, got.IDs, entries[i].Padded)
			}
		}
		// The plain form prints the same ids, space-separated, one line per text.
		code, out, _ = run(t, data, "model", "tokenize", "--model", dir, entries[0].Text)
		want := strings.Trim(fmt.Sprint(entries[0].Padded), "[]")
		if code != 0 || strings.TrimSpace(out) != want {
			t.Errorf("%s: plain output %q, want %q", mode, out, want)
		}
	}
}

// TestModelTokenizeExplainsAMissingModel names the folder it looked in.
func TestModelTokenizeExplainsAMissingModel(t *testing.T) {
	data := t.TempDir()
	code, _, errOut := run(t, data, "model", "tokenize", "--model", "nope", "hello")
	if code == 0 || !strings.Contains(errOut, filepath.Join(data, "models", "nope")) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}
