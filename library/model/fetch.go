package model

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cairn-photos/cairn/internal/download"
)

// DefaultBaseURL is where Immich publishes its ONNX exports; a file is BaseURL/<Name>/resolve/main/<file>.
const DefaultBaseURL = "https://huggingface.co/immich-app"

// FetchOptions tune Fetch. Progress, when set, is called as bytes arrive (done counts resumed bytes too;
// total is −1 when the server does not say).
type FetchOptions struct {
	BaseURL  string
	Progress func(file string, done, total int64)
	Client   *http.Client // nil: http.DefaultClient's transport
}

// Fetch downloads a model into dataRoot/models/<name> ("" means DefaultName). Each file goes to a .part
// file first, resumes from it with an HTTP Range request, is checked against the size and sha256 the
// server announces (Hugging Face's X-Linked-Size and X-Linked-Etag for large files), and only then takes
// its final name, so an interrupted or corrupt download never looks installed.
func Fetch(ctx context.Context, dataRoot, name string, opt FetchOptions) error {
	if name == "" {
		name = DefaultName
	}
	if name != filepath.Base(name) || name == "." || name == ".." {
		return fmt.Errorf("fetch model: %q is not a model name", name)
	}
	base := strings.TrimRight(opt.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{}
	}
	dir := filepath.Join(dataRoot, "models", name)
	for _, file := range modelFiles() {
		url := base + "/" + name + "/resolve/main/" + file
		dst := filepath.Join(dir, filepath.FromSlash(file))
		if err := fetchFile(ctx, client, url, dst, file, opt.Progress); err != nil {
			return fmt.Errorf("fetch %s %s: %w", name, file, err)
		}
	}
	// Reading the tokenizer now makes its compact cache, so no query after a fetch waits for the parse, and
	// a tokenizer Cairn cannot read is reported here rather than at the first search.
	if _, err := LoadText(dir, CacheDir(dataRoot)); err != nil {
		return fmt.Errorf("fetched %s, but its text side cannot be used: %w", name, err)
	}
	return nil
}

// remote is what a HEAD request says about a file: its size and, when the ETag is one, its sha256.
type remote struct {
	size   int64 // −1 when unknown
	sha256 string
}

func probe(ctx context.Context, client *http.Client, url string) (remote, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return remote{}, err
	}
	// Hugging Face redirects large files to a CDN; the linked size and hash are on the first response.
	noRedirect := *client
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noRedirect.Do(req)
	if err != nil {
		return remote{}, err
	}
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		return remote{}, fmt.Errorf("HEAD %s: %s", url, resp.Status)
	}
	r := remote{size: -1}
	for _, h := range []string{"X-Linked-Size", "Content-Length"} {
		if n, err := strconv.ParseInt(resp.Header.Get(h), 10, 64); err == nil && n >= 0 {
			r.size = n
			break
		}
	}
	if resp.StatusCode >= 300 && resp.Header.Get("X-Linked-Size") == "" {
		r.size = -1 // a redirect's Content-Length is the redirect body's
	}
	for _, h := range []string{"X-Linked-Etag", "ETag"} {
		tag := strings.Trim(strings.TrimPrefix(resp.Header.Get(h), "W/"), `"`)
		if isSHA256(tag) {
			r.sha256 = strings.ToLower(tag)
			break
		}
	}
	return r, nil
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

func fetchFile(ctx context.Context, client *http.Client, url, dst, label string, progress func(string, int64, int64)) error {
	want, err := probe(ctx, client, url)
	if err != nil {
		return err
	}
	if matches(dst, want) {
		return nil
	}
	part := dst + ".part"
	if st, err := os.Stat(part); err == nil && want.size >= 0 && st.Size() > want.size {
		os.Remove(part) // bigger than the file: not ours to resume
	}
	var report func(done, total int64)
	if progress != nil {
		report = func(done, total int64) {
			if want.size >= 0 {
				total = want.size
			}
			progress(label, done, total)
		}
	}
	size, err := download.Resume(ctx, client, url, part, report)
	if err != nil {
		return err
	}
	if want.size >= 0 && size != want.size {
		return fmt.Errorf("size %d, want %d (resume later)", size, want.size)
	}
	if want.sha256 != "" {
		h := sha256.New()
		if _, err := hashExisting(part, h); err != nil {
			return err
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != want.sha256 {
			os.Remove(part)
			return fmt.Errorf("sha256 %s, want %s: download rejected", got, want.sha256)
		}
	}
	return os.Rename(part, dst)
}

// hashExisting feeds a partial download into h and returns its length (0 when there is none).
func hashExisting(path string, h hash.Hash) (int64, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return io.Copy(h, f)
}

// matches says whether dst is already the wanted file; without a size or hash to compare, presence is enough.
func matches(dst string, want remote) bool {
	st, err := os.Stat(dst)
	if err != nil || (want.size >= 0 && st.Size() != want.size) {
		return false
	}
	if want.sha256 == "" {
		return true
	}
	h := sha256.New()
	if _, err := hashExisting(dst, h); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == want.sha256
}
