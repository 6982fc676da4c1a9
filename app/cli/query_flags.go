package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/cairn-photos/cairn/library"
)

// queryFlags are the flags that search and similar share.
type queryFlags struct {
	album, near, bbox, from, to, sort *string
	asJSON                            *bool
	k, candidates                     *int
	peaks                             stringList
}

func addQueryFlags(fs *flag.FlagSet) *queryFlags {
	f := &queryFlags{
		album:      fs.String("album", "", "album whose library to search (may be left out when there is one)"),
		asJSON:     fs.Bool("json", false, "one JSON object per hit"),
		k:          fs.Int("k", library.DefaultK, "how many hits at most"),
		candidates: fs.Int("num-candidates", 0, "nearest vectors each model-based list brings before fusion"),
		near:       fs.String("near", "", "only photos within KM of a point, a peak or a place: LAT,LON,KM or NAME,KM"),
		bbox:       fs.String("bbox", "", "only photos inside a box: S,W,N,E"),
		from:       fs.String("from", "", "only photos taken on or after DATE (YYYY-MM-DD[THH:MM], the photo's own clock)"),
		to:         fs.String("to", "", "only photos taken on or before DATE"),
		sort:       fs.String("sort", "relevance", "relevance, newest or oldest"),
	}
	fs.Var(&f.peaks, "peak", "only photos predicted to show this peak id (repeatable)")
	return f
}

// filters reports whether any filter was given.
func (f *queryFlags) filters() bool {
	return *f.near != "" || *f.bbox != "" || *f.from != "" || *f.to != "" || len(f.peaks) > 0
}

// query reads the flags into a library query; each malformed flag is a usage error naming the flag.
func (f *queryFlags) query() (library.Query, error) {
	q := library.Query{K: *f.k, NumCandidates: *f.candidates, Peaks: f.peaks}
	var err error
	if *f.k <= 0 {
		return q, fmt.Errorf("%w: --k must be positive, got %d", errUsage, *f.k)
	}
	if *f.candidates < 0 {
		return q, fmt.Errorf("%w: --num-candidates must not be negative", errUsage)
	}
	if *f.near != "" && !f.nearNamed() {
		if q.Near, err = library.ParseNear(*f.near); err != nil {
			return q, fmt.Errorf("%w: --%v", errUsage, err)
		}
	}
	if *f.bbox != "" {
		if q.Box, err = library.ParseBox(*f.bbox); err != nil {
			return q, fmt.Errorf("%w: --%v", errUsage, err)
		}
	}
	if q.From, q.To, err = library.ParseDates(*f.from, *f.to); errors.Is(err, library.ErrDatesReversed) {
		return q, err // well-formed, but it cannot match anything
	} else if err != nil {
		return q, fmt.Errorf("%w: --%v", errUsage, err)
	}
	if q.Sort, err = library.ParseSort(*f.sort); err != nil {
		return q, fmt.Errorf("%w: --%v", errUsage, err)
	}
	return q, nil
}

// nearNamed tells whether --near measures from a name ("Ama Dablam,5"), which only the library can read,
// rather than from a point.
func (f *queryFlags) nearNamed() bool {
	first, _, _ := strings.Cut(*f.near, ",")
	_, err := strconv.ParseFloat(strings.TrimSpace(first), 64)
	return err != nil
}

// libraryFilters reads what only the library can: a --near that names a peak or a place, in any spelling
// the search accepts.
func (f *queryFlags) libraryFilters(lib *library.Library, q *library.Query) error {
	if *f.near == "" || !f.nearNamed() {
		return nil
	}
	var err error
	if q.Near, err = lib.NearSpec(*f.near); err != nil {
		return fmt.Errorf("%w: --%v", errUsage, err)
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return fmt.Sprint([]string(*s)) }

func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
