package library

import (
	"fmt"
	"slices"

	"github.com/cairn-photos/cairn/library/align"
	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// LoadTerrain opens the elevation model: the tiles bundled with Cairn and those in dataRoot's terrain folder.
func LoadTerrain(dataRoot string) (*terrain.DEM, error) {
	dem, err := terrain.Open(terrain.Dir(dataRoot))
	if err != nil {
		return nil, fmt.Errorf("terrain tiles in %s: %w", terrain.Dir(dataRoot), err)
	}
	return dem, nil
}

// camera is how photo p was taken, for view geometry: where it stood, which way it pointed and the terrain
// around it. The view starts from what the metadata implies (the compass's heading, the gravity vector's pitch
// and roll, the field of view of its lens and frame); where terrain and the photo's skyline allow, the
// rendered horizon laid on the skyline corrects it, and finds the heading of a photo without a compass. Nil
// without a GPS position.
func (n *Identifier) camera(p Photo, sky *skyline.Profile) *peaks.Camera {
	if p.GPS == nil {
		return nil
	}
	cam := peaks.CompassCamera(p.GPS.Lat, p.GPS.Lon, p.Altitude, p.Heading, p.Focal35mm, p.Height > p.Width)
	prior := camera.Estimate{View: cam.Aim, HasHeading: p.Heading != nil, HeadingMagnetic: p.HeadingMagnetic}
	if p.Width > 0 && p.Height > 0 {
		fov := camera.FOVFrom35mm(p.Focal35mm, float64(p.Width), float64(p.Height))
		cam.Aim.HFOV, cam.Aim.VFOV, prior.FOVAssumed = fov.H, fov.V, fov.Assumed
	}
	if p.Tilt != nil {
		cam.Aim.Pitch, cam.Aim.Roll, cam.HasPose = p.Tilt.Pitch, p.Tilt.Roll, true
	}
	prior.View, prior.HasPose = cam.Aim, cam.HasPose
	if n.terrain == nil {
		return &cam
	}
	if cam.Ground = n.ground(p); cam.Ground != nil && sky != nil {
		if a := align.Align(cam.Ground.Horizon, *sky, prior, align.Options{}); a.Source == align.SourceSkyline {
			cam.Aim, cam.HeadingSource, cam.HeadingConfidence, cam.HasPose = a.View, peaks.HeadingSkyline, a.Confidence, true
		}
	}
	return &cam
}

// ground renders the horizon around photo p's camera; nil where the elevation model has no data.
func (n *Identifier) ground(p Photo) *peaks.Ground {
	alt, ok := n.terrain.CameraAltitude(p.GPS.Lat, p.GPS.Lon, p.Altitude)
	if !ok {
		return nil
	}
	h, err := n.terrain.Horizon(p.GPS.Lat, p.GPS.Lon, alt.M)
	if err != nil {
		return nil
	}
	return &peaks.Ground{DEM: n.terrain, Horizon: h, EyeAltM: alt.M}
}

// summitsOnTerrain is the catalog with every summit the terrain covers moved onto the terrain's summit it
// names, at the terrain's height, computed once: horizons and photos aligned to them show the DEM's summits,
// a few hundred metres from rounded catalog positions and tens of metres below surveyed heights.
func (n *Identifier) summitsOnTerrain() *peaks.Catalog {
	n.summitsOnce.Do(func() {
		c := *n.catalog
		c.Peaks = slices.Clone(c.Peaks)
		for i, p := range c.Peaks {
			if lat, lon, elev, ok := n.terrain.Summit(p.Lat, p.Lon); ok {
				c.Peaks[i].Lat, c.Peaks[i].Lon, c.Peaks[i].ElevationM = lat, lon, elev
			}
		}
		n.onTerrain = &c
	})
	return n.onTerrain
}

// viewInfo is the view a camera's geometry used, for the photo's record.
func viewInfo(cam *peaks.Camera) *ViewInfo {
	if cam == nil {
		return nil
	}
	return &ViewInfo{Heading: cam.Aim.Heading, Pitch: cam.Aim.Pitch, Roll: cam.Aim.Roll, FOV: cam.Aim.HFOV,
		Source: cam.HeadingSource, Confidence: cam.HeadingConfidence}
}
