package library

import (
	"context"
	"encoding/json"
	"fmt"
)

// storedPhoto is a photo as the stores keep it: its record, and what the stages derived for the stages that
// run without the album file.
type storedPhoto struct {
	Photo
	Derived derived
	vector  []float32 // the vector to store with it; nil leaves the stored one as it is
}

// derived is what the pipeline keeps of a photo beside its record (which is the CLI's JSON contract).
type derived struct {
	// File is where the file itself says the photo was taken; place chooses the photo's position from it
	// (and, later, from sidecars and tracks), so place can run again without the file.
	File *filePlace `json:"file,omitempty"`
	// Pixels holds what decode derived from the pixels, by product name (pixels.go).
	Pixels map[string]json.RawMessage `json:"pixels,omitempty"`
}

// filePlace is the position a photo file (or its sidecar) records.
type filePlace struct {
	GPS      *LatLon  `json:"gps,omitempty"`
	Source   string   `json:"source,omitempty"` // exif or xmp
	Altitude *float64 `json:"altitude,omitempty"`
}

// storedFields are the stored fields of a photo document that make a storedPhoto.
var storedFields = []string{fieldRecord, fieldDerived}

// decodeStored reads a storedPhoto back from its stored fields. Records stored before the pipeline kept
// derived facts have none: their stages after decode work from the record alone.
func decodeStored(id string, fields map[string]string) (storedPhoto, error) {
	p, err := decodeRecord(id, fields[fieldRecord])
	if err != nil {
		return storedPhoto{}, err
	}
	sp := storedPhoto{Photo: p}
	if d := fields[fieldDerived]; d != "" {
		if err := json.Unmarshal([]byte(d), &sp.Derived); err != nil {
			return sp, fmt.Errorf("decode derived facts of photo %s: %w", id, err)
		}
	}
	return sp, nil
}

// eachStored calls fn with every stored photo, in id order. A record that cannot be decoded is left out: the
// next scan reads its photo again.
func (l *Library) eachStored(ctx context.Context, fn func(storedPhoto) error) error {
	return l.store.Each(storedFields, func(id string, fields map[string]string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		sp, err := decodeStored(id, fields)
		if err != nil {
			return nil
		}
		return fn(sp)
	})
}

// loadStored reads the stored photos of ids; ids not in the library, or whose record cannot be decoded, are
// left out.
func (l *Library) loadStored(ids []string) (map[string]storedPhoto, error) {
	docs, err := l.store.Stored(storedFields, ids...)
	if err != nil {
		return nil, err
	}
	out := make(map[string]storedPhoto, len(docs))
	for id, fields := range docs {
		if sp, err := decodeStored(id, fields); err == nil {
			out[id] = sp
		}
	}
	return out, nil
}
