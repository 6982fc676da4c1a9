package library

import (
	"context"
	"maps"
	"math"
	"slices"
)

// focalFromModel marks a 35 mm focal length worked out from other photos of the same camera (Sources).
const focalFromModel = "camera model"

// inferFocal35 gives a 35 mm equivalent focal length to the photos that have only their lens's focal length,
// from the crop factor of their camera — the median ratio of the two over the same make and model's photos
// that record both — and stores them. It returns the ids it changed, whose peaks must be named again (the
// field of view follows from it).
func (l *Library) inferFocal35(ctx context.Context) ([]string, error) {
	ratios := map[string][]float64{}
	var lacking []storedPhoto
	err := l.eachStored(ctx, func(sp storedPhoto) error {
		switch {
		case sp.FocalLength <= 0:
		case sp.Focal35mm > 0 && sp.Sources["focal_35mm"] != focalFromModel:
			key := cameraKey(sp.Make, sp.Model)
			ratios[key] = append(ratios[key], sp.Focal35mm/sp.FocalLength)
		default:
			lacking = append(lacking, sp)
		}
		return nil
	})
	if err != nil || len(lacking) == 0 {
		return nil, err
	}
	crop := map[string]float64{}
	for key, rs := range ratios {
		slices.Sort(rs)
		crop[key] = rs[len(rs)/2]
	}
	var changed []storedPhoto
	for _, sp := range lacking {
		c, ok := crop[cameraKey(sp.Make, sp.Model)]
		if !ok {
			continue
		}
		f := math.Round(sp.FocalLength * c)
		if f == sp.Focal35mm {
			continue
		}
		sp.Focal35mm = f
		sources := maps.Clone(sp.Sources)
		if sources == nil {
			sources = map[string]string{}
		}
		sources["focal_35mm"] = focalFromModel
		sp.Sources = sources
		changed = append(changed, sp)
	}
	if len(changed) == 0 {
		return nil, nil
	}
	if err := l.writePhotos(changed, nil); err != nil {
		return nil, err
	}
	ids := make([]string, len(changed))
	for i, sp := range changed {
		ids[i] = sp.ID
	}
	return ids, nil
}
