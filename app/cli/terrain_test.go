package cli

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flatTile is a gzipped 3″ tile of one height.
func flatTile(t *testing.T, height byte) []byte {
	raw := make([]byte, 1201*1201*2)
	for i := 1; i < len(raw); i += 2 {
		raw[i] = height
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTerrainListFetchImport(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := run(t, data, "terrain", "list")
	if code != 0 || !strings.Contains(out, "N27E086") || !strings.Contains(out, "4 bundled: SRTM (NASA/USGS), void-filled") {
		t.Fatalf("list: exit %d\n%s%s", code, out, errOut)
	}

	tile := flatTile(t, 42)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/N10/N10E020.hgt.gz" {
			http.NotFound(w, r)
			return
		}
		w.Write(tile)
	}))
	defer srv.Close()
	code, out, errOut = run(t, data, "terrain", "fetch", "--bbox", "10.1,20.1,10.9,21.9", "--from", srv.URL)
	if code != 0 || !strings.Contains(out, "fetched 1 tiles") || !strings.Contains(out, "not on the service (sea, or beyond its coverage): N10E021") {
		t.Fatalf("fetch: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut = run(t, data, "terrain", "fetch", "--bbox", "10,20"); code != 2 || !strings.Contains(errOut, "bbox") {
		t.Errorf("fetch with a bad box: exit %d: %s", code, errOut)
	}

	src := filepath.Join(t.TempDir(), "N11E020.hgt.gz")
	if err := os.WriteFile(src, tile, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "N12E020.hgt")
	if err := os.WriteFile(bad, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = run(t, data, "terrain", "import", src, bad)
	if code != 1 || !strings.Contains(out, "imported N11E020") || !strings.Contains(errOut, "N12E020.hgt") {
		t.Errorf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, data, "terrain", "list", "--verify")
	if code != 0 || !strings.Contains(out, "6 tiles (4 bundled") || strings.Count(out, "3″") != 6 {
		t.Errorf("list after fetch and import: exit %d\n%s%s", code, out, errOut)
	}
}
