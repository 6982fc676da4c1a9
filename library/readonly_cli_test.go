package library_test

import (
	"crypto/sha256"
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestReadOnlyAlbumCLI scans a read-only album with a real `cairn scan` — as nobody when the test runs as
// root, so that the kernel, not just the hashes, would stop a write — and checks that no file, folder,
// mode or modification time of the album changed and nothing was added.
func TestReadOnlyAlbumCLI(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	writeTrek(t, album, 12)
	writeAlbumFile(t, album, "marker.png", mediatest.PNG(t, mediatest.MarkerImage(64, 48), nil))
	if heics, err := filepath.Glob(filepath.Join(testenv.SharedPath("khumbu", "data", "images"), "*.HEIC")); err == nil {
		for _, src := range heics[:min(3, len(heics))] {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			writeAlbumFile(t, album, "khumbu/"+filepath.Base(src), b)
		}
	}
	args := []string{"scan", album}
	if dir, ok := tinyModelDir(t); ok {
		os.Chmod(filepath.Dir(dir), 0o755) // nobody loads it too
		args = append(args, "--model", dir)
	}
	cmd := cairnCommand(t, data, args...)
	if os.Geteuid() == 0 {
		runAsNobody(t, cmd, album, data)
	}
	readOnly(t, album)
	before := treeDigest(t, album)

	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("scan of a read-only album: %v\n%s%s", err, out.String(), errOut.String())
	}
	if want := fmt.Sprintf("indexed %d,", len(before)-countDirs(before)); !strings.Contains(out.String(), want) {
		t.Errorf("scan: want %q\n%s%s", want, out.String(), errOut.String())
	}
	sameTree(t, before, treeDigest(t, album))
}

// sameTree reports every entry of before that changed or went away in after, and every one added.
func sameTree(t *testing.T, before, after map[string][32]byte) {
	t.Helper()
	for path, d := range before {
		if a, ok := after[path]; !ok {
			t.Errorf("%s went away", path)
		} else if a != d {
			t.Errorf("%s changed", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s appeared", path)
		}
	}
}

// TestReadOnlyCommandsWriteNothing: photos, search, similar, peaks and identify answer from a scanned library
// without changing a byte, a mode or a modification time in the data root, and without adding a file. As
// root it is the case of the issue: nobody scans, root runs the read-only commands, and nobody's next scan
// still succeeds (a root-owned manifest of mode 0600 used to stop it with "permission denied").
func TestReadOnlyCommandsWriteNothing(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	writeTrek(t, album, 6)
	args := []string{"scan", album}
	if dir, ok := tinyModelDir(t); ok {
		os.Chmod(filepath.Dir(dir), 0o755) // nobody loads it too
		args = append(args, "--model", dir)
	}
	scanAsOwner := func() {
		t.Helper()
		cmd := cairnCommand(t, data, args...)
		if os.Geteuid() == 0 {
			runAsNobody(t, cmd, album, data)
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("cairn %v: %v\n%s", args, err, out)
		}
	}
	scanAsOwner()
	before := treeDigest(t, data)
	photo := filepath.Join(album, "trek", "day 2.jpg")
	commands := [][]string{
		{"photos"}, {"photos", "--json"},
		{"search", "ama dablam"}, {"search", "--near", "27.9,86.8,5", "--json"}, {"search", "--from", "2023-10-02"},
		{"similar", photo}, {"peaks"}, {"peaks", "--json"}, {"identify", photo},
	}
	for _, args := range commands {
		if r := runCairn(t, data, args...); r.code != 0 {
			t.Errorf("cairn %v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	sameTree(t, before, treeDigest(t, data))
	scanAsOwner()
}

// TestNewCatalogOnUnreadablePhotosCLI is the check from outside: as a user the permissions stop (nobody,
// when the test runs as root), after a catalog is added to DATA/catalogs, a scan of photos that user may no
// longer read succeeds and names the new catalog's peaks, reading none of them.
func TestNewCatalogOnUnreadablePhotosCLI(t *testing.T) {
	album, data := t.TempDir(), t.TempDir()
	for i := range 3 {
		exif := mediatest.EXIF{ShotTime: fmt.Sprintf("2024:08:14 07:%02d:00", i), Offset: "+02:00", HasGPS: true,
			Lat: 45.9833, Lon: 7.7850, HasAltitude: true, AltitudeM: 3089, HasHeading: true, HeadingDeg: 265, Focal35mm: 26}
		writeAlbumFile(t, album, fmt.Sprintf("gornergrat/%d.jpg", i), mediatest.SolidJPEG(t, color.Gray{uint8(90 + 30*i)}, 400, 300, exif.Bytes()))
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := cairnCommand(t, data, args...)
		if os.Geteuid() == 0 {
			runAsNobody(t, cmd, album, data)
		}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("cairn %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("scan", album)
	library.Unreadable(t, album)
	alps, err := os.ReadFile(filepath.Join("testdata", "alps.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeAlbumFile(t, filepath.Join(data, library.CatalogsDir), "alps.yaml", alps)

	out := run("scan", album)
	if !strings.Contains(out, "re-identified 3 photos without reading them") || !strings.Contains(out, "skipped 0") {
		t.Errorf("scan after adding a catalog:\n%s", out)
	}
	for _, line := range jsonLines(t, run("photos", "--json")) {
		peaks, _ := line["predicted_peaks"].([]any)
		if len(peaks) == 0 || peaks[0].(map[string]any)["id"] != "matterhorn" {
			t.Errorf("%v: predicted %v, want the Matterhorn", line["rel"], peaks)
		}
	}
}

// writeTrek writes n small JPEGs "trek/day I.jpg" into album, a day apart, taken near Namche Bazaar facing
// different ways.
func writeTrek(t *testing.T, album string, n int) {
	t.Helper()
	for i := range n {
		exif := mediatest.EXIF{ShotTime: fmt.Sprintf("2023:10:%02d 08:00:00", i+1), HasGPS: true, Lat: 27.9, Lon: 86.8,
			HasHeading: true, HeadingDeg: float64(60 * i % 360)}.Bytes()
		writeAlbumFile(t, album, fmt.Sprintf("trek/day %d.jpg", i), mediatest.SolidJPEG(t, color.Gray{uint8(20 * i)}, 96, 64, exif))
	}
}

// readOnly takes write permission away from every file and folder of dir, and gives it back at cleanup.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil {
			mode := os.FileMode(0o444)
			if d.IsDir() {
				mode = 0o555
			}
			os.Chmod(path, mode)
		}
		return nil
	})
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			os.Chmod(path, 0o755)
			return nil
		})
	})
}

// treeDigest maps every entry below dir, hidden ones and folders too, to a digest of its content (files),
// mode and modification time. Folder entries end in a slash.
func treeDigest(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		stamp := []byte(info.Mode().String() + info.ModTime().String())
		if d.IsDir() {
			out[path+"/"] = sha256.Sum256(stamp)
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = sha256.Sum256(append(b, stamp...))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func countDirs(digests map[string][32]byte) int {
	n := 0
	for path := range digests {
		if strings.HasSuffix(path, "/") {
			n++
		}
	}
	return n
}
