package terrain

import (
	"fmt"
	"math"
)

// EyeLevelM is how far above the ground a camera held by a standing person is.
const EyeLevelM = 1.6

const (
	// gpsAboveGroundM and gpsBelowGroundM bound a plausible GPS altitude around the DEM's ground: phones err
	// by tens of metres vertically and SRTM by as much in steep terrain; far above is a plane, far below a
	// wrong fix (or a barometric altitude with a bad reference).
	gpsAboveGroundM = 300
	gpsBelowGroundM = 60
)

// Where a camera's altitude came from.
const (
	AltitudeGPS     = "gps"     // the photo's GPS altitude
	AltitudeTerrain = "terrain" // the DEM's ground plus eye level
)

// CameraAltitude is the altitude a camera is taken to have.
type CameraAltitude struct {
	M       float64 // metres above sea level
	Source  string  // AltitudeGPS or AltitudeTerrain
	GroundM float64 // the DEM's ground there (0 when it has none)
	Why     string  // when the GPS altitude was not used although present, why not
}

// CameraAltitude decides how high a camera at (lat, lon) stood: its GPS altitude (nil when the photo has
// none) when that is plausible beside the DEM's ground, never below eye level above that ground (an eye
// under the DEM's surface would see nothing); else the ground plus eye level. Without terrain there, the GPS
// altitude is taken as it is; without either, ok is false.
func (d *DEM) CameraAltitude(lat, lon float64, gpsAltM *float64) (CameraAltitude, bool) {
	ground, ok := d.Elevation(lat, lon)
	if !ok {
		if gpsAltM == nil || math.IsNaN(*gpsAltM) {
			return CameraAltitude{}, false
		}
		return CameraAltitude{M: *gpsAltM, Source: AltitudeGPS}, true
	}
	eye := ground + EyeLevelM
	out := CameraAltitude{M: eye, Source: AltitudeTerrain, GroundM: ground}
	switch {
	case gpsAltM == nil || math.IsNaN(*gpsAltM):
	case *gpsAltM > ground+gpsAboveGroundM:
		out.Why = fmt.Sprintf("GPS altitude %.0f m is %.0f m above the ground", *gpsAltM, *gpsAltM-ground)
	case *gpsAltM < ground-gpsBelowGroundM:
		out.Why = fmt.Sprintf("GPS altitude %.0f m is %.0f m below the ground", *gpsAltM, ground-*gpsAltM)
	case *gpsAltM < eye:
		out.Why = fmt.Sprintf("GPS altitude %.0f m is below eye level above the ground (%.0f m)", *gpsAltM, eye)
	default:
		out.M, out.Source = *gpsAltM, AltitudeGPS
	}
	return out, true
}
