package skyline

// The second pass learns this photo's own colours of sky and of the terrain along the skyline from the first
// pass's boundary, as two coarse RGB histograms, and blends the posterior "this colour is sky here" into the
// generic skyness. It separates what generic rules cannot: hazy blue ridges under a pale sky, a grey sky over
// grey rock.
const (
	binsPerChannel = 8
	groundBand     = 6 // rows below the boundary sampled as terrain: 1/groundBand of the height
	learnedWeight  = 0.5
)

func colourBin(p planes, i int) int {
	q := func(v float32) int { return min(max(int(v*binsPerChannel), 0), binsPerChannel-1) }
	return (q(p.r[i])*binsPerChannel+q(p.g[i]))*binsPerChannel + q(p.b[i])
}

// refine blends the learned colour posterior into skyAbove and skyBelow, in place.
func refine(px planes, rows []int, skyAbove, skyBelow []float32) {
	w, h := px.w, px.h
	const n = binsPerChannel * binsPerChannel * binsPerChannel
	var sky, ground [n]float32
	var skyTotal, groundTotal float32
	band := max(h/groundBand, 2)
	for x, b := range rows {
		for y := range b {
			i := y*w + x
			sky[colourBin(px, i)] += skyAbove[i]
			skyTotal += skyAbove[i]
		}
		for y := b; y < min(b+band, h); y++ {
			ground[colourBin(px, y*w+x)]++
			groundTotal++
		}
	}
	if skyTotal < float32(w) || groundTotal < float32(w) {
		return // too little of either to learn from
	}
	var post [n]float32
	for c := range n {
		s := (sky[c] + 0.5) / skyTotal
		g := (ground[c] + 0.5) / groundTotal
		post[c] = s / (s + g)
	}
	for i := range skyAbove {
		p := post[colourBin(px, i)]
		skyAbove[i] = (1-learnedWeight)*skyAbove[i] + learnedWeight*min(p, skyAbove[i]+0.5)
		skyBelow[i] = (1-learnedWeight)*skyBelow[i] + learnedWeight*min(p, skyBelow[i]+0.5)
	}
}
