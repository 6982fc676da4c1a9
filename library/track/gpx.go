// Package track reads GPS tracks (GPX 1.0 and 1.1) and places photos on them by time: linear interpolation
// between the recorded points, never across a gap longer than a setting, with the elevation from the track.
// It also works out a camera's clock offset from photos that carry both a position and a time.
//
// It knows nothing of photo files or libraries: callers pass times and positions.
package track

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// Point is one recorded position.
type Point struct {
	Time     time.Time // UTC
	Lat, Lon float64
	Ele      float64 // metres
	HasEle   bool
}

// Segment is a run of points recorded without interruption, in time order. Placement never interpolates
// between two segments.
type Segment []Point

// Track is what one GPX file holds.
type Track struct {
	Name     string // the first trk's name, else the metadata's
	Segments []Segment
	Skipped  int // points left out: no time, or a position out of range
}

// Points is the number of points in all segments.
func (t Track) Points() int {
	n := 0
	for _, s := range t.Segments {
		n += len(s)
	}
	return n
}

// Start and End are the times of the first and last points; zero for an empty track.
func (t Track) Start() time.Time {
	var first time.Time
	for _, s := range t.Segments {
		if len(s) > 0 && (first.IsZero() || s[0].Time.Before(first)) {
			first = s[0].Time
		}
	}
	return first
}

func (t Track) End() time.Time {
	var last time.Time
	for _, s := range t.Segments {
		if len(s) > 0 && s[len(s)-1].Time.After(last) {
			last = s[len(s)-1].Time
		}
	}
	return last
}

// ErrNoPoints: the file is GPX but holds no track point with a time, so it can place nothing.
var ErrNoPoints = errors.New("no track points with a time")

// The GPX elements read. Names match any namespace, which is what tells GPX 1.0 from 1.1; both have the same
// trk/trkseg/trkpt structure. Routes and waypoints carry no times worth placing photos by and are ignored.
type gpxFile struct {
	XMLName xml.Name `xml:"gpx"`
	Name    string   `xml:"metadata>name"`
	Name10  string   `xml:"name"` // GPX 1.0 puts the name at the top
	Tracks  []gpxTrk `xml:"trk"`
}

type gpxTrk struct {
	Name     string      `xml:"name"`
	Segments []gpxTrkseg `xml:"trkseg"`
}

type gpxTrkseg struct {
	Points []gpxTrkpt `xml:"trkpt"`
}

type gpxTrkpt struct {
	Lat  string `xml:"lat,attr"`
	Lon  string `xml:"lon,attr"`
	Ele  string `xml:"ele"`
	Time string `xml:"time"`
}

// maxGPXBytes bounds a GPX file: a year of one-second points is under 200 MB.
const maxGPXBytes = 512 << 20

// ParseGPX reads a GPX 1.0 or 1.1 file. Each trkseg becomes a segment, sorted by time; points without a time
// or with an impossible position are counted in Skipped. A file with no usable point is ErrNoPoints.
func ParseGPX(r io.Reader) (Track, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxGPXBytes+1))
	if err != nil {
		return Track{}, fmt.Errorf("read gpx: %w", err)
	}
	if len(data) > maxGPXBytes {
		return Track{}, fmt.Errorf("gpx larger than %d MB", maxGPXBytes>>20)
	}
	var f gpxFile
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false // real files have stray entities; the structure is what matters
	if err := dec.Decode(&f); err != nil {
		return Track{}, fmt.Errorf("not a GPX file: %w", err)
	}
	t := Track{Name: strings.TrimSpace(f.Name)}
	if t.Name == "" {
		t.Name = strings.TrimSpace(f.Name10)
	}
	for _, trk := range f.Tracks {
		if t.Name == "" {
			t.Name = strings.TrimSpace(trk.Name)
		}
		for _, seg := range trk.Segments {
			var s Segment
			for _, p := range seg.Points {
				pt, ok := parsePoint(p)
				if !ok {
					t.Skipped++
					continue
				}
				s = append(s, pt)
			}
			if len(s) > 0 {
				sort.SliceStable(s, func(i, j int) bool { return s[i].Time.Before(s[j].Time) })
				t.Segments = append(t.Segments, s)
			}
		}
	}
	if len(t.Segments) == 0 {
		return t, ErrNoPoints
	}
	return t, nil
}

func parsePoint(p gpxTrkpt) (Point, bool) {
	lat, err1 := parseFloat(p.Lat)
	lon, err2 := parseFloat(p.Lon)
	tm, err3 := parseTime(p.Time)
	if err1 != nil || err2 != nil || err3 != nil || math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return Point{}, false
	}
	pt := Point{Time: tm, Lat: lat, Lon: lon}
	if ele, err := parseFloat(p.Ele); err == nil && p.Ele != "" {
		pt.Ele, pt.HasEle = ele, true
	}
	return pt, true
}

func parseFloat(s string) (float64, error) {
	var v float64
	_, err := fmt.Sscan(strings.TrimSpace(s), &v)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		err = fmt.Errorf("not a number: %q", s)
	}
	return v, err
}

// parseTime reads GPX's xsd:dateTime: RFC 3339, with or without fractions; a time without a zone is UTC, as
// the GPX schema says.
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q", s)
}
