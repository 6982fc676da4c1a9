package media

/*
#cgo pkg-config: libturbojpeg
#include <stdlib.h>
#include <turbojpeg.h>
*/
import "C"

import (
	"fmt"
	"image"
	"unsafe"
)

// decodeJPEGTurbo decodes a JPEG with libjpeg-turbo at the smallest DCT scaling factor (1/8 … 1) whose output
// still has a shorter side of at least minShortSide, so a 12 MP photo wanted at 224 px decodes only 1/64 of
// its pixels. minShortSide <= 0 decodes at full size. The result is not yet oriented.
func decodeJPEGTurbo(data []byte, minShortSide int) (*image.RGBA, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty jpeg", ErrCorrupt)
	}
	h := C.tjInitDecompress()
	if h == nil {
		return nil, fmt.Errorf("turbojpeg init: %s", C.GoString(C.tjGetErrorStr2(nil)))
	}
	defer C.tjDestroy(h)

	src := (*C.uchar)(unsafe.Pointer(&data[0]))
	var width, height, subsamp, colorspace C.int
	if C.tjDecompressHeader3(h, src, C.ulong(len(data)), &width, &height, &subsamp, &colorspace) != 0 {
		return nil, fmt.Errorf("%w: turbojpeg header: %s", ErrCorrupt, C.GoString(C.tjGetErrorStr2(h)))
	}
	if err := checkPixels(int(width), int(height)); err != nil {
		return nil, err
	}
	w, ht := scaledSize(int(width), int(height), minShortSide)
	img := image.NewRGBA(image.Rect(0, 0, w, ht))
	dst := (*C.uchar)(unsafe.Pointer(&img.Pix[0]))
	if C.tjDecompress2(h, src, C.ulong(len(data)), dst, C.int(w), C.int(img.Stride), C.int(ht), C.TJPF_RGBA, 0) != 0 {
		// A warning (for instance a truncated scan) still leaves a usable, partly grey picture, as browsers
		// show it. Only fatal errors fail.
		if C.tjGetErrorCode(h) != C.TJERR_WARNING {
			return nil, fmt.Errorf("%w: turbojpeg decode: %s", ErrCorrupt, C.GoString(C.tjGetErrorStr2(h)))
		}
	}
	return img, nil
}

// scaledSize picks the smallest libjpeg-turbo scaling factor whose output keeps the shorter side at or above
// minShortSide and returns the output size (TJSCALED rounds up).
func scaledSize(width, height, minShortSide int) (int, int) {
	if minShortSide <= 0 {
		return width, height
	}
	var n C.int
	factors := unsafe.Slice(C.tjGetScalingFactors(&n), int(n))
	bestW, bestH := width, height
	for _, f := range factors {
		num, den := int(f.num), int(f.denom)
		if num > den { // only ever reduce
			continue
		}
		w := (width*num + den - 1) / den
		h := (height*num + den - 1) / den
		if min(w, h) >= minShortSide && w*h < bestW*bestH {
			bestW, bestH = w, h
		}
	}
	return bestW, bestH
}
