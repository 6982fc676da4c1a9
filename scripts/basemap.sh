#!/bin/sh
# Regenerates assets/basemap/basemap.bin from the npm package world-atlas (Natural Earth 1:10m).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 >/dev/null && tar xzf world-atlas-2.0.2.tgz)
go run ./assets/basemap/gen -in "$tmp/package/countries-10m.json" -out assets/basemap/basemap.bin
