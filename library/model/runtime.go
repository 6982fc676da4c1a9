package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// ErrUnavailable marks errors that mean semantic search cannot run here: ONNX Runtime or the model files
// are missing or unreadable. The rest of Cairn keeps working; test with errors.Is(err, ErrUnavailable).
var ErrUnavailable = errors.New("image-text model unavailable")

// ortRuntime is ONNX Runtime's process-wide environment, started once. The first successful start fixes the
// shared library for the life of the process.
type ortRuntime struct {
	once   sync.Once
	path   string
	err    error
	search []string // where to look instead of libraryCandidates; tests set it
}

// processRuntime is the one ONNX Runtime environment of this process: ORT allows only one.
var processRuntime = &ortRuntime{}

// start loads the shared library, trying explicit first, then the usual places; it runs once.
func (r *ortRuntime) start(explicit string) (string, error) {
	r.once.Do(func() {
		if ort.IsInitialized() {
			r.path = "(already initialised)"
			return
		}
		candidates := r.search
		if candidates == nil {
			candidates = libraryCandidates(explicit)
		}
		var failures []string
		for _, c := range candidates {
			if filepath.IsAbs(c) {
				if _, err := os.Stat(c); err != nil {
					failures = append(failures, c+": not found")
					continue
				}
			}
			ort.SetSharedLibraryPath(c)
			err := ort.InitializeEnvironment(ort.WithLogLevelError())
			if err == nil {
				r.path = c
				return
			}
			failures = append(failures, fmt.Sprintf("%s: %v", c, err))
		}
		r.err = fmt.Errorf("%w: ONNX Runtime shared library not loaded (set CAIRN_ONNXRUNTIME or run scripts/setup.sh); tried %s",
			ErrUnavailable, strings.Join(failures, "; "))
	})
	return r.path, r.err
}

// libraryCandidates lists where to look: the explicit path, $CAIRN_ONNXRUNTIME, beside the executable,
// the usual system directories, then the bare name for the dynamic loader's own search.
func libraryCandidates(explicit string) []string {
	name := "libonnxruntime.so.1"
	switch runtime.GOOS {
	case "windows":
		name = "onnxruntime.dll"
	case "darwin":
		name = "libonnxruntime.dylib"
	}
	var out []string
	if explicit != "" {
		out = append(out, explicit)
	}
	if env := os.Getenv("CAIRN_ONNXRUNTIME"); env != "" {
		out = append(out, env)
	}
	if exe, err := os.Executable(); err == nil {
		out = append(out, filepath.Join(filepath.Dir(exe), name))
	}
	switch runtime.GOOS {
	case "linux":
		out = append(out, "/usr/local/lib/libonnxruntime.so.1", "/usr/lib/libonnxruntime.so.1")
	case "darwin":
		out = append(out, "/usr/local/lib/libonnxruntime.dylib", "/opt/homebrew/lib/libonnxruntime.dylib")
	}
	return append(out, name)
}
