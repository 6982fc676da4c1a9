package media

import (
	"encoding/csv"
	"os"
	"testing"
)

// truthRow is one line of an exiftool -n -csv file, by column name.
type truthRow map[string]string

// readTruth loads an exiftool -n -csv file keyed by SourceFile (with any leading "./" removed).
func readTruth(t *testing.T, path string) map[string]truthRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open truth: %v", err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read truth %s: %v", path, err)
	}
	header := records[0]
	rows := map[string]truthRow{}
	for _, rec := range records[1:] {
		row := truthRow{}
		for i, name := range header {
			row[name] = rec[i]
		}
		src := row["SourceFile"]
		if len(src) > 2 && src[:2] == "./" {
			src = src[2:]
		}
		rows[src] = row
	}
	return rows
}
