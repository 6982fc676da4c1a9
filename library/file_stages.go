package library

import (
	"fmt"
	"image"

	"github.com/cairn-photos/cairn/library/media"
)

// fileStages runs the stages that need a photo's bytes — read (sniff, metadata) and decode (the upright
// image, large enough for the thumbnail and for e's input, and the pixel products) — then place. It returns
// the photo as the stores keep it, not yet embedded or identified, and the decoded image.
func fileStages(c candidate, data []byte, e Embedder) (storedPhoto, image.Image, error) {
	info, img, err := decodeFor(data, e)
	if err != nil {
		return storedPhoto{}, nil, err
	}
	sp := storedPhoto{Photo: record(c, info, img.Bounds())}
	sp.Derived.File = filePlaceOf(info.Meta)
	if sp.Derived.Pixels, err = derivePixels(img, sp.Photo); err != nil {
		return sp, nil, fmt.Errorf("derive from pixels: %w", err)
	}
	place(&sp)
	return sp, img, nil
}

// decodeFor reads a photo's metadata (the read stage) and decodes it upright (the decode stage), large
// enough for the thumbnail and for e's input.
func decodeFor(data []byte, e Embedder) (media.Info, image.Image, error) {
	info, err := media.Inspect(data)
	if err != nil {
		return info, nil, err
	}
	minSide := ThumbSize
	if e != nil && e.ImageSize() > minSide {
		minSide = e.ImageSize()
	}
	img, err := media.DecodeUpright(data, info, minSide)
	return info, img, err
}

// record builds the Photo of a read file, without its position (place sets it).
func record(c candidate, info media.Info, upright image.Rectangle) Photo {
	m := info.Meta
	p := Photo{
		ID:             PhotoID(c.rel), // of the exact name, as change detection computes it
		Format:         string(info.Format),
		Size:           c.size,
		ModTime:        c.modTime,
		Focal35mm:      m.Focal35mm,
		Make:           m.Make,
		Model:          m.Model,
		PredictedPeaks: []PeakGuess{},
	}
	p.setNames(c.abs, c.rel)
	p.Width, p.Height = info.Width, info.Height
	if (upright.Dx() > upright.Dy()) != (info.Width > info.Height) {
		p.Width, p.Height = info.Height, info.Width
	}
	if m.HasShotTime {
		p.ShotTime = formatShotTime(m.ShotTime, m.HasOffset)
	}
	if m.HasHeading {
		h := m.HeadingDeg
		p.Heading = &h
	}
	return p
}

// filePlaceOf is the position a file's metadata records; nil when it records none.
func filePlaceOf(m media.Metadata) *filePlace {
	var fp filePlace
	if m.HasGPS {
		fp.GPS = &LatLon{Lat: m.Lat, Lon: m.Lon}
	}
	if m.HasAltitude {
		alt := m.AltitudeM
		fp.Altitude = &alt
	}
	if fp.GPS == nil && fp.Altitude == nil {
		return nil
	}
	return &fp
}

// place is the place stage: it sets where the photo was taken. Today that is the position its file records;
// sidecars and GPS tracks will be weighed here. A record stored before the pipeline kept the file's
// position keeps the position it has.
func place(sp *storedPhoto) {
	fp := sp.Derived.File
	if fp == nil {
		return
	}
	sp.GPS, sp.Altitude = fp.GPS, fp.Altitude
}
