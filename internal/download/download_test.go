package download

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestResumeContinuesAPartialFile(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 10000)
	var ranges []string
	cut := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/f" {
			http.NotFound(w, r)
			return
		}
		ranges = append(ranges, r.Header.Get("Range"))
		if cut {
			cut = false
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Write(body[:len(body)/3])
			w.(http.Flusher).Flush()
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
			return
		}
		http.ServeContent(w, r, "", time.Unix(1e9, 0), bytes.NewReader(body))
	}))
	defer srv.Close()
	part := filepath.Join(t.TempDir(), "sub", "f.part")
	if _, err := Resume(context.Background(), srv.Client(), srv.URL+"/f", part, nil); err == nil {
		t.Fatal("a cut download succeeded")
	}
	var last, lastTotal int64
	n, err := Resume(context.Background(), srv.Client(), srv.URL+"/f", part, func(d, t int64) { last, lastTotal = d, t })
	if err != nil || n != int64(len(body)) || last != n || lastTotal != n {
		t.Fatalf("resume: %d bytes, %v; progress %d of %d", n, err, last, lastTotal)
	}
	if got, _ := os.ReadFile(part); !bytes.Equal(got, body) {
		t.Error("resumed file differs")
	}
	if len(ranges) != 2 || ranges[0] != "" || ranges[1] != "bytes="+strconv.Itoa(len(body)/3)+"-" {
		t.Errorf("ranges %q", ranges)
	}
	if _, err := Resume(context.Background(), srv.Client(), srv.URL+"/g", part+"2", nil); !errors.Is(err, ErrMissing) {
		t.Errorf("missing file: %v", err)
	}
}

// A cancel that arrives with the last bytes leaves a .part, and the next call finds it whole (the server
// answers 416 to a range at its end) rather than starting again or failing.
func TestCancelWithTheLastBytesKeepsThePartFileForTheNextCall(t *testing.T) {
	body := bytes.Repeat([]byte("abc"), 1000) // one read
	gets := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gets++
		http.ServeContent(w, r, "", time.Unix(1e9, 0), bytes.NewReader(body))
	}))
	defer srv.Close()
	part := filepath.Join(t.TempDir(), "f.part")
	ctx, cancel := context.WithCancel(context.Background())
	_, err := Resume(ctx, srv.Client(), srv.URL+"/f", part, func(done, total int64) {
		if done == total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled download: %v", err)
	}
	var last int64
	n, err := Resume(context.Background(), srv.Client(), srv.URL+"/f", part, func(d, _ int64) { last = d })
	if err != nil || n != int64(len(body)) || last != n || gets != 2 {
		t.Fatalf("resume of a whole part: %d bytes, %v, progress %d, %d requests", n, err, last, gets)
	}
	if got, _ := os.ReadFile(part); !bytes.Equal(got, body) {
		t.Error("part file changed")
	}
}
