package clocale

import "testing"

func TestIsC(t *testing.T) {
	for locale, want := range map[string]bool{
		"C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true,
		"C": false, "POSIX": false, "": false, "en_GB.UTF-8": false, "de_DE": false, "Ca.UTF-8": false,
	} {
		if got := isC(locale); got != want {
			t.Errorf("isC(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestEffective(t *testing.T) {
	env := map[string]string{"LANG": "C.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}
	if got := effective(func(k string) string { return env[k] }); got != "de_DE.UTF-8" {
		t.Errorf("effective = %q, want LC_MESSAGES over LANG", got)
	}
	env["LC_ALL"] = "C.UTF-8"
	if got := effective(func(k string) string { return env[k] }); got != "C.UTF-8" {
		t.Errorf("effective = %q, want LC_ALL over the others", got)
	}
}
