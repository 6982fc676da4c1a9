// Package basemap embeds Cairn's offline world basemap: Natural Earth 1:10m land polygons and country borders,
// already projected to Web Mercator so the app only has to read a compact binary at start.
//
// The data comes from the npm package world-atlas (Natural Earth, public domain; TopoJSON conversion © Michael
// Bostock, ISC licence — see LICENSE.world-atlas). Regenerate basemap.bin with scripts/basemap.sh.
package basemap

import _ "embed"

//go:embed basemap.bin
var data []byte

// Load decodes the embedded basemap. Each call returns fresh slices, so callers may keep or modify them.
func Load() (Layers, error) { return Decode(data) }

// Size is the embedded file's size in bytes.
func Size() int { return len(data) }
