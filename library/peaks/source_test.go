package peaks

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestChecksCatchScrapedListErrors feeds the raw scraped peak list (nhpp-khumbu-subset.csv) through the
// loader as a user catalog: the checks must flag its known faults, each at its line.
func TestChecksCatchScrapedListErrors(t *testing.T) {
	dir := testenv.SharedDir(t, "peaks")
	f, err := os.Open(filepath.Join(dir, "nhpp-khumbu-subset.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// One peak per line from line 3 on, its id the source's own (lower-cased), so line n holds row n-2.
	var b strings.Builder
	b.WriteString("region: {name: Khumbu, south: 27.6, west: 86.4, north: 28.2, east: 87.3}\npeaks:\n")
	nonID := regexp.MustCompile(`[^a-z0-9]+`)
	for _, r := range records[1:] {
		elev := ""
		if r[6] != "" {
			elev = ", elevation_m: " + r[6]
		}
		fmt.Fprintf(&b, "  - {id: %s, name: %q, lat: %s, lon: %s%s}\n", nonID.ReplaceAllString(strings.ToLower(r[0]), "_"), r[2], r[4], r[5], elev)
	}
	_, err = Load(strings.NewReader(b.String()), "nhpp.yaml")
	if err == nil {
		t.Fatal("the scraped list passed every check")
	}
	msg := err.Error()
	for _, want := range []string{
		"gurk stands 0 m from gyac",       // Gurkarpo Ri given Gyachung Kang's coordinates
		"maka stands 0 m from mak1",       // Makalu listed twice
		"chun stands 29 m from chum",      // Chumbu North on top of Chumbu
		"peaks[110].elevation_m: missing", // Amphu Gyabjen, the first row without an elevation
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
	t.Logf("%d problems found in the scraped list", strings.Count(msg, "\n")+1)
}
