package model

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	part := dst + ".part"
	h := sha256.New()
	have, err := hashExisting(part, h)
	if err != nil {
		return err
	}
	if want.size >= 0 && have > want.size {
		have, h = 0, sha256.New() // bigger than the file: not ours to resume
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	flags := os.O_CREATE | os.O_WRONLY
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		flags |= os.O_APPEND
	case resp.StatusCode == http.StatusOK:
		flags |= os.O_TRUNC // the server ignored the range: start again
		have, h = 0, sha256.New()
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return fmt.Errorf("server refused to resume at byte %d; partial file removed, fetch again", have)
	default:
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return err
	}
	w := &progressWriter{label: label, done: have, total: want.size, report: progress}
	_, copyErr := io.Copy(io.MultiWriter(f, h, w), resp.Body)
	if err := errors.Join(copyErr, f.Close()); err != nil {
		return fmt.Errorf("download (resume later; %d bytes kept): %w", w.done, err)
	}
	if want.size >= 0 && w.done != want.size {
		return fmt.Errorf("size %d, want %d (resume later)", w.done, want.size)
	}
	if got := hex.EncodeToString(h.Sum(nil)); want.sha256 != "" && got != want.sha256 {
		os.Remove(part)
		return fmt.Errorf("sha256 %s, want %s: download rejected", got, want.sha256)
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

type progressWriter struct {
	label       string
	done, total int64
	report      func(string, int64, int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	if p.report != nil {
		p.report(p.label, p.done, p.total)
	}
	return len(b), nil
}
