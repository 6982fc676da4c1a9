// Package mediatest writes test photos: EXIF blocks built entry by entry, wrapped in JPEG, PNG, WebP and HEIF
// containers, so tests anywhere in Cairn can make real files with known metadata without shared data.
package mediatest

import (
	"encoding/binary"
	"math"
)

// EXIF describes the EXIF block of a generated photo. Zero values leave a tag out.
type EXIF struct {
	Make, Model string
	Orientation int     // 1..8; 0 writes no Orientation tag
	ShotTime    string  // DateTimeOriginal, "2006:01:02 15:04:05"
	Offset      string  // OffsetTimeOriginal, "+05:45"
	Focal35mm   float64 // FocalLengthIn35mmFilm, rounded to whole mm

	// Fallbacks and the values behind derived ones.
	SubSec         string // SubSecTimeOriginal, "042"
	CreateDate     string // DateTimeDigitized
	ModifyDate     string // DateTime, in IFD0
	SubSecCreate   string // SubSecTimeDigitized
	SubSecModify   string // SubSecTime
	OffsetCreate   string // OffsetTimeDigitized
	OffsetModify   string // OffsetTime
	FocalLength    float64
	FocalPlaneX    float64 // FocalPlaneXResolution (and Y), in FocalPlaneUnit (2 inch, 3 cm, 4 mm)
	FocalPlaneUnit int
	PixelX, PixelY int        // PixelXDimension, PixelYDimension
	GPSDate        string     // GPSDateStamp "2006:01:02", UTC
	GPSTime        [3]float64 // GPSTimeStamp hours, minutes, seconds, UTC; written when GPSDate is set
	GPSTimeOnly    bool       // write GPSTime without GPSDate
	Magnetic       bool       // GPSImgDirectionRef M instead of T
	PreviewBorders [4]int     // in a Pentax maker note: PreviewImageBorders (top, bottom, left, right), unless zero

	HasGPS      bool // writes Lat and Lon (south and west negative)
	Lat, Lon    float64
	HasAltitude bool // with HasGPS: writes AltitudeM (below sea level negative)
	AltitudeM   float64
	HasHeading  bool // with HasGPS: writes HeadingDeg as a true-north GPSImgDirection
	HeadingDeg  float64

	// Damage, for parser tests.
	LoopIFDs       bool // IFD0 links to an IFD1 that links back to IFD0
	ZeroCountEntry bool // IFD0 holds a Software entry with count 0, which goexif alone rejects
}

// TIFF tags that point to sub-IFDs.
const (
	tagExifIFD = 0x8769
	tagGPSIFD  = 0x8825
)

// Bytes returns the EXIF block as a little-endian TIFF structure: IFD0 → Exif IFD and GPS IFD. It is what
// follows "Exif\0\0" in a JPEG APP1 segment.
func (e EXIF) Bytes() []byte {
	ifd0 := e.ifd0Entries()
	exifIFD := e.exifEntries()
	gps := e.gpsEntries()
	// Sub-IFD pointers are patched once their positions are known.
	if len(exifIFD) > 0 {
		ifd0 = append(ifd0, ifdEntry{tagExifIFD, typeLong, 1, make([]byte, 4)})
	}
	if len(gps) > 0 {
		ifd0 = append(ifd0, ifdEntry{tagGPSIFD, typeLong, 1, make([]byte, 4)})
	}
	w := &tiffWriter{buf: []byte("II*\x00\x08\x00\x00\x00")}
	ifd0Pos, ifd0Next, valueAt := w.ifd(ifd0)
	if len(exifIFD) > 0 {
		pos, _, _ := w.ifd(exifIFD)
		binary.LittleEndian.PutUint32(w.buf[valueAt[tagExifIFD]:], uint32(pos))
	}
	if len(gps) > 0 {
		pos, _, _ := w.ifd(gps)
		binary.LittleEndian.PutUint32(w.buf[valueAt[tagGPSIFD]:], uint32(pos))
	}
	if e.LoopIFDs { // IFD0 → IFD1 → IFD0 → …
		ifd1Pos, ifd1Next, _ := w.ifd([]ifdEntry{shortEntry(0x0103, 6)})
		binary.LittleEndian.PutUint32(w.buf[ifd0Next:], uint32(ifd1Pos))
		binary.LittleEndian.PutUint32(w.buf[ifd1Next:], uint32(ifd0Pos))
	}
	return w.buf
}

func (e EXIF) ifd0Entries() []ifdEntry {
	entries := appendASCII(nil, 0x010F, e.Make)
	entries = appendASCII(entries, 0x0110, e.Model)
	entries = appendASCII(entries, 0x0132, e.ModifyDate)
	if e.Orientation != 0 {
		entries = append(entries, shortEntry(0x0112, uint16(e.Orientation)))
	}
	if e.ZeroCountEntry {
		entries = append(entries, ifdEntry{0x0131, typeASCII, 0, nil}) // Software with no characters
	}
	return entries
}

func (e EXIF) exifEntries() []ifdEntry {
	entries := appendASCII(nil, 0x9003, e.ShotTime)
	entries = appendASCII(entries, 0x9004, e.CreateDate)
	entries = appendASCII(entries, 0x9010, e.OffsetModify)
	entries = appendASCII(entries, 0x9011, e.Offset)
	entries = appendASCII(entries, 0x9012, e.OffsetCreate)
	entries = appendASCII(entries, 0x9290, e.SubSecModify)
	entries = appendASCII(entries, 0x9291, e.SubSec)
	entries = appendASCII(entries, 0x9292, e.SubSecCreate)
	if e.Focal35mm != 0 {
		entries = append(entries, shortEntry(0xA405, uint16(math.Round(e.Focal35mm))))
	}
	if e.FocalLength != 0 {
		entries = append(entries, rationalEntry(0x920A, e.FocalLength))
	}
	if e.FocalPlaneX != 0 {
		entries = append(entries, rationalEntry(0xA20E, e.FocalPlaneX), rationalEntry(0xA20F, e.FocalPlaneX),
			shortEntry(0xA210, uint16(e.FocalPlaneUnit)))
	}
	if e.PixelX != 0 {
		entries = append(entries, longEntry(0xA002, uint32(e.PixelX)), longEntry(0xA003, uint32(e.PixelY)))
	}
	return entries
}

func (e EXIF) gpsEntries() []ifdEntry {
	if !e.HasGPS {
		return e.gpsTimeEntries()
	}
	latRef, lonRef := "N", "E"
	if e.Lat < 0 {
		latRef = "S"
	}
	if e.Lon < 0 {
		lonRef = "W"
	}
	entries := []ifdEntry{
		asciiEntry(0x0001, latRef), rationalEntry(0x0002, dms(math.Abs(e.Lat))...),
		asciiEntry(0x0003, lonRef), rationalEntry(0x0004, dms(math.Abs(e.Lon))...),
	}
	if e.HasAltitude {
		altRef := byte(0)
		if e.AltitudeM < 0 {
			altRef = 1
		}
		entries = append(entries, byteEntry(0x0005, altRef), rationalEntry(0x0006, math.Abs(e.AltitudeM)))
	}
	if e.HasHeading {
		ref := "T"
		if e.Magnetic {
			ref = "M"
		}
		entries = append(entries, asciiEntry(0x0010, ref), rationalEntry(0x0011, e.HeadingDeg))
	}
	entries = append(entries, e.gpsTimeEntries()...)
	return entries
}

func (e EXIF) gpsTimeEntries() []ifdEntry {
	switch {
	case e.GPSDate != "":
		return []ifdEntry{rationalEntry(0x0007, e.GPSTime[:]...), asciiEntry(0x001D, e.GPSDate)}
	case e.GPSTimeOnly:
		return []ifdEntry{rationalEntry(0x0007, e.GPSTime[:]...)}
	}
	return nil
}

// dms splits decimal degrees into degrees, minutes, seconds.
func dms(deg float64) []float64 {
	d := math.Floor(deg)
	m := math.Floor((deg - d) * 60)
	s := (deg - d - m/60) * 3600
	return []float64{d, m, s}
}
