package terrain

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cairn-photos/cairn/internal/download"
)

// DefaultTileURL is the public terrain-tiles bucket on AWS (SRTM and other sources, in the SRTM layout
// N27/N27E086.hgt.gz, 1″ tiles).
const DefaultTileURL = "https://s3.amazonaws.com/elevation-tiles-prod/skadi"

// maxFetchTiles bounds one fetch: 400 tiles of 1″ are several gigabytes.
const maxFetchTiles = 400

// fetchAttempts is how often a tile's download is tried in one fetch; each retry resumes where the last stopped.
const fetchAttempts = 3

// FetchOptions tune Fetch.
type FetchOptions struct {
	BaseURL  string              // "" means DefaultTileURL
	Client   *http.Client        // nil means a client without a timeout (cancel with the context)
	Progress func(FetchProgress) // called as bytes arrive and after each tile
}

// FetchProgress is where a fetch stands.
type FetchProgress struct {
	Tile         string        // the tile being fetched
	Done, Total  int           // tiles finished (fetched, present or unavailable) and tiles in the box
	Bytes, Size  int64         // of the current tile's download; Size is −1 when the server does not say
	ETA          time.Duration // until the whole fetch ends, 0 while unknown
	FetchedBytes int64         // of the tiles fetched so far and of the current one
}

// FetchReport says what a fetch did with each tile of the box.
type FetchReport struct {
	Fetched     []string // downloaded and verified
	Present     []string // already in the folder, verified
	Unavailable []string // not on the service (the sea, or beyond the source's coverage)
}

// Fetch downloads the tiles covering a box from a tile service in the SRTM layout into dir (Dir(dataRoot)),
// as dir/N27/N27E086.hgt.gz. Each tile goes to a .part file first and resumes from it with an HTTP Range
// request (after a dropped connection, in this fetch or the next); it takes its final name only once it
// gunzips to a whole 1″ or 3″ tile. Tiles the service does not have are reported, not failures; a tile that
// fails is named in the error and the others are still fetched. Cancelling ctx stops it, keeping what arrived.
func Fetch(ctx context.Context, dir string, b Box, opt FetchOptions) (FetchReport, error) {
	var rep FetchReport
	keys, err := tilesOf(b)
	if err != nil {
		return rep, err
	}
	base := strings.TrimRight(opt.BaseURL, "/")
	if base == "" {
		base = DefaultTileURL
	}
	client := opt.Client
	if client == nil {
		client = &http.Client{}
	}
	have, err := Open(dir, WithoutEmbedded())
	if err != nil {
		return rep, err
	}
	f := fetcher{ctx: ctx, client: client, progress: opt.Progress, start: time.Now(), total: len(keys)}
	var errs []error
	for i, key := range keys {
		f.done = i
		name := key.Name()
		if info, ok := have.tiles[key]; ok {
			if _, err := verifyTileFile(info.Source); err == nil {
				rep.Present = append(rep.Present, name)
				continue
			}
		}
		rel := tilePath(key)
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		ok, err := f.tile(base+"/"+rel, dst, name)
		switch {
		case ctx.Err() != nil:
			return rep, fmt.Errorf("fetch terrain: %w (resume later)", ctx.Err())
		case err != nil:
			errs = append(errs, fmt.Errorf("fetch %s: %w", name, err))
		case !ok:
			rep.Unavailable = append(rep.Unavailable, name)
		default:
			rep.Fetched = append(rep.Fetched, name)
		}
	}
	f.done = len(keys)
	f.report("", 0, 0)
	return rep, errors.Join(errs...)
}

// tilesOf lists the tiles a box overlaps, south to north, west to east.
func tilesOf(b Box) ([]tileKey, error) {
	if !(b.South >= -90 && b.North <= 90 && b.South < b.North && b.West >= -180 && b.East <= 180 && b.West < b.East) {
		return nil, fmt.Errorf("fetch terrain: box %g,%g,%g,%g is not S,W,N,E with S < N and W < E", b.South, b.West, b.North, b.East)
	}
	lat0, lat1 := int(math.Floor(b.South)), int(math.Ceil(b.North))-1
	lon0, lon1 := int(math.Floor(b.West)), int(math.Ceil(b.East))-1
	if n := (lat1 - lat0 + 1) * (lon1 - lon0 + 1); n > maxFetchTiles {
		return nil, fmt.Errorf("fetch terrain: the box covers %d tiles, more than %d at once", n, maxFetchTiles)
	}
	var keys []tileKey
	for lat := lat0; lat <= lat1; lat++ {
		for lon := lon0; lon <= lon1; lon++ {
			keys = append(keys, tileKey{lat, lon})
		}
	}
	return keys, nil
}

// tilePath is a tile's place in the SRTM layout: N27/N27E086.hgt.gz.
func tilePath(k tileKey) string {
	name := k.Name()
	return name[:3] + "/" + name + ".hgt.gz"
}

type fetcher struct {
	ctx         context.Context
	client      *http.Client
	progress    func(FetchProgress)
	start       time.Time
	done, total int
	fetched     int64 // bytes of the tiles fetched so far
}

// tile downloads one tile, resuming its .part file; ok is false when the service does not have it.
func (f *fetcher) tile(url, dst, name string) (ok bool, err error) {
	part := dst + ".part"
	progress := func(done, total int64) { f.report(name, done, total) }
	var size int64
	for attempt := 1; ; attempt++ {
		size, err = download.Resume(f.ctx, f.client, url, part, progress)
		if err == nil || f.ctx.Err() != nil || attempt == fetchAttempts ||
			errors.Is(err, download.ErrMissing) || errors.Is(err, download.ErrNotResumable) {
			break
		}
	}
	switch {
	case errors.Is(err, download.ErrMissing):
		return false, nil
	case err != nil:
		return false, err
	}
	if _, err := verifyTileFile(part); err != nil {
		os.Remove(part)
		return false, fmt.Errorf("downloaded file rejected: %w", err)
	}
	f.fetched += size
	return true, os.Rename(part, dst)
}

// report calls the progress callback, estimating the time left from the tiles finished so far.
func (f *fetcher) report(name string, bytes, size int64) {
	if f.progress == nil {
		return
	}
	p := FetchProgress{Tile: name, Done: f.done, Total: f.total, Bytes: bytes, Size: size, FetchedBytes: f.fetched}
	if name != "" {
		p.FetchedBytes += bytes
	}
	frac := float64(f.done)
	if size > 0 {
		frac += float64(bytes) / float64(size)
	}
	if elapsed := time.Since(f.start); frac > 0 && f.done < f.total {
		p.ETA = time.Duration(float64(elapsed) * (float64(f.total) - frac) / frac)
	}
	f.progress(p)
}
