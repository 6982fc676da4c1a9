package library

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/cairn-photos/cairn/library/gazetteer"
	"github.com/cairn-photos/cairn/library/peaks"
)

// Landmark is a named point people measure from and search by: a peak of the catalog or a place of the
// gazetteer.
type Landmark struct {
	Name     string // as the catalog or the gazetteer writes it
	Lat, Lon float64
	PeakID   string           // the peak's id; "" for a place
	Place    *gazetteer.Place // the place; nil for a peak
}

// Gazetteer is the places a search can name: the bundled gazetteers and those in DATA/places (or
// Options.Places), loaded on first use. When a user's file does not load, the bundled places are used and
// the error says why the user's are missing.
func (l *Library) Gazetteer() (*gazetteer.Gazetteer, error) {
	l.namesMu.Lock()
	defer l.namesMu.Unlock()
	if l.places == nil {
		l.places, l.placesErr = l.opt.Places, nil
		if l.places == nil {
			l.places, l.placesErr = LoadGazetteer(l.opt.DataRoot)
		}
		if l.places == nil {
			var err error
			if l.places, err = gazetteer.Bundled(); err != nil {
				l.places, l.placesErr = &gazetteer.Gazetteer{}, err
			}
		}
	}
	return l.places, l.placesErr
}

// Landmark finds the peak or place text names, in any spelling the search accepts: a name or alias in any
// case, with or without spaces and accents ("amadablam", "Tengboché", "Sagarmatha"), or a typing slip away
// ("ama dablem", "kala pattar"). A name spelled exactly wins over one reached only through a slip; otherwise
// a peak wins over a place (a peak's name finds the photos showing it, not those taken near a place).
func (l *Library) Landmark(text string) (Landmark, bool) {
	var peak *peaks.Peak
	peakExact := false
	if names, err := l.PeakNames(); err == nil {
		if m, err := names.Lookup(text); err == nil && len(m) > 0 {
			if p, ok := l.opt.Catalog.ByID(m[0].PeakID); ok {
				peak, peakExact = &p, peaks.Squash(m[0].Name) == peaks.Squash(text)
			}
		}
	}
	g, _ := l.Gazetteer() // without the user's places, the bundled ones still name theirs
	place, placeOK := g.Lookup(text)
	_, placeExact := g.Exact(text)
	switch {
	case peak != nil && (peakExact || !placeExact):
		return peakLandmark(*peak), true
	case placeOK:
		return placeLandmark(place), true
	}
	return Landmark{}, false
}

func peakLandmark(p peaks.Peak) Landmark {
	return Landmark{Name: p.Name, Lat: p.Lat, Lon: p.Lon, PeakID: p.ID}
}

func placeLandmark(p gazetteer.Place) Landmark {
	return Landmark{Name: p.Name, Lat: p.Lat, Lon: p.Lon, Place: &p}
}

// LandmarksLike lists the landmarks text could mean, to offer as it is typed: the peaks, highest first, then
// the places, each whose name holds text (as Squash sees it), begins like it, or is what Landmark reads it
// as. Empty text lists them all.
func (l *Library) LandmarksLike(text string) []Landmark {
	want := peaks.Squash(text)
	likePeak, likePlace := map[string]bool{}, map[string]bool{}
	if want != "" {
		if names, err := l.PeakNames(); err == nil {
			m, _ := names.Suggest(text, len(l.opt.Catalog.Peaks))
			for _, n := range m {
				likePeak[n.PeakID] = true
			}
		}
		if lm, ok := l.Landmark(text); ok && lm.Place == nil {
			likePeak[lm.PeakID] = true
		} else if ok {
			likePlace[lm.Place.ID] = true
		}
	}
	holds := func(name string, aliases []string) bool {
		for _, n := range append([]string{name}, aliases...) {
			if strings.Contains(peaks.Squash(n), want) {
				return true
			}
		}
		return false
	}
	ps := append([]peaks.Peak(nil), l.opt.Catalog.Peaks...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ElevationM > ps[j].ElevationM })
	var out []Landmark
	for _, p := range ps {
		if likePeak[p.ID] || holds(p.Name, p.Aliases) {
			out = append(out, peakLandmark(p))
		}
	}
	g, _ := l.Gazetteer()
	if want != "" {
		for _, p := range g.Suggest(text, len(g.Places)) {
			likePlace[p.ID] = true
		}
	}
	for _, p := range g.Places {
		if likePlace[p.ID] || holds(p.Name, p.Aliases) {
			out = append(out, placeLandmark(p))
		}
	}
	return out
}

// NameSuggestion is a name to complete what is typed in the search: a peak's or a place's.
type NameSuggestion struct {
	Name  string
	Place bool
}

// SuggestNames offers up to max names that begin like typed: the peaks' (best first), then the places', with
// room kept for two places when there are peaks enough to fill the list.
func (l *Library) SuggestNames(typed string, max int) []NameSuggestion {
	var out []NameSuggestion
	if names, err := l.PeakNames(); err == nil {
		m, _ := names.Suggest(typed, max)
		for _, n := range m {
			out = append(out, NameSuggestion{Name: n.Name})
		}
	}
	g, _ := l.Gazetteer()
	for _, p := range g.Suggest(typed, max-min(len(out), max-2)) {
		out = append(out, NameSuggestion{Name: p.Name, Place: true})
	}
	return out
}

// NearPlace is the filter "within km kilometres of place", where place is a position "LAT,LON" or names a
// peak or a place as Landmark reads it.
func (l *Library) NearPlace(place, km string) (*Circle, error) {
	place, km = strings.TrimSpace(place), strings.TrimSpace(km)
	d, err := strconv.ParseFloat(km, 64)
	if err != nil || !(d > 0) || math.IsInf(d, 0) {
		return nil, fmt.Errorf("within %q km of %s: want a distance of more than 0 km", km, place)
	}
	if v, err := parseFloats(place, 2); err == nil {
		if err := checkLatLon(v[0], v[1]); err != nil {
			return nil, fmt.Errorf("within %s km of %s: %w", km, place, err)
		}
		return &Circle{Lat: v[0], Lon: v[1], KM: d}, nil
	}
	lm, ok := l.Landmark(place)
	if !ok {
		return nil, fmt.Errorf("within %s km of %s: no peak or place of that name (want a name or LAT,LON)", km, place)
	}
	return &Circle{Lat: lm.Lat, Lon: lm.Lon, KM: d}, nil
}

// NearSpec reads the command line's "--near": "LAT,LON,KM" or "NAME,KM", the name as NearPlace takes it.
func (l *Library) NearSpec(spec string) (*Circle, error) {
	i := strings.LastIndex(spec, ",")
	if i < 0 {
		return nil, fmt.Errorf("near %q: want LAT,LON,KM or NAME,KM", spec)
	}
	return l.NearPlace(spec[:i], spec[i+1:])
}
