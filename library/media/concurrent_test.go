package media

import (
	"image"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestConcurrentDecodeAgrees decodes the same photos from several goroutines at once, as the scan's workers
// do, and expects the same pixels as a single-goroutine decode (libheif and libjpeg-turbo get a context each).
func TestConcurrentDecodeAgrees(t *testing.T) {
	files := [][]byte{mediatest.JPEG(t, mediatest.MarkerImage(640, 480), everestEXIF.Bytes())}
	if dir := sharedImagesOrEmpty(t); dir != "" {
		for _, name := range []string{"IMG_2604.HEIC", "IMG_2738.HEIC", "IMG_2802.HEIC"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, data)
		}
	}
	decode := func(data []byte) *image.RGBA {
		info, err := Inspect(data)
		if err != nil {
			t.Error(err)
			return nil
		}
		img, err := DecodeUpright(data, info, 224)
		if err != nil {
			t.Error(err)
			return nil
		}
		return toRGBA(img)
	}
	want := make([]*image.RGBA, len(files))
	for i, data := range files {
		want[i] = decode(data)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i, data := range files {
				got := decode(data)
				if got == nil || want[i] == nil || string(got.Pix) != string(want[i].Pix) {
					t.Errorf("file %d: concurrent decode differs", i)
				}
			}
		})
	}
	wg.Wait()
}

// sharedImagesOrEmpty returns the khumbu images folder, or "" when the shared data is absent (without skipping,
// so the generated part of a test still runs).
func sharedImagesOrEmpty(t *testing.T) string {
	var dir string
	t.Run("shared", func(t *testing.T) { dir = testenv.SharedDir(t, "khumbu", "data", "images") })
	return dir
}
