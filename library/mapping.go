package library

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/cairn-photos/cairn/index"
)

// The stored parts of a photo's record in the store.
const (
	fieldRecord  = index.PartRecord  // the Photo as JSON
	fieldDerived = index.PartDerived // what the stages derived for later stages (records.go), JSON
)

// photoDocument is the store's record of sp: the facts queries match and filter by, the Photo and the
// derived facts in their JSON forms, and the vector to store with it, if any.
func photoDocument(sp storedPhoto) (index.Doc, error) {
	p := sp.Photo
	rec, err := json.Marshal(p)
	if err != nil {
		return index.Doc{}, fmt.Errorf("encode photo %s: %w", p.Rel, err)
	}
	d := index.Doc{
		ID:     p.ID,
		Name:   strings.ReplaceAll(p.Rel, "/", " "),
		Folder: path.Dir(p.Rel),
		Record: string(rec),
		Vector: sp.vector,
	}
	if sp.Derived.File != nil || sp.Derived.Pixels != nil {
		b, err := json.Marshal(sp.Derived)
		if err != nil {
			return index.Doc{}, fmt.Errorf("encode derived facts of photo %s: %w", p.Rel, err)
		}
		d.Derived = string(b)
	}
	if !p.ShotTime.IsZero() {
		d.LocalTime = p.ShotTime.Local().Format(localLayout)
		if p.ShotTime.HasOffset() {
			d.Instant = p.ShotTime.String()
		}
	}
	if p.GPS != nil {
		d.Location = &[2]float64{p.GPS.Lat, p.GPS.Lon}
	}
	if len(p.PredictedPeaks) > 0 {
		names := make([]string, len(p.PredictedPeaks))
		for i, g := range p.PredictedPeaks {
			d.Peaks = append(d.Peaks, g.ID)
			names[i] = g.Name
		}
		d.PeakNames = strings.Join(names, " ")
	}
	return d, nil
}

// decodeRecord reads a Photo back from its stored record.
func decodeRecord(id, rec string) (Photo, error) {
	var p Photo
	if err := json.Unmarshal([]byte(rec), &p); err != nil {
		return p, fmt.Errorf("decode photo record %s: %w", id, err)
	}
	if p.PredictedPeaks == nil {
		p.PredictedPeaks = []PeakGuess{}
	}
	return p, nil
}
