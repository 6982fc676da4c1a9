package cli

import (
	"errors"
	"fmt"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
)

const defaultModelHint = model.DefaultName + " when installed"

// openModel loads the model a command asked for, or the default one when installed; without one the command
// goes on and says so. It returns the model (nil without one), its folder and a function that closes it.
func openModel(env *Env, name string) (library.Model, string, func(), error) {
	m, dir, err := library.OpenModel(env.DataRoot, name)
	if errors.Is(err, library.ErrNoModel) {
		fmt.Fprintln(env.Stderr, err)
		return nil, "", func() {}, nil
	}
	if err != nil {
		return nil, "", func() {}, err
	}
	return m, dir, func() { m.Close() }, nil
}
