package library

import (
	"path"
	"path/filepath"
	"slices"

	"github.com/cairn-photos/cairn/library/media"
)

// describeFrom sets the parts of a photo's record that say where its values came from and what the user
// wrote about it (XMP): the camera RAW kind, the files of the shot, the sidecar, the value sources, rating,
// title, description and keywords.
func describeFrom(p *Photo, c candidate, info media.Info) {
	m := info.Meta
	p.RawKind = info.RawKind
	p.FocalLength = m.FocalLengthMM
	if len(c.companions) > 0 {
		p.Files = append([]string{p.Rel}, c.companions...)
	}
	if c.sidecar != "" {
		p.Sidecar = relTo(c, c.sidecar)
	}
	if m.HasGPS {
		p.GPSSource = m.Origins.GPS
	}
	sources := map[string]string{}
	for key, v := range map[string]string{"shot_time": m.Origins.ShotTime, "offset": m.Origins.Offset, "focal_35mm": m.Origins.Focal35mm} {
		if v != "" {
			sources[key] = v
		}
	}
	if m.HasHeading && m.HeadingMagnetic {
		sources["heading"] = "magnetic"
	}
	if len(sources) > 0 {
		p.Sources = sources
	}
	p.Rating, p.Title, p.Description = m.Rating, m.Title, m.Description
	p.Keywords, p.Subjects = slices.Clone(m.Keywords), slices.Clone(m.Subjects)
}

// relTo is the album-relative name of abs, a file in the same folder as c.
func relTo(c candidate, abs string) string {
	return path.Join(path.Dir(c.rel), filepath.Base(abs))
}
