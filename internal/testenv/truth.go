package testenv

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

// TruthRow is one line of an exiftool -n -csv file, by column name.
type TruthRow map[string]string

// ReadTruth loads an exiftool -n -csv file keyed by SourceFile (any leading "./" removed). Values may hold
// commas and quotes, so it is read as real CSV.
func ReadTruth(t testing.TB, path string) map[string]TruthRow {
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
	rows := map[string]TruthRow{}
	header := records[0]
	for _, rec := range records[1:] {
		row := TruthRow{}
		for i, name := range header {
			row[name] = rec[i]
		}
		rows[strings.TrimPrefix(row["SourceFile"], "./")] = row
	}
	return rows
}
