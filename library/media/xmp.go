package media

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// XMP is read from sidecar files (NAME.xmp, NAME.EXT.xmp, as Lightroom, darktable and digiKam write them) and
// from the packet embedded in a photo (JPEG APP1, HEIF mime item, TIFF tag 700, PNG iTXt, WebP "XMP ", the CR3
// uuid box). Only the properties Cairn keeps are read; the RDF may carry them as attributes of
// rdf:Description or as elements, with arrays (rdf:Bag, rdf:Seq, rdf:Alt) for lists and languages.

// XMP namespaces read.
const (
	nsRDF       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsEXIF      = "http://ns.adobe.com/exif/1.0/"
	nsTIFF      = "http://ns.adobe.com/tiff/1.0/"
	nsXMP       = "http://ns.adobe.com/xap/1.0/"
	nsPhotoshop = "http://ns.adobe.com/photoshop/1.0/"
	nsDC        = "http://purl.org/dc/elements/1.1/"
	nsLR        = "http://ns.adobe.com/lightroom/1.0/"
	nsDigiKam   = "http://www.digikam.org/ns/1.0/"
	nsXML       = "http://www.w3.org/XML/1998/namespace"
)

// maxXMPBytes bounds an XMP packet or sidecar; real ones are a few KiB, Lightroom's with a develop history
// a few hundred.
const maxXMPBytes = 16 << 20

// ParseXMP reads Metadata from an XMP packet or sidecar. Values come with origin xmp ("XMP:<property>" for the
// capture time). Properties that do not parse are left out; only XML that cannot be read at all is an error.
func ParseXMP(data []byte) (meta Metadata, err error) {
	meta = defaultMetadata()
	defer recoverAs(&err, "xmp")
	if len(data) > maxXMPBytes {
		return meta, fmt.Errorf("%w: xmp of %d bytes", ErrCorrupt, len(data))
	}
	props, err := readXMPProps(data)
	if err != nil {
		return meta, err
	}
	props.apply(&meta)
	return meta, nil
}

// xmpProps are property values by "namespace local-name"; arrays give one value per item, languages the
// x-default first.
type xmpProps map[string][]string

func xmpKey(ns, local string) string { return ns + " " + local }

func (p xmpProps) first(ns, local string) string {
	if v := p[xmpKey(ns, local)]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// readXMPProps collects the simple and array properties of every rdf:Description.
func readXMPProps(data []byte) (xmpProps, error) {
	props := xmpProps{}
	dec := xml.NewDecoder(bytes.NewReader(trimXPacket(data)))
	dec.Strict = false
	type open struct {
		key     string // property key, for a property element
		isDesc  bool
		isItem  bool
		lang    string
		text    strings.Builder
		hasItem bool
	}
	var stack []*open
	inDesc := func() bool { return len(stack) > 0 && stack[len(stack)-1].isDesc }
	property := func() *open { // the innermost open property element
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].key != "" {
				return stack[i]
			}
			if stack[i].isDesc {
				return nil
			}
		}
		return nil
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(props) > 0 {
				break // a damaged tail: keep what was read
			}
			return props, fmt.Errorf("%w: xmp: %v", ErrCorrupt, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			o := &open{}
			switch {
			case t.Name.Space == nsRDF && t.Name.Local == "Description":
				o.isDesc = true
				for _, a := range t.Attr {
					if a.Name.Space != nsRDF && a.Name.Space != "xmlns" && a.Name.Space != "" && a.Name.Local != "xmlns" {
						props[xmpKey(a.Name.Space, a.Name.Local)] = append(props[xmpKey(a.Name.Space, a.Name.Local)], a.Value)
					}
				}
			case t.Name.Space == nsRDF && t.Name.Local == "li":
				o.isItem = true
				for _, a := range t.Attr {
					if a.Name.Space == nsXML && a.Name.Local == "lang" {
						o.lang = a.Value
					}
				}
			case inDesc() && t.Name.Space != nsRDF:
				o.key = xmpKey(t.Name.Space, t.Name.Local)
			}
			stack = append(stack, o)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch {
			case o.isItem:
				if p := property(); p != nil {
					p.hasItem = true
					v := strings.TrimSpace(o.text.String())
					if o.lang == "x-default" {
						props[p.key] = append([]string{v}, props[p.key]...)
					} else {
						props[p.key] = append(props[p.key], v)
					}
				}
			case o.key != "" && !o.hasItem:
				if v := strings.TrimSpace(o.text.String()); v != "" {
					props[o.key] = append(props[o.key], v)
				}
			}
		}
	}
	return props, nil
}

// trimXPacket cuts what follows the packet's end (the padding and, in a damaged file, anything else) and NUL
// bytes some writers leave around it.
func trimXPacket(data []byte) []byte {
	data = bytes.Trim(data, "\x00")
	if i := bytes.Index(data, []byte("<?xpacket end")); i >= 0 {
		if j := bytes.Index(data[i:], []byte("?>")); j >= 0 {
			return data[:i+j+2]
		}
	}
	return data
}

// apply sets meta from the properties.
func (p xmpProps) apply(meta *Metadata) {
	for _, d := range []struct{ ns, local string }{{nsEXIF, "DateTimeOriginal"}, {nsPhotoshop, "DateCreated"}, {nsXMP, "CreateDate"}} {
		if t, hasOffset, ok := parseXMPDate(p.first(d.ns, d.local)); ok {
			meta.ShotTime, meta.HasShotTime, meta.HasOffset = t, true, hasOffset
			meta.Origins.ShotTime = "XMP:" + d.local
			if hasOffset {
				meta.Origins.Offset = "XMP"
			}
			break
		}
	}
	lat, okLat := parseXMPCoordinate(p.first(nsEXIF, "GPSLatitude"), 90)
	lon, okLon := parseXMPCoordinate(p.first(nsEXIF, "GPSLongitude"), 180)
	if okLat && okLon && !(lat == 0 && lon == 0) {
		meta.Lat, meta.Lon, meta.HasGPS, meta.Origins.GPS = lat, lon, true, FromXMP
	}
	if alt, ok := parseXMPRational(p.first(nsEXIF, "GPSAltitude")); ok {
		if p.first(nsEXIF, "GPSAltitudeRef") == "1" {
			alt = -alt
		}
		if alt >= minAltitudeM && alt <= maxAltitudeM {
			meta.AltitudeM, meta.HasAltitude = alt, true
		}
	}
	if dir, ok := parseXMPRational(p.first(nsEXIF, "GPSImgDirection")); ok && dir >= 0 && dir <= 360 {
		meta.HeadingDeg, meta.HasHeading = dir, true
		meta.HeadingMagnetic = strings.EqualFold(p.first(nsEXIF, "GPSImgDirectionRef"), "M")
	}
	if f, err := strconv.ParseFloat(p.first(nsEXIF, "FocalLengthIn35mmFilm"), 64); err == nil && f > 0 && f < 10000 {
		meta.Focal35mm, meta.Origins.Focal35mm = f, FromXMP
	}
	if f, ok := parseXMPRational(p.first(nsEXIF, "FocalLength")); ok && f > 0 && f < 10000 {
		meta.FocalLengthMM = f
	}
	meta.Make, meta.Model = p.first(nsTIFF, "Make"), p.first(nsTIFF, "Model")
	if r, err := strconv.ParseFloat(p.first(nsXMP, "Rating"), 64); err == nil && r >= -1 && r <= 5 {
		meta.Rating = int(math.Round(r))
	}
	meta.Title = p.first(nsDC, "title")
	meta.Description = p.first(nsDC, "description")
	meta.Keywords = nonEmpty(p[xmpKey(nsDC, "subject")])
	meta.Subjects = nonEmpty(p[xmpKey(nsLR, "hierarchicalSubject")])
	if len(meta.Subjects) == 0 { // digiKam's own list separates levels with "/"
		for _, s := range nonEmpty(p[xmpKey(nsDigiKam, "TagsList")]) {
			meta.Subjects = append(meta.Subjects, strings.ReplaceAll(s, "/", "|"))
		}
	}
}

func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseXMPDate reads an XMP date (ISO 8601: "2023-10-31T06:05:47.551+05:45", without seconds or zone too)
// or an EXIF-style one ("2023:10:31 06:05:47", as darktable writes). A date without a time of day is refused:
// too vague to place a photo by.
func parseXMPDate(s string) (time.Time, bool, bool) {
	s = strings.TrimSpace(s)
	if len(s) < len("2006-01-02T15:04") {
		return time.Time{}, false, false
	}
	if s[4] == ':' && s[7] == ':' { // EXIF style
		wall, rest, err := parseEXIFDate(s)
		if err != nil {
			return time.Time{}, false, false
		}
		if off, ok := parseOffset(rest); ok {
			return wallIn(wall, time.FixedZone("", off)), true, true
		}
		return wall, false, true
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// parseXMPCoordinate reads XMP's GPS coordinate, "DDD,MM.mmK" or "DDD,MM,SSK" with K one of N, S, E, W, or a
// plain signed decimal, which some writers use.
func parseXMPCoordinate(s string, limit float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	sign := 1.0
	switch s[len(s)-1] {
	case 'S', 's', 'W', 'w':
		sign, s = -1, s[:len(s)-1]
	case 'N', 'n', 'E', 'e':
		s = s[:len(s)-1]
	}
	deg := 0.0
	for i, part := range strings.Split(s, ",") {
		if i > 2 {
			return 0, false
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(part), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || (i > 0 && (v < 0 || v >= 60)) {
			return 0, false
		}
		deg += v / math.Pow(60, float64(i))
	}
	deg *= sign
	if math.Abs(deg) > limit {
		return 0, false
	}
	return deg, true
}

// parseXMPRational reads "4466497/1000" or a decimal.
func parseXMPRational(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	num, den, isFraction := strings.Cut(s, "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	if !isFraction {
		return n, true
	}
	d, err := strconv.ParseFloat(den, 64)
	if err != nil || d == 0 {
		return 0, false
	}
	return n / d, true
}

// SidecarNames are the XMP sidecar names of a photo file, best first: NAME.EXT.xmp (darktable, digiKam) is
// this file's alone, NAME.xmp (Lightroom, Capture One) may be shared by a RAW and its JPEG. Compare them with
// the folder's names case-insensitively.
func SidecarNames(photoName string) []string {
	base := photoName
	if i := strings.LastIndexByte(photoName, '.'); i > 0 {
		base = photoName[:i]
	}
	return []string{photoName + ".xmp", base + ".xmp"}
}
