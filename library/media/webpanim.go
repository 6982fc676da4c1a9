package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"

	"golang.org/x/image/webp"
)

// decodeWebP decodes a WebP; an animated one (VP8X with ANIM and ANMF chunks, which golang.org/x/image/webp
// does not read) by its first frame, placed on the canvas as the animation shows it.
func decodeWebP(data []byte) (*image.RGBA, error) {
	frame, x, y, canvasW, canvasH, animated := firstWebPFrame(data)
	if !animated {
		return decodeStd(webp.DecodeConfig, webp.Decode, data)
	}
	if frame == nil {
		return nil, fmt.Errorf("%w: animated webp without a readable first frame", ErrCorrupt)
	}
	img, err := decodeStd(webp.DecodeConfig, webp.Decode, frame)
	if err != nil {
		return nil, fmt.Errorf("animated webp, first frame: %w", err)
	}
	if img.Rect.Dx() == canvasW && img.Rect.Dy() == canvasH {
		return img, nil
	}
	if err := checkPixels(canvasW, canvasH); err != nil {
		return nil, err
	}
	canvas := image.NewRGBA(image.Rect(0, 0, canvasW, canvasH))
	draw.Draw(canvas, img.Rect.Add(image.Pt(x, y)), img, image.Point{}, draw.Src)
	return canvas, nil
}

// firstWebPFrame finds the first ANMF chunk of an animated WebP and rewraps its image chunks (ALPH, VP8,
// VP8L) as a still WebP. It returns the frame's offset and the canvas size; animated is false for a still.
func firstWebPFrame(data []byte) (frame []byte, x, y, canvasW, canvasH int, animated bool) {
	if len(data) < 30 || string(data[12:16]) != "VP8X" || data[20]&0x02 == 0 { // the animation flag
		return nil, 0, 0, 0, 0, false
	}
	canvasW = int(uint32(data[24])|uint32(data[25])<<8|uint32(data[26])<<16) + 1
	canvasH = int(uint32(data[27])|uint32(data[28])<<8|uint32(data[29])<<16) + 1
	for off := 12; off+8 <= len(data); {
		typ := string(data[off : off+4])
		n := int64(binary.LittleEndian.Uint32(data[off+4:]))
		body := off + 8
		if n > int64(len(data)-body) {
			break
		}
		if typ == "ANMF" && n >= 16 {
			anmf := data[body : body+int(n)]
			x = 2 * int(uint32(anmf[0])|uint32(anmf[1])<<8|uint32(anmf[2])<<16)
			y = 2 * int(uint32(anmf[3])|uint32(anmf[4])<<8|uint32(anmf[5])<<16)
			fw := int(uint32(anmf[6])|uint32(anmf[7])<<8|uint32(anmf[8])<<16) + 1
			fh := int(uint32(anmf[9])|uint32(anmf[10])<<8|uint32(anmf[11])<<16) + 1
			return stillWebP(anmf[16:], fw, fh), x, y, canvasW, canvasH, true
		}
		off = body + int(n) + int(n&1)
	}
	return nil, 0, 0, canvasW, canvasH, true
}

// stillWebP wraps a frame's chunks (ALPH and VP8, or VP8L) in a RIFF container: with alpha it needs a VP8X
// header saying so.
func stillWebP(chunks []byte, w, h int) []byte {
	body := []byte("WEBP")
	if bytes.HasPrefix(chunks, []byte("ALPH")) {
		vp8x := []byte{0x10, 0, 0, 0, // flags: alpha
			byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
		body = append(body, "VP8X"...)
		body = binary.LittleEndian.AppendUint32(body, uint32(len(vp8x)))
		body = append(body, vp8x...)
	}
	body = append(body, chunks...)
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}
