package library

import (
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestShotTimeSourcesInRecords scans photos whose capture time comes from different rungs of the ladder and
// checks what photos --json carries: shot_time with its milliseconds and offset, and sources naming the tags.
// A sidecar's capture date ranks above the file's ModifyDate and below its CreateDate.
func TestShotTimeSourcesInRecords(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	sidecar := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 photoshop:DateCreated="2023-10-30T09:15:00.25+05:45"/></rdf:RDF></x:xmpmeta>`)
	jpeg := func(e mediatest.EXIF) []byte { return mediatest.JPEG(t, mediatest.MarkerImage(32, 24), e.Bytes()) }
	edited := mediatest.EXIF{Model: "EOS R6", ModifyDate: "2024:02:01 20:00:00", OffsetModify: "+01:00"}
	writeFile(t, album, "edited.jpg", jpeg(edited))
	writeFile(t, album, "edited.xmp", sidecar)
	scanned := edited
	scanned.CreateDate, scanned.SubSecCreate = "2023:10:30 09:16:00", "3"
	writeFile(t, album, "created.jpg", jpeg(scanned))
	writeFile(t, album, "created.jpg.xmp", sidecar)
	burst := mediatest.EXIF{Model: "NIKON Z 6", ShotTime: "2023:10:30 09:20:05", SubSec: "042",
		GPSDate: "2023:10:30", GPSTime: [3]float64{3, 35, 5}}
	writeFile(t, album, "burst.jpg", jpeg(burst))

	lib, err := Open(album, true, Options{DataRoot: root, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if sum := scan(t, lib); sum.Indexed != 3 {
		t.Fatalf("scan: %+v", sum)
	}
	photos := photosByRel(t, lib)
	for rel, want := range map[string]struct{ time, from, offset string }{
		"edited.jpg":  {"2023-10-30T09:15:00.250+05:45", "XMP:DateCreated", "XMP"},
		"created.jpg": {"2023-10-30T09:16:00.300+01:00", "CreateDate", "OffsetTime"},
		"burst.jpg":   {"2023-10-30T09:20:05.042+05:45", "DateTimeOriginal", "GPSTimeStamp"},
	} {
		p := photos[rel]
		if p.ShotTime.String() != want.time || p.Sources["shot_time"] != want.from || p.Sources["offset"] != want.offset {
			t.Errorf("%s: shot_time %q sources %v, want %s from %s (offset %s)", rel, p.ShotTime, p.Sources,
				want.time, want.from, want.offset)
		}
	}
}
