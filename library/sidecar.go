package library

import (
	"fmt"

	"github.com/cairn-photos/cairn/library/media"
)

// maxSidecarSize bounds the bytes read from an XMP sidecar; Lightroom's, with a long develop history, are a
// few hundred KiB.
const maxSidecarSize = 16 << 20

// withSidecar completes info's metadata from the photo's XMP sidecar, when it has one: the sidecar fills what
// the file lacks and never replaces what it records. A sidecar that cannot be read is a problem of the
// sidecar, reported beside the photo's metadata, not a reason to skip the photo.
func withSidecar(info *media.Info, sidecar string) {
	if sidecar == "" {
		return
	}
	data, err := readFileLimited(sidecar, maxSidecarSize)
	if err == nil {
		var x media.Metadata
		if x, err = media.ParseXMP(data); err == nil || x.HasShotTime || x.HasGPS {
			info.Meta.Fill(x)
		}
	}
	if err != nil && info.MetaErr == nil {
		info.MetaErr = fmt.Errorf("sidecar %s: %w", sidecar, err)
	}
}
