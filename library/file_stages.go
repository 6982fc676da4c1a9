package library

import (
	"fmt"
	"image"

	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/media"
)

// fileStages runs the stages that need a photo's bytes — read (sniff, metadata) and decode (the upright
// image, large enough for the thumbnail and for e's input, and the pixel products) — then place. It returns
// the photo as the stores keep it, not yet embedded or identified, and the decoded image.
func fileStages(c candidate, data []byte, e Embedder) (storedPhoto, image.Image, error) {
	return placedFileStages(c, data, e, nil)
}

// placedFileStages is fileStages with the library's GPS tracks (tp, nil without any) for the place stage.
func placedFileStages(c candidate, data []byte, e Embedder, tp *trackPlacer) (storedPhoto, image.Image, error) {
	info, img, err := decodeFor(data, e)
	if err != nil {
		return storedPhoto{}, nil, err
	}
	withSidecar(&info, c.sidecar)
	sp := storedPhoto{Photo: record(c, info, img.Bounds())}
	describeFrom(&sp.Photo, c, info)
	sp.Derived.File = filePlaceOf(info.Meta)
	if sp.Derived.Pixels, err = derivePixels(img, sp.Photo); err != nil {
		return sp, nil, fmt.Errorf("derive from pixels: %w", err)
	}
	place(&sp, tp)
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
		p.ShotTime = NewShotTime(m.ShotTime, m.HasOffset)
	}
	if m.HasHeading {
		h := m.HeadingDeg
		p.Heading = &h
		p.HeadingMagnetic = m.HeadingMagnetic
	}
	if m.HasGravity {
		if pose, ok := camera.PoseFromGravity(m.Gravity, m.Orientation, m.FrontCamera); ok {
			p.Tilt = &Tilt{Pitch: pose.Pitch, Roll: pose.Roll}
		}
	}
	return p
}

// filePlaceOf is the position a file's metadata (EXIF, else XMP embedded or in a sidecar) records; empty,
// not nil, when it records none, so that place can tell it from a record stored before it was kept.
func filePlaceOf(m media.Metadata) *filePlace {
	var fp filePlace
	if m.HasGPS {
		fp.GPS = &LatLon{Lat: m.Lat, Lon: m.Lon}
		fp.Source = m.Origins.GPS
	}
	if m.HasAltitude {
		alt := m.AltitudeM
		fp.Altitude = &alt
	}
	return &fp
}

// place is the place stage: it sets where the photo was taken — the position its file or sidecar records,
// else the one the library's GPS tracks give for its time (tp, nil without tracks). A record stored before
// the pipeline kept the file's position keeps the position it has.
func place(sp *storedPhoto, tp *trackPlacer) {
	fp := sp.Derived.File
	if fp == nil {
		if sp.GPS == nil {
			tp.place(&sp.Photo)
		}
		return
	}
	sp.GPS, sp.Altitude, sp.GPSSource = fp.GPS, fp.Altitude, ""
	if fp.GPS != nil {
		sp.GPSSource = fp.Source
		if sp.GPSSource == "" {
			sp.GPSSource = GPSFromEXIF
		}
	}
	tp.place(&sp.Photo)
}
