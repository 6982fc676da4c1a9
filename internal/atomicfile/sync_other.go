//go:build !windows

package atomicfile

import (
	"errors"
	"syscall"
)

// unsupportedSync tells whether err says the system cannot sync a folder.
func unsupportedSync(err error) bool { return errors.Is(err, syscall.EINVAL) }
