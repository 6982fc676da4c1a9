package terrain

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// tileKey names a one-degree tile by the latitude and longitude of its south-west corner.
type tileKey struct{ lat, lon int }

// keyAt is the tile holding a point. A point on a tile's north or east edge belongs to the next tile,
// whose south or west edge holds the same samples.
func keyAt(lat, lon float64) tileKey {
	return tileKey{int(math.Floor(lat)), int(math.Floor(lon))}
}

// Name is the tile's SRTM name, e.g. N27E086 (south-west corner at 27° N, 86° E) or S01W072.
func (k tileKey) Name() string {
	ns, ew := 'N', 'E'
	lat, lon := k.lat, k.lon
	if lat < 0 {
		ns, lat = 'S', -lat
	}
	if lon < 0 {
		ew, lon = 'W', -lon
	}
	return fmt.Sprintf("%c%02d%c%03d", ns, lat, ew, lon)
}

// tileFileRe matches SRTM tile file names in any case: N27E086.hgt, n27e086.hgt.gz, N27E086.SRTMGL1.hgt.zip.
var tileFileRe = regexp.MustCompile(`(?i)^([NS])(\d{2})([EW])(\d{3})(?:\.[a-z0-9_-]+)*?\.hgt(\.gz|\.zip)?$`)

// parseTileFile reads a tile's key and compression (".gz", ".zip" or "") from its file name.
func parseTileFile(base string) (tileKey, string, bool) {
	m := tileFileRe.FindStringSubmatch(base)
	if m == nil {
		return tileKey{}, "", false
	}
	lat, _ := strconv.Atoi(m[2])
	lon, _ := strconv.Atoi(m[4])
	if strings.EqualFold(m[1], "S") {
		lat = -lat
	}
	if strings.EqualFold(m[3], "W") {
		lon = -lon
	}
	if lat < -90 || lat >= 90 || lon < -180 || lon >= 180 {
		return tileKey{}, "", false
	}
	return tileKey{lat, lon}, strings.ToLower(m[5]), true
}
