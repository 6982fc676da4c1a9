package library

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cairn-photos/cairn/library/model"
)

// Model is an image–text model as the library uses it.
type Model interface {
	Embedder
	EmbedTexts(texts []string) ([][]float32, error)
	Ensemble(templates []string, subject string, anti []string, antiWeight float32) ([]float32, error)
	Close() error
}

// ErrNoModel is returned by OpenModel when no model was asked for by name and the default one cannot be used:
// everything but semantic search works without one, so callers say why and go on.
var ErrNoModel = errors.New("semantic search is off")

// OpenModel loads the model called name (a name under dataRoot's models/ or a folder) and returns it with
// the folder it came from. With an empty name it loads the default model; when that is not installed or ONNX
// Runtime is missing, the error wraps ErrNoModel and says why.
func OpenModel(dataRoot, name string) (Model, string, error) {
	explicit := name != ""
	if !explicit {
		name = model.DefaultName
	}
	dir, err := model.Resolve(dataRoot, name)
	if err != nil {
		if explicit {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("%w: no model installed (%s); `cairn model fetch` installs one", ErrNoModel, name)
	}
	loaded, err := model.Load(dir, model.Options{CacheDir: model.CacheDir(dataRoot)})
	if err != nil {
		if explicit || !errors.Is(err, model.ErrUnavailable) {
			return nil, "", fmt.Errorf("load model %s: %w", name, err)
		}
		return nil, "", fmt.Errorf("%w: model %s unavailable: %v", ErrNoModel, name, err)
	}
	return loaded, dir, nil
}

// ModelFor is the one rule for which model the library of album uses: the model its vectors were made
// with, as its manifest records; for a library without one (new, or scanned without a model), preferred
// (a name under the data root's models/ or a folder); without a preference, "" (the default model, when
// installed). A library changes model only through SwitchModel.
func ModelFor(dataRoot, album, preferred string) string {
	if m, err := ReadManifest(dataRoot, album); err == nil && m.ModelDir != "" {
		return m.ModelDir
	}
	return preferred
}

// OpenModelFor loads the model ModelFor names, with the folder it came from. When the library's own model or
// the default one cannot be loaded, the error wraps ErrNoModel: the library works without it, but for
// search by concept. A preferred model that cannot be loaded is an error.
func OpenModelFor(dataRoot, album, preferred string) (Model, string, error) {
	name := ModelFor(dataRoot, album, preferred)
	m, dir, err := OpenModel(dataRoot, name)
	if err != nil && name != preferred && !errors.Is(err, ErrNoModel) {
		return nil, "", fmt.Errorf("%w: the library's model %s: %v", ErrNoModel, name, err)
	}
	return m, dir, err
}

// UsesModel tells whether name (a name under the data root's models/ or a folder) is the model the library
// uses, so asking for it needs no switch.
func (l *Library) UsesModel(name string) bool {
	if l.manifest.ModelDir == "" {
		return false
	}
	dir, err := model.Resolve(l.opt.DataRoot, name)
	if err != nil {
		return false
	}
	a, errA := filepath.Abs(dir)
	b, errB := filepath.Abs(l.manifest.ModelDir)
	return errA == nil && errB == nil && a == b
}
