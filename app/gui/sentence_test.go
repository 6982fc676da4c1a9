package gui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media"
)

// TestSentences: what the window shows for an error is a sentence about the cause, without the chain of
// Go errors — real errors from the standard library and Cairn's own, wrapped as the code wraps them.
func TestSentences(t *testing.T) {
	_, statErr := os.Stat(filepath.Join(t.TempDir(), "IMG_0001.HEIC"))
	dns := &url.Error{Op: "Head", URL: "https://huggingface.co/x/resolve/main/config.json",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "huggingface.co"}}}
	for _, tc := range []struct {
		err       error
		want      string
		forbidden string
	}{
		{fmt.Errorf("fetch model: %w", dns), "Cairn could not reach huggingface.co: check the internet connection", "dial tcp"},
		{fmt.Errorf("inspect: sniff: %w: first bytes 23 20", media.ErrUnsupported), "not a photo Cairn can read", "sniff"},
		{fmt.Errorf("decode: %w", media.ErrCorrupt), "damaged", "decode"},
		{fmt.Errorf("load photo: %w", statErr), "IMG_0001.HEIC is no longer there", "stat"},
		{fmt.Errorf("%w: no model installed", library.ErrNoModel), "no image–text model is installed. The settings fetch one", "cairn model fetch"},
		{fmt.Errorf("scan: %w", context.Canceled), "Stopped.", "scan"},
		{errors.New("the dates end before they start"), "The dates end before they start.", ""},
	} {
		got := sentence(tc.err)
		if !strings.Contains(got, tc.want) || (tc.forbidden != "" && strings.Contains(got, tc.forbidden)) {
			t.Errorf("sentence(%q) = %q; want it to hold %q and not %q", tc.err, got, tc.want, tc.forbidden)
		}
	}
	if !errors.Is(statErr, fs.ErrNotExist) {
		t.Fatal("the stat error is not ErrNotExist")
	}
}
