package library

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/char/regexp"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names of the photo documents in the metadata index.
const (
	fieldName      = "name"       // album-relative path, split into words: file and folder search
	fieldFolder    = "folder"     // album-relative folder, exact
	fieldShotTime  = "shot_time"  // the instant, when the offset is known
	fieldLocalTime = "local_time" // wall clock in the photo's own offset, for date filters
	fieldLocation  = "location"   // geo point
	fieldPeaks     = "peaks"      // predicted peak ids, exact
	fieldPeakNames = "peak_names" // predicted peak names, words
	fieldRecord    = "record"     // the Photo as JSON, stored only
	fieldDerived   = "derived"    // what the stages derived for later stages (records.go), JSON, stored only
)

const (
	pathAnalyzer   = "cairn_path"
	pathSeparators = "cairn_path_separators"
)

// photoMapping is the Bleve mapping of photo documents.
func photoMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	// File names join words with dots, dashes and underscores ("IMG_2335.HEIC", "ama-dablam.jpg"), which the
	// unicode tokenizer keeps together; they are spaces here, in documents and queries alike.
	err := im.AddCustomCharFilter(pathSeparators, map[string]any{
		"type":    regexp.Name,
		"regexp":  `[._\-/\\]+`,
		"replace": " ",
	})
	if err != nil {
		return nil, fmt.Errorf("photo mapping: %w", err)
	}
	err = im.AddCustomAnalyzer(pathAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{pathSeparators},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	})
	if err != nil {
		return nil, fmt.Errorf("photo mapping: %w", err)
	}
	text := func(analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldName, text(pathAnalyzer))
	dm.AddFieldMappingsAt(fieldFolder, text(keyword.Name))
	shot := bleve.NewDateTimeFieldMapping()
	shot.Store = false
	dm.AddFieldMappingsAt(fieldShotTime, shot)
	dm.AddFieldMappingsAt(fieldLocalTime, text(keyword.Name))
	loc := bleve.NewGeoPointFieldMapping()
	loc.Store = false
	dm.AddFieldMappingsAt(fieldLocation, loc)
	dm.AddFieldMappingsAt(fieldPeaks, text(keyword.Name))
	dm.AddFieldMappingsAt(fieldPeakNames, text("standard"))
	rec := bleve.NewTextFieldMapping()
	rec.Index = false
	rec.Store = true
	rec.IncludeInAll = false
	rec.DocValues = false
	rec.IncludeTermVectors = false
	dm.AddFieldMappingsAt(fieldRecord, rec)
	dm.AddFieldMappingsAt(fieldDerived, rec)
	im.DefaultMapping = dm
	im.DefaultAnalyzer = "standard"
	return im, nil
}

// photoDocument is the Bleve document of sp.
func photoDocument(sp storedPhoto) (map[string]any, error) {
	p := sp.Photo
	rec, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode photo %s: %w", p.Rel, err)
	}
	doc := map[string]any{
		fieldName:   strings.ReplaceAll(p.Rel, "/", " "),
		fieldFolder: path.Dir(p.Rel),
		fieldRecord: string(rec),
	}
	if sp.Derived.File != nil || sp.Derived.Pixels != nil {
		d, err := json.Marshal(sp.Derived)
		if err != nil {
			return nil, fmt.Errorf("encode derived facts of photo %s: %w", p.Rel, err)
		}
		doc[fieldDerived] = string(d)
	}
	if !p.ShotTime.IsZero() {
		doc[fieldLocalTime] = p.ShotTime.Local().Format(localLayout)
		if p.ShotTime.HasOffset() {
			doc[fieldShotTime] = p.ShotTime.String()
		}
	}
	if p.GPS != nil {
		doc[fieldLocation] = map[string]any{"lat": p.GPS.Lat, "lon": p.GPS.Lon}
	}
	if len(p.PredictedPeaks) > 0 {
		ids := make([]string, len(p.PredictedPeaks))
		names := make([]string, len(p.PredictedPeaks))
		for i, g := range p.PredictedPeaks {
			ids[i], names[i] = g.ID, g.Name
		}
		doc[fieldPeaks] = ids
		doc[fieldPeakNames] = strings.Join(names, " ")
	}
	return doc, nil
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
