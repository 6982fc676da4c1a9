package library

import "time"

// Progress reports a scan as it goes.
type Progress struct {
	Phase     string // "listing", "reading" or "done"
	Done      int    // photos handled so far (indexed, unchanged or skipped)
	Total     int    // photos to handle; known once listing ends
	Indexed   int
	Unchanged int
	Skipped   int
	Rate      float64       // photos read per second
	ETA       time.Duration // zero when unknown
	Current   string        // album-relative path of the latest photo
}

// Skip is a file the scan could not read, with the reason.
type Skip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}

// Summary is the outcome of a scan.
type Summary struct {
	Indexed   int
	Unchanged int
	Removed   int
	Skipped   []Skip
	Elapsed   time.Duration
}

// rateMeter turns counts into a rate and an ETA.
type rateMeter struct {
	start time.Time
}

func (m rateMeter) update(p *Progress, read int) {
	elapsed := time.Since(m.start).Seconds()
	if elapsed <= 0 || read == 0 {
		return
	}
	p.Rate = float64(read) / elapsed
	if left := p.Total - p.Done; left > 0 {
		p.ETA = time.Duration(float64(left) / p.Rate * float64(time.Second))
	} else {
		p.ETA = 0
	}
}
