#!/bin/sh
# Runs the real app under Xvfb on the shared khumbu photos and saves its main views into docs/.
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
mkdir -p "$work/home" docs
HOME="$work/home" bin/cairn --data "$work/data" scan "$images"
HOME="$work/home" CAIRN_SCREENSHOTS="$(pwd)/docs" CAIRN_SCREENSHOTS_DROP="$drop" \
	xvfb-run -a -s "-screen 0 1280x800x24" bin/cairn --data "$work/data"
ls -l docs/*.png
