// Package gazetteer knows the named places of a mountain region — villages, passes, viewpoints, lakes and
// base camps — where they are, and by which names and spellings people call them, so that a search for
// "Tengboche" or "kala pattar" finds the photos taken there. The places are facts kept in YAML files beside
// the peak catalogs: bundled ones (assets/places) and the user's own.
package gazetteer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cairn-photos/cairn/library/peaks"
)

// Kinds of place, and how far from a place's point a photo still counts as taken there.
var radiusByKind = map[string]float64{
	"village":   1.5,
	"lake":      1.5,
	"base_camp": 1.5,
	"monastery": 1.0,
	"pass":      1.0,
	"viewpoint": 1.0,
	"airport":   1.0,
}

// Place is a named place.
type Place struct {
	ID         string
	Name       string
	Aliases    []string
	Kind       string // village, lake, base_camp, monastery, pass, viewpoint or airport
	Lat, Lon   float64
	ElevationM float64
	RadiusKm   float64 // photos within this distance were taken at the place
	Source     string  // the file it comes from
}

// KindText names a kind of place in words: "base camp".
func KindText(kind string) string { return strings.ReplaceAll(kind, "_", " ") }

// Gazetteer is a set of places with an index of their names. It is not changed after Load or Merge, so
// any number of goroutines may read it.
type Gazetteer struct {
	Places []Place
	byName map[string]int // squashed name or alias → index in Places
}

// index builds the name index, refusing a name that two places share.
func (g *Gazetteer) index() error {
	g.byName = map[string]int{}
	for i, p := range g.Places {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			k := peaks.Squash(n)
			if j, ok := g.byName[k]; ok && j != i {
				return fmt.Errorf("%s: place %s is also called %q, as %s (%s) is", p.Source, p.ID, n, g.Places[j].ID, g.Places[j].Source)
			}
			g.byName[k] = i
		}
	}
	return nil
}

// Merge adds the places of o; an id or a name both hold is an error naming both files.
func (g *Gazetteer) Merge(o *Gazetteer) error {
	ids := map[string]string{}
	for _, p := range g.Places {
		ids[p.ID] = p.Source
	}
	for _, p := range o.Places {
		if src, ok := ids[p.ID]; ok {
			return fmt.Errorf("%s: place id %s is already used in %s", p.Source, p.ID, src)
		}
	}
	merged := &Gazetteer{Places: append(append([]Place(nil), g.Places...), o.Places...)}
	if err := merged.index(); err != nil {
		return err
	}
	*g = *merged
	return nil
}

// Lookup returns the place text names: a name or alias as Squash sees it ("kalapatthar", "Namche"), else the
// one place within a typing slip of it — one edit for names of five letters or more, two from nine, as the
// peak names allow. Text that could be two places, or none, returns false.
func (g *Gazetteer) Lookup(text string) (Place, bool) {
	sq := peaks.Squash(text)
	if len(sq) < 3 {
		return Place{}, false
	}
	if i, ok := g.byName[sq]; ok {
		return g.Places[i], true
	}
	limit := 0
	switch n := len([]rune(sq)); {
	case n >= 9:
		limit = 2
	case n >= 5:
		limit = 1
	}
	found := -1
	for name, i := range g.byName {
		if editDistance(sq, name, limit) <= limit {
			if found >= 0 && found != i {
				return Place{}, false // two places: the text does not say which
			}
			found = i
		}
	}
	if found < 0 {
		return Place{}, false
	}
	return g.Places[found], true
}

// Exact returns the place one of whose names or aliases is text, as Squash sees it, without allowing for
// typing slips.
func (g *Gazetteer) Exact(text string) (Place, bool) {
	if i, ok := g.byName[peaks.Squash(text)]; ok {
		return g.Places[i], true
	}
	return Place{}, false
}

// Suggest returns up to max places one of whose names or words begins with what has been typed, shortest
// name first, for completion as the user types.
func (g *Gazetteer) Suggest(typed string, max int) []Place {
	sq := peaks.Squash(typed)
	if sq == "" {
		return nil
	}
	var out []Place
	for _, p := range g.Places {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			if matchesStart(n, sq) {
				out = append(out, p)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Name) < len(out[j].Name) })
	if len(out) > max {
		out = out[:max]
	}
	return out
}

// matchesStart tells whether name, or one of its words, begins with the squashed prefix sq.
func matchesStart(name, sq string) bool {
	if strings.HasPrefix(peaks.Squash(name), sq) {
		return true
	}
	for _, w := range strings.Fields(name) {
		if strings.HasPrefix(peaks.Squash(w), sq) {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance of a and b, or limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
