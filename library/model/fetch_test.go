package model

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/model/tinymodel"
)

// hub serves a model directory the way Hugging Face does: HEAD answers with X-Linked-Size and
// X-Linked-Etag (the sha256), GET honours Range. It can cut one download short and lie about one hash.
type hub struct {
	root      string
	name      string
	breakOnce string // file whose first full GET stops half way
	badHash   string // file announced with a wrong sha256
	mu        sync.Mutex
	broken    bool
	ranges    []string
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	prefix := "/immich-app/" + h.name + "/resolve/main/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		http.NotFound(w, r)
		return
	}
	file := strings.TrimPrefix(r.URL.Path, prefix)
	data, err := os.ReadFile(filepath.Join(h.root, filepath.FromSlash(file)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(data)
	tag := hex.EncodeToString(sum[:])
	if file == h.badHash {
		tag = strings.Repeat("0", 64)
	}
	w.Header().Set("X-Linked-Etag", `"`+tag+`"`)
	w.Header().Set("X-Linked-Size", strconv.Itoa(len(data)))
	h.mu.Lock()
	if rg := r.Header.Get("Range"); rg != "" {
		h.ranges = append(h.ranges, file+" "+rg)
	}
	cut := r.Method == http.MethodGet && file == h.breakOnce && !h.broken && r.Header.Get("Range") == ""
	if cut {
		h.broken = true
	}
	h.mu.Unlock()
	if cut {
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data[:len(data)/2])
		return // the server closes the connection: the client sees an unexpected EOF
	}
	http.ServeContent(w, r, file, time.Time{}, bytes.NewReader(data))
}

func newHub(t *testing.T) (*hub, *httptest.Server) {
	t.Helper()
	root := filepath.Join(t.TempDir(), "upstream")
	if err := tinymodel.Write(root); err != nil {
		t.Fatal(err)
	}
	h := &hub{root: root, name: "tiny-color"}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return h, srv
}

func TestFetchResumesAfterInterruption(t *testing.T) {
	h, srv := newHub(t)
	h.breakOnce = "textual/model.onnx"
	data := t.TempDir()
	var calls int
	opt := FetchOptions{BaseURL: srv.URL + "/immich-app", Progress: func(string, int64, int64) { calls++ }}

	if err := Fetch(context.Background(), data, "tiny-color", opt); err == nil {
		t.Fatal("first fetch succeeded although the download was cut")
	}
	part := filepath.Join(data, "models", "tiny-color", "textual", "model.onnx.part")
	if st, err := os.Stat(part); err != nil || st.Size() == 0 {
		t.Fatalf("no partial file kept: %v", err)
	}
	if _, err := Resolve(data, "tiny-color"); err == nil {
		t.Fatal("a half-fetched model resolves")
	}

	if err := Fetch(context.Background(), data, "tiny-color", opt); err != nil {
		t.Fatal(err)
	}
	if len(h.ranges) != 1 || !strings.HasPrefix(h.ranges[0], "textual/model.onnx bytes=") {
		t.Errorf("range requests = %q, want one resuming textual/model.onnx", h.ranges)
	}
	for _, f := range modelFiles() {
		want, _ := os.ReadFile(filepath.Join(h.root, filepath.FromSlash(f)))
		got, err := os.ReadFile(filepath.Join(data, "models", "tiny-color", filepath.FromSlash(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s differs after resume (%v)", f, err)
		}
	}
	if calls == 0 {
		t.Error("progress never reported")
	}
	if _, err := os.Stat(filepath.Join(data, "models", "tiny-color", "textual", "tokenizer.json.cairn-cache")); err != nil {
		t.Errorf("the fetch made no tokenizer cache: %v", err)
	}
	dir, err := Resolve(data, "tiny-color")
	if err != nil || dir != filepath.Join(data, "models", "tiny-color") {
		t.Fatalf("Resolve = %q, %v", dir, err)
	}
	m := loadDir(t, dir) // the fetched model runs
	if _, err := m.EmbedTexts([]string{"red"}); err != nil {
		t.Fatal(err)
	}
	list, err := List(data)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]Installed{}
	for _, in := range list {
		seen[in.Name] = in
	}
	if !seen["tiny-color"].Installed || seen[DefaultName].Installed || !seen[DefaultName].Known {
		t.Errorf("List = %+v", list)
	}
}

func TestFetchRejectsHashMismatch(t *testing.T) {
	h, srv := newHub(t)
	h.badHash = "config.json"
	data := t.TempDir()
	err := Fetch(context.Background(), data, "tiny-color", FetchOptions{BaseURL: srv.URL + "/immich-app"})
	if err == nil || !strings.Contains(err.Error(), "sha256") {
		t.Fatalf("err = %v, want a sha256 mismatch", err)
	}
	for _, f := range []string{"config.json", "config.json.part"} {
		if _, err := os.Stat(filepath.Join(data, "models", "tiny-color", f)); err == nil {
			t.Errorf("%s kept after a hash mismatch", f)
		}
	}
}

func TestFetchUnknownModelFails(t *testing.T) {
	_, srv := newHub(t)
	err := Fetch(context.Background(), t.TempDir(), "no-such-model", FetchOptions{BaseURL: srv.URL + "/immich-app"})
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("err = %v, want a 404", err)
	}
	if err := Fetch(context.Background(), t.TempDir(), "../evil", FetchOptions{BaseURL: srv.URL}); err == nil {
		t.Error("a path as model name was accepted")
	}
}

func TestResolve(t *testing.T) {
	data := t.TempDir()
	if _, err := Resolve(data, ""); err == nil || !strings.Contains(err.Error(), DefaultName) {
		t.Errorf("missing default: err = %v", err)
	}
	dir := filepath.Join(t.TempDir(), "my-model")
	if err := tinymodel.Write(dir); err != nil {
		t.Fatal(err)
	}
	if got, err := Resolve(data, dir); err != nil || got != dir {
		t.Errorf("Resolve(dir) = %q, %v", got, err)
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	bar := ProgressBar(&buf)
	bar("visual/model.onnx", 50, 100)
	bar("visual/model.onnx", 50, 100) // unchanged: not redrawn
	bar("visual/model.onnx", 100, 100)
	out := buf.String()
	if strings.Count(out, "\r") != 2 || !strings.Contains(out, " 50%") || !strings.Contains(out, "100%") {
		t.Errorf("bar output %q", out)
	}
}
