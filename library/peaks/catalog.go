// Package peaks knows the mountains: the peak catalog and its checks, the view geometry from a camera's
// position and heading, and the prediction of which peaks a photo shows (geometry fused with the
// image–text model's visual similarities when there is one).
package peaks

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
)

// Peak is one summit of the catalog.
type Peak struct {
	ID              string   `json:"id"` // lowercase snake case, e.g. ama_dablam
	Name            string   `json:"name"`
	Aliases         []string `json:"aliases"` // other and local names: Sagarmatha, Chomolungma, Pumo Ri
	Lat             float64  `json:"lat"`
	Lon             float64  `json:"lon"`
	ElevationM      float64  `json:"elevation_m"`
	HimDBID         string   `json:"himdb,omitempty"`            // Himalayan Database peak id, when known
	Prompts         []string `json:"prompts,omitempty"`          // replace the prototype templates for this peak
	ReferencePhotos []string `json:"reference_photos,omitempty"` // relative to the catalog file; LoadFile resolves them
}

// PromptConfig tells the image–text model how to turn names or words into a text vector: the mean of the
// templates (with {name} or {q} filled in) minus AntiWeight times the anti-concepts; for a peak's
// prototype, Alpha is the weight of that text vector against the mean of the reference photos.
type PromptConfig struct {
	Templates    []string `json:"templates"`
	AntiConcepts []string `json:"anti_concepts,omitempty"`
	AntiWeight   float32  `json:"anti_weight"`
	Alpha        float32  `json:"alpha"`
}

// Region is the area one catalog file covers. Every peak of the file must stand inside its bounding box.
type Region struct {
	Name                     string
	South, West, North, East float64
	CameraAltitudeM          float64 // assumed for a photo taken in the region that has no GPS altitude
	Source                   string  // the catalog file it came from
}

// Contains reports whether a point lies inside the region's bounding box.
func (r Region) Contains(lat, lon float64) bool {
	return lat >= r.South && lat <= r.North && lon >= r.West && lon <= r.East
}

// Catalog is the set of peaks Cairn knows, with the prompt configuration for the model.
type Catalog struct {
	Peaks     []Peak
	Prototype PromptConfig // how a peak's prototype vector is made
	Concept   PromptConfig // templates for free-text concept search ({q})
	Regions   []Region     // one per merged catalog file
	Sources   []string     // the files merged, in order
}

// ByID finds a peak by its id.
func (c *Catalog) ByID(id string) (Peak, bool) {
	for _, p := range c.Peaks {
		if p.ID == id {
			return p, true
		}
	}
	return Peak{}, false
}

// PrototypeTemplates are the prompts for one peak's prototype: its own prompts when it has some,
// else the catalog's templates ({name} to be filled with the peak's name).
func (c *Catalog) PrototypeTemplates(p Peak) []string {
	if len(p.Prompts) > 0 {
		return p.Prompts
	}
	return c.Prototype.Templates
}

// Merge adds another catalog's peaks and regions (a user's catalog for another range). A peak id that
// both define is an error. The receiver's prompt configuration wins; it takes other's only where it
// has none.
func (c *Catalog) Merge(other *Catalog) error {
	if other == nil {
		return nil
	}
	for _, p := range other.Peaks {
		if _, dup := c.ByID(p.ID); dup {
			return fmt.Errorf("merge peak catalog %v into %v: peak id %q defined in both", other.Sources, c.Sources, p.ID)
		}
	}
	c.Peaks = append(c.Peaks, other.Peaks...)
	c.Regions = append(c.Regions, other.Regions...)
	c.Sources = append(c.Sources, other.Sources...)
	if len(c.Prototype.Templates) == 0 {
		c.Prototype = other.Prototype
	}
	if len(c.Concept.Templates) == 0 {
		c.Concept = other.Concept
	}
	return nil
}

// Digest is a stable hash of everything that changes predictions or prototypes: the peaks (in id order)
// and the prompt configuration. The library manifest stores it to know when to recompute.
func (c *Catalog) Digest() string {
	peaks := slices.Clone(c.Peaks)
	slices.SortFunc(peaks, func(a, b Peak) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	// JSON of plain structs is deterministic (fields in declaration order), so it is a fine canonical form.
	data, err := json.Marshal(struct {
		Peaks     []Peak
		Prototype PromptConfig
		Concept   PromptConfig
	}{peaks, c.Prototype, c.Concept})
	if err != nil {
		// Only strings, slices and finite numbers here; checked floats are finite.
		return "error:" + err.Error()
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
