package gui

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media"
	"github.com/cairn-photos/cairn/library/model"
)

// sentence says what went wrong in a sentence a user reads, rather than the chain of Go errors
// ("Head "https://…": dial tcp: lookup …"): the cause, in words, and the file or server it is about.
// An error it does not know keeps its own text, made into a sentence.
func sentence(err error) string {
	if err == nil {
		return ""
	}
	var pathErr *fs.PathError
	hasPath := errors.As(err, &pathErr)
	switch {
	case errors.Is(err, context.Canceled):
		return "Stopped."
	case isOffline(err):
		return "Cairn could not reach " + host(err) + ": check the internet connection, then try again."
	case errors.Is(err, library.ErrNoModel):
		return "Concept search is off: no image–text model is installed. The settings fetch one."
	case errors.Is(err, model.ErrUnavailable):
		return "The image–text model cannot run on this computer (ONNX Runtime is missing): concept search is off."
	case errors.Is(err, library.ErrEmptyLibrary):
		return "The album holds no photos Cairn can read yet."
	case errors.Is(err, media.ErrTooLarge):
		return "The photo is too large to open: over 100 megapixels."
	case errors.Is(err, media.ErrUnsupported):
		return "This is not a photo Cairn can read: it reads JPEG, HEIC, PNG, WebP, TIFF and the previews in RAW files."
	case errors.Is(err, media.ErrCorrupt):
		return "The photo is damaged or cut short, and cannot be read."
	case errors.Is(err, fs.ErrNotExist) && hasPath:
		return "The file " + pathErr.Path + " is no longer there: it was moved or deleted."
	case errors.Is(err, fs.ErrPermission) && hasPath:
		return "Cairn may not read " + pathErr.Path + "."
	}
	text := strings.TrimSpace(err.Error())
	if text == "" {
		return "Something went wrong."
	}
	text = strings.ToUpper(text[:1]) + text[1:]
	if !strings.HasSuffix(text, ".") {
		text += "."
	}
	return text
}

// aboutFile is sentence(err) for a problem with the file at path, naming it first unless the sentence does.
func aboutFile(path string, err error) string {
	s := sentence(err)
	if strings.Contains(s, filepath.Base(path)) {
		return s
	}
	return filepath.Base(path) + ": " + s
}

// isOffline tells whether err is a network failure: no route, no name resolution, refused or timed out.
func isOffline(err error) bool {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var urlErr *url.Error
	return errors.As(err, &dnsErr) || errors.As(err, &opErr) || errors.Is(err, syscall.ECONNREFUSED) ||
		(errors.As(err, &urlErr) && urlErr.Timeout())
}

// host names the server a network error is about, or "the server".
func host(err error) string {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		if u, perr := url.Parse(urlErr.URL); perr == nil && u.Host != "" {
			return u.Host
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.Name != "" {
		return dnsErr.Name
	}
	return "the server"
}

// showError shows err as a sentence in a dialog over win.
func showError(err error, win fyne.Window) {
	dialog.ShowError(errors.New(sentence(err)), win)
}
