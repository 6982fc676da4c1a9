package cli

import (
	"fmt"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/model"
)

const defaultModelHint = model.DefaultName + " when installed"

// openModel loads the model a command asked for, or the default one when installed; without one the command
// goes on and says so.
func openModel(env *Env, name string) (library.Model, func(), error) {
	m, note, err := library.OpenModel(env.DataRoot, name)
	if err != nil {
		return nil, func() {}, err
	}
	if m == nil {
		fmt.Fprintln(env.Stderr, note)
		return nil, func() {}, nil
	}
	return m, func() { m.Close() }, nil
}
