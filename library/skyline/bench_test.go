package skyline

import "testing"

// BenchmarkDetect measures one photo as the scan decodes it (short side ≥ 256 px, here 416×312).
func BenchmarkDetect(b *testing.B) {
	img := khumbuPhoto(b, "IMG_2906.HEIC")
	b.ReportAllocs()
	for b.Loop() {
		Detect(img)
	}
}
