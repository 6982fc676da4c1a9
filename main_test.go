package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoLocaleNoise runs this test binary again — which links Fyne as cairn does — under Debian's default
// locale and checks that initialising it printed nothing: Fyne logs "Error parsing user locale C" for
// LANG=C.UTF-8 unless internal/clocale ran first.
func TestNoLocaleNoise(t *testing.T) {
	if os.Getenv("CAIRN_LOCALE_CHILD") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleNoise$")
	cmd.Env = append(os.Environ(), "CAIRN_LOCALE_CHILD=1", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Fyne error") || strings.Contains(string(out), "locale") {
		t.Errorf("initialising Fyne under LANG=C.UTF-8 printed:\n%s", out)
	}
}
