package library

import (
	"path/filepath"
	"strings"
)

// PhotoFormat is a kind of photo file Cairn reads, with the names such files go by. The names only choose
// which files the walk and the file dialogs consider: the content is sniffed, so a JPEG named .HEIC is read
// as the JPEG it is.
type PhotoFormat struct {
	Name       string
	Extensions []string // lower case, with the dot
	// RAW is true for camera RAW files: read through their embedded previews, and beside a JPEG of the same
	// name a companion of it rather than a photo of its own.
	RAW bool
}

// photoFormats is the one list of what Cairn reads (library/media decodes them); the walk, the file dialogs
// and identification all take it from here.
var photoFormats = []PhotoFormat{
	{Name: "JPEG", Extensions: []string{".jpg", ".jpeg", ".jpe", ".jfif"}},
	{Name: "HEIC/HEIF", Extensions: []string{".heic", ".heif", ".hif"}},
	{Name: "AVIF", Extensions: []string{".avif"}},
	{Name: "PNG", Extensions: []string{".png"}},
	{Name: "WebP", Extensions: []string{".webp"}},
	{Name: "TIFF", Extensions: []string{".tif", ".tiff"}},
	{Name: "GIF", Extensions: []string{".gif"}},
	{Name: "BMP", Extensions: []string{".bmp", ".dib"}},
	// Those media reads only to say why not (CRW, MRW, X3F) are listed too, so the scan reports them
	// instead of passing over them in silence.
	{Name: "camera RAW", RAW: true, Extensions: []string{".dng", ".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw",
		".srf", ".sr2", ".orf", ".rw2", ".raf", ".pef", ".srw", ".iiq", ".3fr", ".erf", ".mef", ".mos", ".rwl",
		".mrw", ".x3f"}},
}

// PhotoFormats lists the kinds of photo files Cairn reads.
func PhotoFormats() []PhotoFormat {
	return append([]PhotoFormat(nil), photoFormats...)
}

// PhotoExtensions lists every extension of PhotoFormats, for a file dialog's filter.
func PhotoExtensions() []string {
	var out []string
	for _, f := range photoFormats {
		out = append(out, f.Extensions...)
	}
	return out
}

// IsPhotoName tells whether a file called name is one Cairn considers a photo, by its extension in any case.
func IsPhotoName(name string) bool {
	_, ok := formatOfName(name)
	return ok
}

// isRawName tells whether a file called name is a camera RAW file.
func isRawName(name string) bool {
	f, ok := formatOfName(name)
	return ok && f.RAW
}

// formatOfName is the format whose extensions hold name's.
func formatOfName(name string) (PhotoFormat, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range photoFormats {
		for _, e := range f.Extensions {
			if e == ext {
				return f, true
			}
		}
	}
	return PhotoFormat{}, false
}
