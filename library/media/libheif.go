package media

/*
#cgo pkg-config: libheif
#include <stdlib.h>
#include <libheif/heif.h>

// libheif wants heif_init before first use (it registers its decoders); doing it when the program loads, while
// only one thread runs, keeps that out of the concurrent decode path and out of Go state.
__attribute__((constructor)) static void cairn_heif_init(void) { heif_init(NULL); }
*/
import "C"

import (
	"fmt"
	"image"
	"runtime"
	"unsafe"
)

// decodeHEIF decodes a HEIC or AVIF file's primary image; AVIF only when this libheif has an AV1 decoder.
func decodeHEIF(data []byte, f Format, minShortSide int) (*image.NRGBA, error) {
	if f == FormatAVIF && !heifDecodesAV1() {
		return nil, fmt.Errorf("%w: AVIF (this libheif has no AV1 decoder)", ErrUnsupported)
	}
	return decodeHEIC(data, minShortSide)
}

// heifDecodesAV1 reports whether this libheif was built with an AV1 decoder (dav1d or libaom).
func heifDecodesAV1() bool {
	return C.heif_have_decoder_for_format(C.heif_compression_AV1) != 0
}

// decodeHEIC decodes a HEIC file's primary image with libheif. When the file embeds a thumbnail whose shorter
// side is at least minShortSide it decodes that instead, which is many times cheaper than the full grid of
// tiles. libheif applies the HEIF transformations (irot, imir, clap), so the result is already upright and
// EXIF Orientation must not be applied again.
func decodeHEIC(data []byte, minShortSide int) (*image.NRGBA, error) {
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: empty heic", ErrCorrupt)
	}
	ctx := C.heif_context_alloc()
	if ctx == nil {
		return nil, fmt.Errorf("libheif: cannot allocate context")
	}
	defer C.heif_context_free(ctx)

	// libheif keeps pointing into data while the context lives; pin it so that is allowed.
	var pin runtime.Pinner
	pin.Pin(&data[0])
	defer pin.Unpin()
	if err := heifErr(C.heif_context_read_from_memory_without_copy(ctx, unsafe.Pointer(&data[0]), C.size_t(len(data)), nil)); err != nil {
		return nil, fmt.Errorf("%w: libheif read: %v", ErrCorrupt, err)
	}

	var primary *C.struct_heif_image_handle
	if err := heifErr(C.heif_context_get_primary_image_handle(ctx, &primary)); err != nil {
		return nil, fmt.Errorf("%w: libheif primary image: %v", ErrCorrupt, err)
	}
	defer C.heif_image_handle_release(primary)
	if err := checkPixels(int(C.heif_image_handle_get_ispe_width(primary)), int(C.heif_image_handle_get_ispe_height(primary))); err != nil {
		return nil, err
	}

	handle := primary
	if thumb := pickThumbnail(primary, minShortSide); thumb != nil {
		defer C.heif_image_handle_release(thumb)
		handle = thumb
	}
	return decodeHandle(handle)
}

// pickThumbnail returns the smallest embedded thumbnail whose shorter side is at least minShortSide, or nil.
// The caller releases it.
func pickThumbnail(primary *C.struct_heif_image_handle, minShortSide int) *C.struct_heif_image_handle {
	n := int(C.heif_image_handle_get_number_of_thumbnails(primary))
	if n <= 0 || minShortSide <= 0 {
		return nil
	}
	ids := make([]C.heif_item_id, n)
	n = int(C.heif_image_handle_get_list_of_thumbnail_IDs(primary, &ids[0], C.int(n)))
	var best *C.struct_heif_image_handle
	bestPixels := 0
	for _, id := range ids[:n] {
		var thumb *C.struct_heif_image_handle
		if heifErr(C.heif_image_handle_get_thumbnail(primary, id, &thumb)) != nil {
			continue
		}
		w, h := int(C.heif_image_handle_get_width(thumb)), int(C.heif_image_handle_get_height(thumb))
		if min(w, h) >= minShortSide && (best == nil || w*h < bestPixels) {
			if best != nil {
				C.heif_image_handle_release(best)
			}
			best, bestPixels = thumb, w*h
			continue
		}
		C.heif_image_handle_release(thumb)
	}
	return best
}

// decodeHandle decodes one image item to 8-bit RGBA (HDR files are converted) and copies it into Go memory.
func decodeHandle(handle *C.struct_heif_image_handle) (*image.NRGBA, error) {
	opts := C.heif_decoding_options_alloc()
	if opts == nil {
		return nil, fmt.Errorf("libheif: cannot allocate decoding options")
	}
	defer C.heif_decoding_options_free(opts)
	opts.convert_hdr_to_8bit = 1

	var img *C.struct_heif_image
	if err := heifErr(C.heif_decode_image(handle, &img, C.heif_colorspace_RGB, C.heif_chroma_interleaved_RGBA, opts)); err != nil {
		return nil, fmt.Errorf("%w: libheif decode: %v", ErrCorrupt, err)
	}
	defer C.heif_image_release(img)

	w := int(C.heif_image_get_width(img, C.heif_channel_interleaved))
	h := int(C.heif_image_get_height(img, C.heif_channel_interleaved))
	var stride C.int
	plane := C.heif_image_get_plane_readonly(img, C.heif_channel_interleaved, &stride)
	if plane == nil || w <= 0 || h <= 0 || int(stride) < 4*w {
		return nil, fmt.Errorf("%w: libheif returned no RGBA plane", ErrCorrupt)
	}
	src := unsafe.Slice((*byte)(unsafe.Pointer(plane)), int(stride)*(h-1)+4*w)
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+4*w], src[y*int(stride):])
	}
	return out, nil
}

// heifErr turns a libheif status into a Go error (nil for heif_error_Ok).
func heifErr(e C.struct_heif_error) error {
	if e.code == C.heif_error_Ok {
		return nil
	}
	return fmt.Errorf("%s (code %d.%d)", C.GoString(e.message), int(e.code), int(e.subcode))
}
