package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LockFile is the writer lock's name inside a library folder.
const LockFile = "lock"

// ErrLocked is returned when another process holds a library's writer lock.
var ErrLocked = errors.New("library in use")

// Lock is an exclusive, advisory lock on a library folder, held for as long as the process writes to it. The
// operating system releases it when the process dies, so a crash never leaves a library locked.
type Lock struct {
	f *os.File
}

// AcquireLock takes the writer lock of the library in dir. When another process holds it, the error wraps
// ErrLocked and names that process: "library in use by pid N".
func AcquireLock(dir string) (*Lock, error) {
	path := filepath.Join(dir, LockFile)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock library %s: %w", dir, err)
	}
	if err := lockFile(f); err != nil {
		if lockFileShared(f) == nil { // only readers hold it; the pid in the file is an earlier writer's
			unlockFile(f)
			f.Close()
			return nil, fmt.Errorf("%w by a process reading it (%s)", ErrLocked, dir)
		}
		holder := readPID(f)
		f.Close()
		if holder > 0 {
			return nil, fmt.Errorf("%w by pid %d (%s)", ErrLocked, holder, dir)
		}
		return nil, fmt.Errorf("%w (%s): %v", ErrLocked, dir, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// AcquireReadLock takes a shared lock on the library in dir for a process that only reads it: readers may
// share the library with each other but not with a writer. It writes nothing, not even the lock file, so a
// reader needs no write permission; a library without a lock file has had no writer and needs no lock.
func AcquireReadLock(dir string) (*Lock, error) {
	f, err := os.Open(filepath.Join(dir, LockFile))
	if errors.Is(err, os.ErrNotExist) {
		return &Lock{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lock library %s for reading: %w", dir, err)
	}
	if err := lockFileShared(f); err != nil {
		holder := readPID(f)
		f.Close()
		if holder > 0 {
			return nil, fmt.Errorf("%w by pid %d (%s)", ErrLocked, holder, dir)
		}
		return nil, fmt.Errorf("%w (%s): %v", ErrLocked, dir, err)
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	if err != nil {
		return 0
	}
	return pid
}
