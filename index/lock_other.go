//go:build !unix

package index

import "os"

// On systems without flock the lock file's presence is not checked; a second writer is not detected there.
func lockFile(f *os.File) error { return nil }

func unlockFile(f *os.File) {}

func lockFileShared(f *os.File) error { return nil }
