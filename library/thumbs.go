package library

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"github.com/cairn-photos/cairn/internal/atomicfile"
	"github.com/cairn-photos/cairn/library/media"
)

// ThumbSize is the longest side of a cached thumbnail, in pixels.
const ThumbSize = 256

// ThumbPath is where the thumbnail of photo id is cached.
func (l *Library) ThumbPath(id string) string {
	return filepath.Join(l.dir, thumbsDir, id[:2], id+".jpg")
}

// writeThumb caches img as the thumbnail of id, atomically: a crash never leaves a half-written thumbnail.
func (l *Library) writeThumb(id string, img image.Image) error {
	var buf bytes.Buffer
	if err := media.EncodeJPEG(&buf, img, 85); err != nil {
		return fmt.Errorf("encode thumbnail: %w", err)
	}
	path := l.ThumbPath(id)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write thumbnail: %w", err)
	}
	if err := atomicfile.Write(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write thumbnail: %w", err)
	}
	return nil
}
