package track

import (
	"math"
	"slices"
	"time"

	"github.com/cairn-photos/cairn/library/geo"
)

// Instant is the UTC instant of a photo's capture time. A time that carries its offset from UTC is an
// instant already; a camera's wall clock (its fields read as if UTC) is corrected by the camera's clock
// offset, wall clock minus UTC: +05:45 for a camera set to Nepal time, plus however much it drifted.
func Instant(shot time.Time, hasOffset bool, clockOffset time.Duration) time.Time {
	if hasOffset {
		return shot.UTC()
	}
	wall := time.Date(shot.Year(), shot.Month(), shot.Day(), shot.Hour(), shot.Minute(), shot.Second(), shot.Nanosecond(), time.UTC)
	return wall.Add(-clockOffset)
}

// Sample is a photo that has both a position and a wall-clock time from one camera.
type Sample struct {
	Wall     time.Time // the camera's clock reading, its fields read as UTC
	Lat, Lon float64
}

// ClockEstimate is a camera's clock offset worked out from its photos with GPS.
type ClockEstimate struct {
	Offset     time.Duration // wall clock minus UTC
	Used       int           // samples the track placed at that offset
	MedianErrM float64       // median distance between the track's position and the photos' own
}

// Offsets searched: every time zone (UTC-12 to UTC+14) and then some, since a camera clock may be off by
// more than its zone.
const (
	maxClockOffset = 15 * time.Hour
	farM           = 1000.0 // an error this large counts as no better than unplaced
)

// EstimateClockOffset finds the clock offset that brings the photos' positions closest to the track's at
// their times: a coarse search by minute over ±15 h, refined to the second. Each photo's error is capped at
// 1 km and an unplaced photo counts as 1 km, so a few photos far from any track (taken with the tracker off)
// do not pull the answer. It fails when no offset places any sample within 1 km.
func (p *Placer) EstimateClockOffset(samples []Sample) (ClockEstimate, bool) {
	if p.Empty() || len(samples) == 0 {
		return ClockEstimate{}, false
	}
	cost := func(off time.Duration) float64 {
		sum := 0.0
		for _, s := range samples {
			sum += min(p.errorAt(s, off), farM)
		}
		return sum
	}
	best, bestCost := time.Duration(0), math.Inf(1)
	search := func(from, to, step time.Duration) {
		for off := from; off <= to; off += step {
			if c := cost(off); c < bestCost {
				best, bestCost = off, c
			}
		}
	}
	search(-maxClockOffset, maxClockOffset, time.Minute)
	centre := best
	search(centre-90*time.Second, centre+90*time.Second, 5*time.Second)
	centre = best
	search(centre-5*time.Second, centre+5*time.Second, time.Second)

	var errs []float64
	for _, s := range samples {
		if e := p.errorAt(s, best); e < farM {
			errs = append(errs, e)
		}
	}
	if len(errs) == 0 {
		return ClockEstimate{}, false
	}
	slices.Sort(errs)
	return ClockEstimate{Offset: best, Used: len(errs), MedianErrM: errs[len(errs)/2]}, true
}

// errorAt is the distance between s's position and the track's at s's time under clock offset off; +Inf
// when the track does not place that time.
func (p *Placer) errorAt(s Sample, off time.Duration) float64 {
	f, ok := p.Place(s.Wall.Add(-off))
	if !ok {
		return math.Inf(1)
	}
	d, _ := geo.DistanceBearing(s.Lat, s.Lon, f.Lat, f.Lon)
	return d
}
