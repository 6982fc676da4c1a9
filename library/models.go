package library

import (
	"errors"
	"fmt"

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
	loaded, err := model.Load(dir, model.Options{})
	if err != nil {
		if explicit || !errors.Is(err, model.ErrUnavailable) {
			return nil, "", fmt.Errorf("load model %s: %w", name, err)
		}
		return nil, "", fmt.Errorf("%w: model %s unavailable: %v", ErrNoModel, name, err)
	}
	return loaded, dir, nil
}
