package library_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// badAlbum writes the bad-input corpus and returns the paths that must be reported as skipped, each with a
// word its reason must contain ("" for any reason).
func badAlbum(t *testing.T, album string) map[string]string {
	jpg := mediatest.SolidJPEG(t, color.Gray{128}, 320, 240, mediatest.EXIF{Make: "Test", ShotTime: "2023:10:31 09:36:13"}.Bytes())
	pngData := mediatest.PNG(t, mediatest.MarkerImage(320, 240), nil)
	heic := mediatest.HEIF(64, 48, nil)
	if real, err := filepath.Glob(filepath.Join(testenv.SharedPath("khumbu", "data", "images"), "*.HEIC")); err == nil && len(real) > 0 {
		if heic, err = os.ReadFile(real[0]); err != nil {
			t.Fatal(err)
		}
	}
	mustSkip := map[string]string{}
	put := func(rel string, data []byte, reason string) {
		writeAlbumFile(t, album, rel, data)
		if reason != "-" {
			mustSkip[rel] = reason
		}
	}
	for _, ext := range []string{"jpg", "heic", "png", "webp", "tif"} {
		put("empty/zero."+ext, nil, "empty")
	}
	put("text named.jpg", []byte("this is not a photo\n"), "")
	put("bombs/bomb.png", mediatest.PNGDeclaring(t, 50000, 50000), "megapixels")
	put("bombs/bomb.jpg", jpegDeclaring(t, jpg, 50000, 50000), "megapixels")
	put("loopy exif.jpg", mediatest.SolidJPEG(t, color.Gray{50}, 64, 64, mediatest.EXIF{Make: "X", LoopIFDs: true}.Bytes()), "-")
	// Cut in the header: nothing to show. Cut in the pixels: decoders may show the part they have, as
	// browsers do, so either outcome is fine as long as the scan goes on.
	for _, cut := range []int{2, 20, 100} {
		put(fmt.Sprintf("truncated/jpeg-%d.jpg", cut), jpg[:cut], "")
		put(fmt.Sprintf("truncated/png-%d.png", cut), pngData[:cut], "")
		put(fmt.Sprintf("truncated/heic-%d.heic", cut), heic[:cut], "")
	}
	for _, frac := range []int{2, 4} {
		cut := len(jpg) * (frac - 1) / frac
		put(fmt.Sprintf("truncated/jpeg-%d.jpg", cut), jpg[:cut], "-")
		cut = len(pngData) * (frac - 1) / frac
		put(fmt.Sprintf("truncated/png-%d.png", cut), pngData[:cut], "-")
		cut = len(heic) * (frac - 1) / frac
		put(fmt.Sprintf("truncated/heic-%d.heic", cut), heic[:cut], "-")
	}
	put("names/a photo with  spaces.jpg", jpg, "-")
	put("names/caf\xe9 latin-1.jpg", jpg, "-") // not UTF-8
	put("good.jpg", jpg, "-")
	// Big but valid: PNG has no reduced-size decoding, so these are what memory is measured on.
	put("big/panorama.png", bigPNG(t, 8000, 6000, 255), "-")
	put("big/panorama with alpha.png", bigPNG(t, 8000, 6000, 200), "-")
	if err := os.Symlink("..", filepath.Join(album, "names", "loop")); err != nil {
		t.Fatal(err)
	}
	mustSkip["names/loop"] = "symlink loop"
	put("locked/inside.jpg", jpg, "-")
	mustSkip["locked"] = "unreadable folder"
	return mustSkip
}

// TestScanBadInputCLI runs a real `cairn scan` over the bad-input corpus: it exits 0, names every bad file
// with a reason, indexes the good ones, and its peak memory stays under 1 GB. An unreadable folder needs a
// user that permissions apply to: as root (where chmod 000 stops nothing) the scan runs as nobody.
func TestScanBadInputCLI(t *testing.T) {
	testenv.SkipUnderRace(t, "it measures peak memory, which the detector multiplies, over minutes of decoding")
	album, data := t.TempDir(), t.TempDir()
	mustSkip := badAlbum(t, album)
	locked := filepath.Join(album, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	cmd := cairnCommand(t, data, "scan", album, "--workers", "2")
	if os.Geteuid() == 0 {
		runAsNobody(t, cmd, album, data)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("scan of the bad corpus: %v\n%s%s", err, out.String(), errOut.String())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	rssMB := ru.Maxrss >> 10
	t.Logf("peak RSS %d MB\n%s", rssMB, out.String())
	if rssMB > 1024 {
		t.Errorf("scan of the bad corpus peaked at %d MB, over 1 GB", rssMB)
	}
	skipped := map[string]string{}
	for _, line := range strings.Split(out.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, "skipped "); ok {
			if path, reason, ok := strings.Cut(rest, ": "); ok {
				skipped[path] = reason
			}
		}
	}
	for path, word := range mustSkip {
		reason, ok := skipped[path]
		if !ok || !strings.Contains(reason, word) {
			t.Errorf("%s: skipped %v with reason %q, want a reason saying %q", path, ok, reason, word)
		}
	}
	for _, good := range []string{"good.jpg", "big/panorama.png", "big/panorama with alpha.png", "loopy exif.jpg", "names/a photo with  spaces.jpg", "names/caf\xe9 latin-1.jpg"} {
		if reason, bad := skipped[good]; bad {
			t.Errorf("%s skipped: %s", good, reason)
		}
	}
	if !strings.Contains(out.String(), "indexed ") {
		t.Errorf("no summary line:\n%s", out.String())
	}
	checkNonUTF8Listed(t, album, data, "names/caf\xe9 latin-1.jpg", `names/caf\xe9 latin-1.jpg`)
}

// checkNonUTF8Listed checks that `cairn photos --json` lists the photo at rel, a name that is not UTF-8, as
// valid JSON with the readable rel, and with the exact path that opens the file.
func checkNonUTF8Listed(t *testing.T, album, data, rel, readable string) {
	t.Helper()
	r := runCairn(t, data, "photos", "--json")
	if r.code != 0 {
		t.Fatalf("photos --json: exit %d\n%s", r.code, r.stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var p library.Photo
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		if p.Rel != readable {
			continue
		}
		if p.RawRel() != rel || p.File() != filepath.Join(album, rel) || p.ID != library.PhotoID(rel) {
			t.Errorf("%s: exact names %q %q, id %s", readable, p.RawRel(), p.File(), p.ID)
		}
		if _, err := library.LoadImage(p.File(), 0); err != nil {
			t.Errorf("%s: open by File(): %v", readable, err)
		}
		return
	}
	t.Errorf("%s is not listed by photos --json:\n%s", readable, r.stdout)
}

// runAsNobody makes cmd run as the user nobody, and lets nobody reach the test binary, album and data root.
func runAsNobody(t *testing.T, cmd *exec.Cmd, album, data string) {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "cairn.test")
	copyFile(t, cmd.Path, exe, 0o755)
	cmd.Path, cmd.Args[0] = exe, exe
	for _, dir := range []string{filepath.Dir(exe), filepath.Dir(album), filepath.Dir(data)} {
		os.Chmod(dir, 0o755)
	}
	filepath.WalkDir(album, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != filepath.Join(album, "locked") {
			os.Chmod(path, 0o755)
		}
		return nil
	})
	os.Chmod(album, 0o755)
	os.Chmod(data, 0o777)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	cmd.Env = append(cmd.Env, "HOME="+data)
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// bigPNG is a w×h gradient PNG with the given alpha, written fast.
func bigPNG(t *testing.T, w, h int, alpha uint8) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(i>>12), 120, uint8(i>>20), alpha
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegDeclaring rewrites the frame header (SOF0) of a baseline JPEG to claim w×h pixels.
func jpegDeclaring(t *testing.T, jpg []byte, w, h uint16) []byte {
	t.Helper()
	out := bytes.Clone(jpg)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 marker in the generated JPEG")
	}
	binary.BigEndian.PutUint16(out[i+5:], h) // marker, length u16, precision u8, then height, width
	binary.BigEndian.PutUint16(out[i+7:], w)
	return out
}
