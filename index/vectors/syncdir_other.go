//go:build !windows

package vectors

import (
	"errors"
	"syscall"
)

func isUnsupportedSync(err error) bool { return errors.Is(err, syscall.EINVAL) }
