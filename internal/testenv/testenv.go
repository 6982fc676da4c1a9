// Package testenv finds the shared test data that lives beside the checkout (../shared/testdata).
// Tests that need it skip with a clear message when it is absent, so `make test` passes on a user's machine.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDir returns ../shared/testdata/<sub...> (or $CAIRN_SHARED/testdata/<sub...>), skipping the test
// when it does not exist.
func SharedDir(t testing.TB, sub ...string) string {
	t.Helper()
	dir := SharedPath(sub...)
	if dir == "" {
		t.Skipf("shared test data %s not found: put ../shared/testdata beside the checkout or set CAIRN_SHARED",
			filepath.Join(sub...))
	}
	return dir
}

// sharedRoot looks for $CAIRN_SHARED, then for a folder named shared beside the module root.
func sharedRoot() string {
	if env := os.Getenv("CAIRN_SHARED"); env != "" {
		if _, err := os.Stat(filepath.Join(env, "testdata")); err == nil {
			return env
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			cand := filepath.Join(filepath.Dir(dir), "shared")
			if _, err := os.Stat(filepath.Join(cand, "testdata")); err == nil {
				return cand
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// SharedPath returns the shared test data path <sub...>, or "" when it is absent, for tests that use real
// photos when they can and generated ones otherwise.
func SharedPath(sub ...string) string {
	root := sharedRoot()
	if root == "" {
		return ""
	}
	dir := filepath.Join(append([]string{root, "testdata"}, sub...)...)
	if _, err := os.Stat(dir); err != nil {
		return ""
	}
	return dir
}

// SkipUnderRace skips a test that the race detector would make too slow or too large to run, and that tells
// nothing about races: `make test` runs it in the plain build as well. why says what makes it so.
func SkipUnderRace(t testing.TB, why string) {
	t.Helper()
	if Race {
		t.Skipf("skipped under the race detector (%s); the plain test run covers it", why)
	}
}
