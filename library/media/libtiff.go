package media

/*
#cgo pkg-config: libtiff-4
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

// A TIFF held in memory, read through libtiff's client procedures, with the first error libtiff reports.
typedef struct {
	const unsigned char *data;
	toff_t size, pos;
	char err[256];
} cairn_tiff_mem;

static tmsize_t cairn_tiff_read(thandle_t h, void *buf, tmsize_t n) {
	cairn_tiff_mem *m = (cairn_tiff_mem *)h;
	if (m->pos >= m->size) return 0;
	if ((toff_t)n > m->size - m->pos) n = (tmsize_t)(m->size - m->pos);
	memcpy(buf, m->data + m->pos, (size_t)n);
	m->pos += (toff_t)n;
	return n;
}
static tmsize_t cairn_tiff_write(thandle_t h, void *buf, tmsize_t n) { return -1; }
static toff_t cairn_tiff_seek(thandle_t h, toff_t off, int whence) {
	cairn_tiff_mem *m = (cairn_tiff_mem *)h;
	toff_t base = whence == SEEK_CUR ? m->pos : whence == SEEK_END ? m->size : 0;
	m->pos = base + off;
	return m->pos;
}
static int cairn_tiff_close(thandle_t h) { return 0; }
static toff_t cairn_tiff_size(thandle_t h) { return ((cairn_tiff_mem *)h)->size; }

// Errors go to the file's own buffer (the first one is kept); warnings are dropped. Nothing reaches stderr.
static int cairn_tiff_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
	cairn_tiff_mem *m = (cairn_tiff_mem *)user;
	if (m->err[0] == 0) vsnprintf(m->err, sizeof m->err, fmt, ap);
	return 1;
}
static int cairn_tiff_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
	return 1;
}

static TIFF *cairn_tiff_open(cairn_tiff_mem *m) {
	TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
	if (!opts) return NULL;
	TIFFOpenOptionsSetErrorHandlerExtR(opts, cairn_tiff_error, m);
	TIFFOpenOptionsSetWarningHandlerExtR(opts, cairn_tiff_warning, m);
	TIFF *tif = TIFFClientOpenExt("memory", "rm", (thandle_t)m, cairn_tiff_read, cairn_tiff_write,
		cairn_tiff_seek, cairn_tiff_close, cairn_tiff_size, NULL, NULL, opts);
	TIFFOpenOptionsFree(opts);
	return tif;
}

// TIFFGetField is variadic, which cgo cannot call.
static void cairn_tiff_size_of(TIFF *tif, uint32_t *w, uint32_t *h) {
	*w = 0; *h = 0;
	TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, w);
	TIFFGetField(tif, TIFFTAG_IMAGELENGTH, h);
}

static uint16_t cairn_tiff_orientation(TIFF *tif) {
	uint16_t o = ORIENTATION_TOPLEFT;
	TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &o);
	return o;
}
*/
import "C"

import (
	"fmt"
	"image"
	"unsafe"
)

// decodeTIFF decodes the first image of a TIFF or BigTIFF with libtiff's RGBA interface, which reads what
// golang.org/x/image/tiff does not: JPEG and old-style JPEG compression, CMYK, YCbCr, planar layout, 16-bit
// samples, BigTIFF. What libtiff cannot turn into RGBA (floating-point samples, some exotic photometrics) is
// reported as unsupported with libtiff's reason; damage as corrupt. The pixels are as stored: EXIF/TIFF
// orientation is left to the caller.
func decodeTIFF(data []byte) (*image.RGBA, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty tiff", ErrCorrupt)
	}
	mem := (*C.cairn_tiff_mem)(C.calloc(1, C.sizeof_cairn_tiff_mem))
	if mem == nil {
		return nil, fmt.Errorf("libtiff: out of memory")
	}
	defer C.free(unsafe.Pointer(mem))
	// libtiff reads from a C copy: Go memory must not be kept by C between calls.
	mem.data = (*C.uchar)(C.CBytes(data))
	defer C.free(unsafe.Pointer(mem.data))
	mem.size = C.toff_t(len(data))

	tif := C.cairn_tiff_open(mem)
	if tif == nil {
		return nil, fmt.Errorf("%w: libtiff: %s", ErrCorrupt, C.GoString(&mem.err[0]))
	}
	defer C.TIFFClose(tif)

	var w, h C.uint32_t
	C.cairn_tiff_size_of(tif, &w, &h)
	if err := checkPixels(int(w), int(h)); err != nil {
		return nil, err
	}
	var why [1024]C.char
	if C.TIFFRGBAImageOK(tif, &why[0]) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrUnsupported, C.GoString(&why[0]))
	}
	img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	// The raster is 32-bit ABGR words, which on little-endian machines are R, G, B, A bytes with
	// premultiplied alpha: image.RGBA's layout. Asking for the file's own orientation keeps the stored order.
	raster := (*C.uint32_t)(unsafe.Pointer(&img.Pix[0]))
	if C.TIFFReadRGBAImageOriented(tif, w, h, raster, C.int(C.cairn_tiff_orientation(tif)), 0) == 0 {
		return nil, fmt.Errorf("%w: libtiff: %s", ErrCorrupt, C.GoString(&mem.err[0]))
	}
	return img, nil
}
