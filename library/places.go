package library

import "time"

// Place is where and when a photo was taken, for the map.
type Place struct {
	ID       string
	Lat, Lon float64
	Time     time.Time // wall clock in the photo's own offset; zero when unknown
	Heading  float64   // degrees from true north; NaN when unknown
	Focal    float64   // 35 mm equivalent focal length; 0 when unknown
}

// Places returns the positions of the matches that have one, read from the photo table without loading a
// single record, so the map can show every match of a 100,000-photo library.
func (l *Library) Places(matches []Match) ([]Place, error) {
	t, err := l.table()
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make([]Place, 0, len(matches))
	for _, m := range matches {
		i, ok := t.at[m.key]
		if !ok || !t.rows[i].HasGPS {
			continue
		}
		r := &t.rows[i]
		p := Place{ID: m.ID(), Lat: r.Lat, Lon: r.Lon, Heading: float64(r.Heading), Focal: float64(r.Focal)}
		if r.HasTime {
			p.Time = time.Unix(r.Local, 0).UTC()
		}
		out = append(out, p)
	}
	return out, nil
}
