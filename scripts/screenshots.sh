#!/bin/sh
# Runs the real app under Xvfb on the shared khumbu photos and saves its main views into docs/: the README's
# set at 1280×800, and the grid and the map at the sizes the window must fit — 1024×600, 1280×800 at scale
# 1.5 (853×533 units) and 1920×1080 — as docs/sizes/SIZE-VIEW.png.
set -eu
shared=${CAIRN_SHARED:-../shared}
images="$shared/testdata/khumbu/data/images"
drop="$shared/testdata/khumbu/data/training_peaks/ama_dablam/IMG_2332.HEIC"
if [ ! -d "$images" ]; then
	echo "screenshots: $images not found (set CAIRN_SHARED)" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" docs/sizes
HOME="$work/home" bin/cairn --data "$work/data" scan "$images"

# tour SIZE SCALE DIR: the tour on a screen of SIZE at SCALE, its pictures into DIR, from a fresh home.
tour() {
	rm -rf "$work/home" && mkdir -p "$work/home" "$3"
	HOME="$work/home" FYNE_SCALE="$2" CAIRN_SCREENSHOTS="$3" CAIRN_SCREENSHOTS_DROP="$drop" \
		xvfb-run -a -s "-screen 0 ${1}x24" bin/cairn --data "$work/data"
}

tour 1280x800 1 "$(pwd)/docs"
for s in 1024x600:1 1280x800:1.5 1920x1080:1; do
	size=${s%:*} scale=${s#*:}
	name=$size
	[ "$scale" = 1 ] || name="$size@$scale"
	tour "$size" "$scale" "$work/$name"
	for view in grid map viewer; do
		cp "$work/$name/$view.png" "docs/sizes/$name-$view.png"
	done
done
ls -l docs/*.png docs/sizes/*.png
