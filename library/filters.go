package library

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cairn-photos/cairn/library/peaks"
)

// ErrDatesReversed is returned by ParseDates for a date range that ends before it starts.
var ErrDatesReversed = errors.New("the date range is reversed")

// ParseDates reads a date range as the window and the command line take it: from and to are each empty or
// a date for ParseDate, to counting to the end of its day, month or year. A range that ends before it starts
// is an error.
func ParseDates(from, to string) (start, end time.Time, err error) {
	if s := strings.TrimSpace(from); s != "" {
		if start, err = ParseDate(s, false); err != nil {
			return start, end, fmt.Errorf("from: %w", err)
		}
	}
	if s := strings.TrimSpace(to); s != "" {
		if end, err = ParseDate(s, true); err != nil {
			return start, end, fmt.Errorf("to: %w", err)
		}
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		return start, end, fmt.Errorf("%w: it ends (%s) before it starts (%s)", ErrDatesReversed, strings.TrimSpace(to), strings.TrimSpace(from))
	}
	return start, end, nil
}

// CatalogPeak is a peak of the catalog with the number of the library's photos predicted to show it.
type CatalogPeak struct {
	peaks.Peak
	Photos int
}

// CatalogPeaks lists the peaks of catalog, in its order, with their photo counts in lib; lib may be nil
// (no album scanned yet), and the counts are then 0.
func CatalogPeaks(ctx context.Context, catalog *peaks.Catalog, lib *Library) ([]CatalogPeak, error) {
	counts := map[string]int{}
	if lib != nil {
		var err error
		if counts, err = lib.PeakCounts(ctx); err != nil {
			return nil, err
		}
	}
	out := make([]CatalogPeak, len(catalog.Peaks))
	for i, p := range catalog.Peaks {
		out[i] = CatalogPeak{Peak: p, Photos: counts[p.ID]}
	}
	return out, nil
}
