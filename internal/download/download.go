// Package download fetches a file over HTTP into a .part file that a later call resumes with a Range request:
// what model downloads and terrain tiles share.
package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ErrMissing wraps the error for a file the server does not have (404, 410, or S3's 403 for a missing key).
var ErrMissing = errors.New("not on the server")

// ErrNotResumable means the server refused to resume the partial file, which has been removed: start again.
var ErrNotResumable = errors.New("the server refused to resume; partial file removed, fetch again")

// Resume downloads url into part, continuing from the bytes part already holds. It reports progress (when not
// nil) as bytes arrive, counting the resumed ones; total is −1 when the server does not say. An interrupted
// download keeps its bytes for the next call. It returns part's length once the body is complete (as long as
// the server announced, when it did); checking the content is the caller's.
func Resume(ctx context.Context, client *http.Client, url, part string, progress func(done, total int64)) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(part), 0o755); err != nil {
		return 0, err
	}
	var have int64
	if st, err := os.Stat(part); err == nil {
		have = st.Size()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	flags, total := os.O_CREATE|os.O_WRONLY, resp.ContentLength
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		flags |= os.O_APPEND
		if total >= 0 {
			total += have
		}
	case resp.StatusCode == http.StatusOK:
		flags |= os.O_TRUNC // the server ignored the range: start again
		have = 0
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0 && rangeSize(resp) == have:
		// A download cancelled after its last byte arrived left a whole file under the .part name.
		if progress != nil {
			progress(have, have)
		}
		return have, nil
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		os.Remove(part)
		return 0, ErrNotResumable
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone || resp.StatusCode == http.StatusForbidden:
		os.Remove(part)
		return 0, fmt.Errorf("GET %s: %s: %w", url, resp.Status, ErrMissing)
	default:
		return 0, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return 0, err
	}
	w := &counter{done: have, total: total, report: progress}
	_, copyErr := io.Copy(io.MultiWriter(f, w), resp.Body)
	if err := errors.Join(copyErr, f.Close()); err != nil {
		return w.done, fmt.Errorf("download (resume later; %d bytes kept): %w", w.done, err)
	}
	// A cancel that came with the last bytes still counts: the caller was told to stop, so the file stays a
	// .part for the next call to finish rather than being taken as complete.
	if err := ctx.Err(); err != nil {
		return w.done, fmt.Errorf("download (resume later; %d bytes kept): %w", w.done, err)
	}
	if total >= 0 && w.done != total {
		return w.done, fmt.Errorf("download ended at %d of %d bytes (resume later)", w.done, total)
	}
	return w.done, nil
}

// rangeSize is the file's full size from a 416 answer's "Content-Range: bytes */SIZE", or -1.
func rangeSize(resp *http.Response) int64 {
	size, ok := strings.CutPrefix(resp.Header.Get("Content-Range"), "bytes */")
	if !ok {
		return -1
	}
	n, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		return -1
	}
	return n
}

type counter struct {
	done, total int64
	report      func(done, total int64)
}

func (c *counter) Write(b []byte) (int, error) {
	c.done += int64(len(b))
	if c.report != nil {
		c.report(c.done, c.total)
	}
	return len(b), nil
}
