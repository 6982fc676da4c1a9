package library

import "context"

// PeakCounts counts the photos in which each peak is predicted (peak id → photos).
func (l *Library) PeakCounts(ctx context.Context) (map[string]int, error) {
	return l.store.PeakCounts()
}
