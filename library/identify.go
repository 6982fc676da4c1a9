package library

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"sync"

	"github.com/cairn-photos/cairn/library/model"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// predictionsN bounds the predicted peaks a scanned photo keeps: every visible peak in its frame, as the labels
// of the photo, but not the whole range seen through a fisheye.
const predictionsN = 40

// identifyN is how many peaks Identify ranks for one photo.
const identifyN = 10

// Identifier names the peaks in photos: from where the camera stood and which way it faced, and, with a model,
// from how much the photo looks like each peak's prototype. It needs no library, so a photo from anywhere can
// be identified. It is safe for concurrent use.
type Identifier struct {
	catalog  *peaks.Catalog
	embedder Embedder     // nil: geometry only
	terrain  *terrain.DEM // nil: no terrain, peaks hide one another as cones

	summitsOnce sync.Once
	onTerrain   *peaks.Catalog // the catalog with its summits on the terrain's (see summitsOnTerrain)

	once   sync.Once
	protos map[string][]float32 // peak id → prototype vector
	err    error
}

// NewIdentifier identifies with catalog, the elevation model dem and, when e is not nil, the model e.
func NewIdentifier(catalog *peaks.Catalog, e Embedder, dem *terrain.DEM) *Identifier {
	return &Identifier{catalog: catalog, embedder: e, terrain: dem}
}

// Identified is a photo read for identification and the peaks it shows, best first.
type Identified struct {
	Photo  Photo
	Vector []float32 // nil without a model
	Peaks  []peaks.Prediction
	// Hidden are the catalog peaks in the frame that terrain hides, each saying by what.
	Hidden []peaks.Prediction
}

// WhyNoPeak says why a photo named no peak.
func (id Identified) WhyNoPeak() string {
	switch {
	case id.Photo.GPS != nil:
		return "no catalog peak is in view from where it was taken"
	case id.Vector != nil:
		return "it has no GPS position and looks like no catalog peak in particular"
	default:
		return "it has no GPS position and no model is installed to judge its looks"
	}
}

// Identify reads the photo file at path and names its peaks, through the same stages as a scan.
func (n *Identifier) Identify(path string) (Identified, error) {
	var out Identified
	data, err := readFileLimited(path, maxFileSize)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	abs, _ := filepath.Abs(path)
	sp, img, err := fileStages(candidate{rel: filepath.Base(path), abs: abs, size: int64(len(data))}, data, n.embedder)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	out.Photo = sp.Photo
	if n.embedder != nil {
		if out.Vector, err = n.embed(img); err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out.Photo.Embedded = true
	}
	res, err := n.identifyStage(identifyInput{photo: out.Photo, vector: out.Vector, pixels: sp.Derived.Pixels}, identifyN)
	if err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	res.apply(&out.Photo)
	out.Peaks, out.Hidden = res.peaks, res.hidden
	return out, nil
}

func (n *Identifier) embed(img image.Image) ([]float32, error) {
	vecs, err := n.embedder.EmbedImages([]image.Image{img})
	if err != nil {
		return nil, fmt.Errorf("embed: %w", err)
	}
	return vecs[0], nil
}

// predict names the peaks photo p probably shows, at most max, from its camera geometry and, when vec is not
// nil, from its likeness to each peak's prototype; it also returns the peaks in the frame that terrain hides,
// and the view the geometry used (nil without a position).
func (n *Identifier) predict(p Photo, sky *skyline.Profile, vec []float32, max int) (named, hidden []peaks.Prediction, view *ViewInfo, err error) {
	var sims map[string]float32
	if vec != nil {
		protos, err := n.prototypes()
		if err != nil {
			return nil, nil, nil, err
		}
		sims = make(map[string]float32, len(protos))
		for id, proto := range protos {
			sims[id] = dot(vec, proto)
		}
	}
	cam, cat := n.camera(p, sky), n.catalog
	if cam != nil && cam.Ground != nil {
		cat = n.summitsOnTerrain()
	}
	named, hidden = peaks.Identify(cat, cam, sims, max)
	return named, hidden, viewInfo(cam), nil
}

// errNoTextModel is returned when prototypes are asked of a model that has no text tower.
var errNoTextModel = errors.New("the model has no text tower")

// prototypes returns every peak's prototype vector, computed once: the mean of the catalog's prompt ensemble
// minus the anti-concept, blended with the peak's reference photos when it has some.
func (n *Identifier) prototypes() (map[string][]float32, error) {
	n.once.Do(func() {
		m, ok := n.embedder.(Model)
		if !ok {
			n.err = errNoTextModel
			return
		}
		cfg := n.catalog.Prototype
		out := make(map[string][]float32, len(n.catalog.Peaks))
		for _, p := range n.catalog.Peaks {
			text, err := m.Ensemble(n.catalog.PrototypeTemplates(p), p.Name, cfg.AntiConcepts, cfg.AntiWeight)
			if err != nil {
				n.err = fmt.Errorf("prototype of %s: %w", p.ID, err)
				return
			}
			out[p.ID] = text
			if len(p.ReferencePhotos) == 0 {
				continue
			}
			var refs [][]float32
			for _, ref := range p.ReferencePhotos {
				r, err := n.embedFile(ref)
				if err != nil {
					n.err = fmt.Errorf("reference photo of %s: %w", p.ID, err)
					return
				}
				refs = append(refs, r)
			}
			out[p.ID] = model.Blend(text, refs, cfg.Alpha)
		}
		n.protos = out
	})
	return n.protos, n.err
}

// embedFile embeds a photo file that need not be in the album.
func (n *Identifier) embedFile(path string) ([]float32, error) {
	data, err := readFileLimited(path, maxFileSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	_, img, err := decodeFor(data, n.embedder)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return n.embed(img)
}

func dot(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func guesses(preds []peaks.Prediction) []PeakGuess {
	out := make([]PeakGuess, len(preds))
	for i, pr := range preds {
		out[i] = PeakGuess{ID: pr.ID, Name: pr.Name, Score: pr.Score, Source: pr.Source, Explanation: pr.Explanation,
			Visible: pr.Visible, DistanceKm: pr.DistanceKm, X: pr.X, Y: pr.Y}
	}
	return out
}
