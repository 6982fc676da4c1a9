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

// OpenModel loads the model called name (a name under dataRoot's models/ or a folder). With an empty name it
// loads the default model when it is installed; when it is not, or ONNX Runtime is missing, it returns a nil
// Model and a note saying why, since everything but semantic search works without one.
func OpenModel(dataRoot, name string) (m Model, note string, err error) {
	explicit := name != ""
	if !explicit {
		name = model.DefaultName
	}
	dir, err := model.Resolve(dataRoot, name)
	if err != nil {
		if explicit {
			return nil, "", err
		}
		return nil, fmt.Sprintf("no model installed (%s): semantic search is off; `cairn model fetch` installs one", name), nil
	}
	loaded, err := model.Load(dir, model.Options{})
	if err != nil {
		if explicit || !errors.Is(err, model.ErrUnavailable) {
			return nil, "", fmt.Errorf("load model %s: %w", name, err)
		}
		return nil, fmt.Sprintf("model %s unavailable: %v; semantic search is off", name, err), nil
	}
	return loaded, "", nil
}
