package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestTrackCommands: a photo without GPS taken during a GPX track is placed by the scan after `track add`,
// shows "gps_source":"track" in photos --json, and loses the position after `track remove`.
func TestTrackCommands(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	exif := mediatest.EXIF{Make: "NIKON CORPORATION", Model: "NIKON Z 6", ShotTime: "2023:10:30 09:15:30", Offset: "+05:45"}
	if err := os.WriteFile(filepath.Join(album, "walk.jpg"), mediatest.JPEG(t, mediatest.MarkerImage(64, 48), exif.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	gpx := filepath.Join(t.TempDir(), "namche.gpx")
	body := `<gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0"><trk><trkseg>
<trkpt lat="27.8050" lon="86.7130"><ele>3440</ele><time>2023-10-30T03:30:00Z</time></trkpt>
<trkpt lat="27.8060" lon="86.7140"><ele>3450</ele><time>2023-10-30T03:31:00Z</time></trkpt>
</trkseg></trk></gpx>`
	if err := os.WriteFile(gpx, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, data, "scan", album); code != 0 {
		t.Fatalf("scan: %d %s", code, stderr)
	}
	if code, out, stderr := run(t, data, "track", "add", gpx); code != 0 || !strings.Contains(out, "namche") {
		t.Fatalf("track add: %d %q %s", code, out, stderr)
	}
	code, out, _ := run(t, data, "track", "list", "--json")
	if rows := jsonLines(t, out); code != 0 || len(rows) != 1 || rows[0]["points"] != float64(2) {
		t.Fatalf("track list: %d %q", code, out)
	}
	if code, out, stderr := run(t, data, "scan", album); code != 0 || !strings.Contains(out, "re-placed") {
		t.Fatalf("rescan: %d %q %s", code, out, stderr)
	}
	_, out, _ = run(t, data, "photos", "--json")
	rows := jsonLines(t, out)
	if len(rows) != 1 || rows[0]["gps_source"] != "track" || rows[0]["shot_time"] != "2023-10-30T09:15:30+05:45" ||
		rows[0]["make"] != "NIKON CORPORATION" || rows[0]["width"] != float64(64) {
		t.Fatalf("photos --json: %q", out)
	}
	gps := rows[0]["gps"].(map[string]any)
	if lat := gps["lat"].(float64); fmt.Sprintf("%.4f", lat) != "27.8055" {
		t.Errorf("placed at %v, want halfway", gps)
	}
	if code, _, stderr := run(t, data, "track", "remove", "namche"); code != 0 {
		t.Fatalf("track remove: %d %s", code, stderr)
	}
	if code, _, stderr := run(t, data, "track", "remove", "namche"); code == 0 || !strings.Contains(stderr, "no such track") {
		t.Errorf("removing twice: %d %s", code, stderr)
	}
	run(t, data, "scan", album)
	_, out, _ = run(t, data, "photos", "--json")
	if rows := jsonLines(t, out); rows[0]["gps"] != nil || rows[0]["gps_source"] != nil {
		t.Errorf("after remove: %q", out)
	}
	if code, _, _ := run(t, data, "track", "frobnicate"); code != 2 {
		t.Errorf("unknown verb: exit %d, want 2", code)
	}
}
