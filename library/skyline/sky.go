package skyline

// skyness returns, per pixel, how acceptable the pixel is above the skyline (above) and how much it looks like
// sky where it should be terrain, just below the skyline (below), both 0–1. Clear sky is blue and smooth and
// counts fully in both. Clouds and overcast sky are bright, grey and smooth, but so is snow: such a pixel is
// welcome above the skyline (clouds) and costs only partly below it (snow), and texture (rock showing through
// snow) makes it terrain. The path's edge and continuity terms settle the rest.
// bluestFade is how much the remembered brightness of clear sky fades per row going down (its height is
// about 200 rows): after a band of cloud, the blue sky below it is compared with little of the sky above.
const bluestFade = 0.97

func skyness(p planes) (above, below []float32) {
	w, h := p.w, p.h
	lum := make([]float32, w*h)
	for i := range lum {
		lum[i] = (p.r[i] + p.g[i] + p.b[i]) / 3
	}
	tex := texture(lum, w, h)
	above, below = make([]float32, w*h), make([]float32, w*h)
	// bluest[x], palest[x]: the brightness of the clear blue and of the pale smooth sky last met going down
	// column x, fading with distance. Sky grows paler towards the horizon; blue just below sky and much darker
	// than it is terrain in the haze or in shadow. Pale sky (or cloud) is the reference only for a pixel of
	// moderate blue: deep blue below a cloud is sky.
	bluest, palest := make([]float32, w), make([]float32, w)
	for i := range above {
		r, g, b, l := p.r[i], p.g[i], p.b[i], lum[i]
		sat := max(r, g, b) - min(r, g, b)
		blueSky := smoothstep(0.03, 0.15, b-r) * smoothstep(-0.08, 0.0, b-g) * smoothstep(0.12, 0.3, b)
		x := i % w
		ref := bluest[x]
		if b-r < 0.25 {
			ref = max(ref, palest[x])
		}
		if ref > 0 {
			blueSky *= smoothstep(0.6, 0.8, l/ref)
		}
		bluest[x] *= bluestFade
		palest[x] *= bluestFade
		if tex[i] < 0.02 && b > g {
			if b-r > 0.1 { // clearly blue and smooth: not a cloud's edge
				bluest[x] = max(bluest[x], l)
			} else if l > 0.6 && sat < 0.1 {
				palest[x] = max(palest[x], l)
			}
		}
		pale := smoothstep(0.4, 0.65, l) * (1 - smoothstep(0.06, 0.18, sat))
		smooth := 1 - smoothstep(0.012, 0.05, tex[i])
		softer := 1 - smoothstep(0.02, 0.07, tex[i]) // clouds have soft texture
		above[i] = max(blueSky*smooth, pale*softer)
		below[i] = max(blueSky, 0.8*pale) * smooth
	}
	return above, below
}

// texture is the local mean absolute luminance difference between neighbouring pixels, over a 3×3 window.
func texture(lum []float32, w, h int) []float32 {
	d := make([]float32, w*h)
	for y := range h {
		for x := range w {
			i := y*w + x
			var s float32
			if x+1 < w {
				s += abs(lum[i+1] - lum[i])
			}
			if y+1 < h {
				s += abs(lum[i+w] - lum[i])
			}
			d[i] = s / 2
		}
	}
	return box3(d, w, h)
}

// box3 is a 3×3 mean filter (clamped at the borders).
func box3(in []float32, w, h int) []float32 {
	tmp := make([]float32, w*h)
	for y := range h {
		row := in[y*w : (y+1)*w]
		for x := range w {
			s, n := row[x], float32(1)
			if x > 0 {
				s, n = s+row[x-1], n+1
			}
			if x+1 < w {
				s, n = s+row[x+1], n+1
			}
			tmp[y*w+x] = s / n
		}
	}
	out := make([]float32, w*h)
	for y := range h {
		for x := range w {
			i := y*w + x
			s, n := tmp[i], float32(1)
			if y > 0 {
				s, n = s+tmp[i-w], n+1
			}
			if y+1 < h {
				s, n = s+tmp[i+w], n+1
			}
			out[i] = s / n
		}
	}
	return out
}

func smoothstep(lo, hi, v float32) float32 {
	t := min(max((v-lo)/(hi-lo), 0), 1)
	return t * t * (3 - 2*t)
}

func abs(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
