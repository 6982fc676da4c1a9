// Package library is the album as users see it: a Library scans an album folder into its stores and answers
// questions about the photos. The GUI and the CLI are two faces of this one API.
package library

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/cairn-photos/cairn/index"
	"strings"
	"unicode/utf8"
)

// Photo is what Cairn knows about one photo. Its JSON form is the CLI contract of DESIGN.md.
//
// A file name need not be UTF-8, but a JSON string must be: when the path is not, Path and Rel show each
// invalid byte as \xHH (readable, and valid JSON) and PathBytes and RelBytes keep the exact names (base64 in
// JSON). Open the file by File(), never by Path; the id is the digest of RawRel().
type Photo struct {
	ID             string      `json:"id"`
	Path           string      `json:"path"`                 // absolute
	Rel            string      `json:"rel"`                  // relative to the album, slash-separated
	PathBytes      []byte      `json:"path_bytes,omitempty"` // the exact path when it is not UTF-8
	RelBytes       []byte      `json:"rel_bytes,omitempty"`  // the exact rel when it is not UTF-8
	ShotTime       ShotTime    `json:"shot_time,omitzero"`
	GPS            *LatLon     `json:"gps"`
	GPSSource      string      `json:"gps_source,omitempty"` // exif, xmp (embedded or a sidecar) or track
	Altitude       *float64    `json:"altitude"`
	Heading        *float64    `json:"heading"`
	Focal35mm      float64     `json:"focal_35mm,omitempty"`
	FocalLength    float64     `json:"focal_length,omitempty"` // the lens's own, in mm
	Make           string      `json:"make,omitempty"`
	Model          string      `json:"model,omitempty"`
	Format         string      `json:"format"`
	Width          int         `json:"width"` // upright
	Height         int         `json:"height"`
	Size           int64       `json:"size"`
	ModTime        int64       `json:"mtime_ns"`
	Embedded       bool        `json:"embedded"` // a model vector exists for it
	PredictedPeaks []PeakGuess `json:"predicted_peaks"`
	// HiddenPeaks are the catalog peaks inside the frame that terrain or a nearer peak hides, each saying by
	// what (explanation), as identify lists them; left out when there are none.
	HiddenPeaks []PeakGuess `json:"hidden_peaks,omitempty"`
	// View is the camera's orientation and field of view, once known (heading corrected by the skyline when
	// it could be).
	View *ViewInfo `json:"view,omitempty"`
	// RawKind names the camera RAW format (CR3, NEF, DNG, …) when Format is raw.
	RawKind string `json:"raw_kind,omitempty"`
	// Files are the album files of the shot, slash-separated and relative to the album, when there is more
	// than the one read: the JPEG first, then the RAW of the same name beside it.
	Files []string `json:"files,omitempty"`
	// Sidecar is the XMP sidecar read with the photo, relative to the album.
	Sidecar string `json:"sidecar,omitempty"`
	// Sources says where values came from when it is worth knowing: the tag of shot_time (DateTimeOriginal,
	// CreateDate, XMP:CreateDate, ModifyDate, …), of its UTC offset (OffsetTimeOriginal, GPSTimeStamp, …) and
	// of focal_35mm (FocalLengthIn35mmFilm, FocalPlaneResolution, xmp); gps_source says it for the position.
	Sources map[string]string `json:"sources,omitempty"`
	// From XMP: the user's rating (1–5 stars, -1 rejected), title, description, keywords and hierarchical
	// keywords (levels joined by "|").
	Rating      int      `json:"rating,omitempty"`
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Keywords    []string `json:"keywords,omitempty"`
	Subjects    []string `json:"subjects,omitempty"`
	// Tilt is the camera's pitch and roll from its gravity sensor, kept to identify peaks again without
	// reading the file; nil when the photo recorded no gravity.
	Tilt *Tilt `json:"tilt,omitempty"`
	// HeadingMagnetic: the compass heading is from magnetic north, off true north by the declination.
	HeadingMagnetic bool `json:"heading_magnetic,omitempty"`
}

// Tilt is how far a camera was tilted, in degrees: pitch up positive, roll clockwise positive.
type Tilt struct {
	Pitch float64 `json:"pitch"`
	Roll  float64 `json:"roll"`
}

// ViewInfo is which way the camera pointed and how much it saw, in degrees.
type ViewInfo struct {
	Heading float64 `json:"heading"` // bearing of the optical axis from true north
	Pitch   float64 `json:"pitch"`   // up positive
	Roll    float64 `json:"roll"`    // clockwise positive
	FOV     float64 `json:"fov"`     // horizontal field of view of the upright photo
	Source  string  `json:"source"`  // where the heading came from: skyline, compass or none
	// Confidence is 0–1 for a heading from the skyline: how clearly the photo's skyline picked it.
	Confidence float64 `json:"confidence,omitempty"`
}

// File is the exact path of the photo's file, to open it by.
func (p Photo) File() string {
	if p.PathBytes != nil {
		return string(p.PathBytes)
	}
	return p.Path
}

// RawRel is the exact album-relative name of the photo's file, whose digest is its id.
func (p Photo) RawRel() string {
	if p.RelBytes != nil {
		return string(p.RelBytes)
	}
	return p.Rel
}

// setNames sets the photo's paths from the exact names abs and rel, keeping the bytes of a name that is not
// valid UTF-8 besides its readable form.
func (p *Photo) setNames(abs, rel string) {
	p.Path, p.PathBytes = readableName(abs)
	p.Rel, p.RelBytes = readableName(rel)
}

// readableName is name as valid UTF-8, each byte of an invalid sequence written \xHH, and name's bytes when
// that differs from name (nil when name is valid UTF-8).
func readableName(name string) (string, []byte) {
	if utf8.ValidString(name) {
		return name, nil
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if r == utf8.RuneError && size <= 1 {
			fmt.Fprintf(&b, "\\x%02x", name[i])
			i++
			continue
		}
		b.WriteString(name[i : i+size])
		i += size
	}
	return b.String(), []byte(name)
}

// LatLon is a position in degrees (WGS 84).
type LatLon struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// PeakGuess is one peak a photo is predicted to show.
type PeakGuess struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Score       float64  `json:"score"`
	Source      string   `json:"source"` // geometry, visual or both
	Explanation string   `json:"explanation,omitempty"`
	Visible     bool     `json:"visible,omitempty"`
	DistanceKm  float64  `json:"distance_km,omitempty"`
	X           *float64 `json:"x,omitempty"` // summit position as a fraction of the upright width, from the left
	Y           *float64 `json:"y,omitempty"` // and of the height, from the top; nil when not in the frame
}

// PhotoID is the identity of a photo: a 64-bit digest of its album-relative path, so re-scanning never
// duplicates. It is also the key of the photo's vector (vectorKey), so a vector hit maps back to its photo
// without a lookup; a collision takes about four billion photos to become likely.
func PhotoID(rel string) string {
	sum := sha256.Sum256([]byte(rel))
	return hex.EncodeToString(sum[:8])
}

// vectorKey maps a photo id (always made by PhotoID) to the key of its vector in the vector index.
func vectorKey(id string) uint64 { return index.Key(id) }

// photoIDOfKey is the inverse of vectorKey.
func photoIDOfKey(k uint64) string { return index.ID(k) }
