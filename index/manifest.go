// Package index holds Cairn's stores: the Store a library keeps its records and vectors in (Local: Bleve
// and the vector files of index/vectors), the library manifest and the writer lock. Nothing here knows about
// photos, EXIF or models; Bleve's types stay inside.
package index

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/cairn-photos/cairn/internal/atomicfile"
)

// SchemaVersion changes when the on-disk layout of a library changes incompatibly.
const SchemaVersion = 1

// Manifest describes a library: which album it indexes and how its vectors were made, so that a change of model
// or catalog is noticed on open.
type Manifest struct {
	SchemaVersion int    `json:"schema_version"`
	AlbumPath     string `json:"album_path"`
	ModelName     string `json:"model_name,omitempty"`
	ModelDir      string `json:"model_dir,omitempty"` // where the model was loaded from, to load it again for queries
	VectorDim     int    `json:"vector_dim,omitempty"`
	VectorsDir    string `json:"vectors_dir,omitempty"` // the folder of the vectors, when not "vectors"
	Preprocessing string `json:"preprocessing,omitempty"`
	// Stages maps each pipeline stage to the digest of the inputs every stored photo was derived with (the
	// stage's version, the catalog, the model, …), so a rescan re-runs only what changed. The index does not
	// interpret them.
	Stages        map[string]string `json:"stages,omitempty"`
	CatalogDigest string            `json:"catalog_digest,omitempty"` // kept for libraries made before Stages
	Created       time.Time         `json:"created"`
	LastScan      time.Time         `json:"last_scan,omitempty"`
}

// ManifestFile is the manifest's name inside a library folder.
const ManifestFile = "manifest.json"

// ReadManifest reads dir/manifest.json. A missing manifest returns an error satisfying errors.Is(err, os.ErrNotExist).
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("read manifest %s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.SchemaVersion > SchemaVersion {
		return m, fmt.Errorf("library %s has schema version %d; this Cairn reads up to %d", dir, m.SchemaVersion, SchemaVersion)
	}
	return m, nil
}

// WriteManifest replaces dir/manifest.json atomically.
func WriteManifest(dir string, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode manifest: %w", err)
	}
	// Readable by all (0644), like every file of a library, so another user may read the library.
	return atomicfile.Write(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644)
}
