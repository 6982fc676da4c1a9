package hnsw

import (
	"github.com/cairn-photos/cairn/index/quant"
	"github.com/viterin/vek/vek32"
)

// Codes is what Vectors may also offer: an int8 code of each vector (package quant), which the graph
// then scores instead of the floats — a quarter of the memory to read per distance, and distances are
// nearly all of the cost of searching and inserting. Search rescores its candidates with the floats,
// so the results and their scores are the floats'.
type Codes interface {
	// Code returns slot's code and scale (vector ≈ scale·code).
	Code(slot uint32) (code []int8, scale float32)
	// PrefetchCode asks the CPU to start loading slot's code and scale into its cache, without waiting
	// for them (quant.Prefetch), so that scoring several codes overlaps their memory latencies.
	PrefetchCode(slot uint32)
	// CodesReady reports whether every vector has its code; until then the graph uses the floats.
	CodesReady() bool
}

// readyCodes returns the codes if they are ready, else nil; an operation asks once and keeps to the answer.
func (g *Graph) readyCodes() Codes {
	if g.codes != nil && g.codes.CodesReady() {
		return g.codes
	}
	return nil
}

// scorer measures distances (1 − dot) from one point — a query, or a node being inserted or repaired —
// to nodes of the graph, on codes when it has them, else on the floats.
type scorer struct {
	vecs  Vectors
	codes Codes // nil: floats
	f     []float32
	c     []int8
	scale float32
}

// queryScorer scores against q, quantizing it when codes are ready.
func (g *Graph) queryScorer(q []float32) scorer {
	s := scorer{vecs: g.vecs, codes: g.readyCodes(), f: q}
	if s.codes != nil {
		s.c = make([]int8, len(q))
		s.scale = quant.Quantize(s.c, q)
	}
	return s
}

// nodeScorer scores against the stored vector of slot, with codes if codes is not nil.
func (g *Graph) nodeScorer(slot uint32, codes Codes) scorer {
	s := scorer{vecs: g.vecs, codes: codes}
	if codes != nil {
		s.c, s.scale = codes.Code(slot)
	} else {
		s.f = g.vecs.Vector(slot)
	}
	return s
}

// prefetch starts loading the codes of slots into the cache, so that scoring them one after the other
// overlaps their memory latencies instead of waiting for each in turn.
func (s *scorer) prefetch(slots []uint32) {
	if s.codes == nil {
		return
	}
	for _, slot := range slots {
		s.codes.PrefetchCode(slot)
	}
}

func (s *scorer) dist(slot uint32) float32 {
	if s.codes != nil {
		c, scale := s.codes.Code(slot)
		return 1 - s.scale*scale*float32(quant.Dot(s.c, c))
	}
	return 1 - vek32.Dot(s.f, s.vecs.Vector(slot))
}
