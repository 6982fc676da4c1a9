package cli

import (
	"strings"
	"testing"
)

// TestHelp: help is asked for in the three usual ways and printed to stdout with exit code 0; a command's
// help lists its flags.
func TestHelp(t *testing.T) {
	root := t.TempDir()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"usage:", "cairn [--data DIR] search", "cairn help [COMMAND]"}},
		{[]string{"help", "search"}, []string{"usage: cairn [--data DIR] search", "-near", "-from"}},
		{[]string{"search", "-h"}, []string{"usage: cairn [--data DIR] search", "-near", "-sort"}},
		{[]string{"scan", "--help"}, []string{"usage: cairn [--data DIR] scan ALBUM", "-workers"}},
		{[]string{"photos", "-h"}, []string{"usage: cairn [--data DIR] photos", "-json"}},
		{[]string{"model", "-h"}, []string{"usage: cairn [--data DIR] model list | fetch"}},
		{[]string{"model", "fetch", "-h"}, []string{"usage: cairn [--data DIR] model", "-from"}},
	} {
		code, out, errOut := run(t, root, tc.args...)
		if code != 0 || errOut != "" {
			t.Errorf("cairn %s: exit %d, stderr %q", strings.Join(tc.args, " "), code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("cairn %s prints no %q:\n%s", strings.Join(tc.args, " "), w, out)
			}
		}
	}
	if code, _, errOut := run(t, root, "help", "nonsense"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("cairn help nonsense: exit %d, stderr %q", code, errOut)
	}
}
