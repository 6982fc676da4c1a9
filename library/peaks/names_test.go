package peaks_test

import (
	"testing"

	"github.com/cairn-photos/cairn/library/peaks"
)

func bundledNames(t *testing.T) *peaks.Names {
	t.Helper()
	c, err := peaks.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	n, err := peaks.NewNames(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

func TestLookupNamesPeaks(t *testing.T) {
	n := bundledNames(t)
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ama Dablam", []string{"ama_dablam"}},
		{"amadablam", []string{"ama_dablam"}},
		{"AMA DABLAM", []string{"ama_dablam"}},
		{"ama dablem", []string{"ama_dablam"}}, // misspelt
		{"pumo ri", []string{"pumori"}},
		{"Sagarmatha", []string{"everest"}},
		{"everest", []string{"everest"}},
		{"Lhotse", []string{"lhotse"}},
		{"prayer flags", nil},
		{"sunset", nil},
		{"ab", nil},
	} {
		got, err := n.Lookup(tc.text)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, m := range got {
			ids = append(ids, m.PeakID)
		}
		if len(ids) != len(tc.want) || (len(ids) > 0 && ids[0] != tc.want[0]) {
			t.Errorf("Lookup(%q) = %v, want %v", tc.text, ids, tc.want)
		}
	}
}

func TestSuggestCompletesNames(t *testing.T) {
	n := bundledNames(t)
	got, err := n.Suggest("ama d", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0].PeakID != "ama_dablam" {
		t.Fatalf("Suggest(ama d) = %+v, want Ama Dablam first", got)
	}
	got, err = n.Suggest("Lho", 10)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, m := range got {
		seen[m.PeakID] = true
	}
	if !seen["lhotse"] || !seen["lhotse_shar"] {
		t.Fatalf("Suggest(Lho) = %+v, want Lhotse and Lhotse Shar", got)
	}
}
