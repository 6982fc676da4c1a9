#!/usr/bin/env bash
# Installs what Cairn needs to build, test and run on Debian/Ubuntu. Idempotent and quiet when all is there.
set -euo pipefail

ORT_VERSION="${ORT_VERSION:-1.24.3}"
ORT_DIR=/usr/local/lib
ORT_LIB="$ORT_DIR/libonnxruntime.so.$ORT_VERSION"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Build: Fyne (OpenGL, X11), libjpeg-turbo (reduced-size JPEG decoding), libheif (HEIC, AVIF), libtiff (TIFF
# with JPEG compression, CMYK, planar layout, BigTIFF).
# Tests and screenshots: Xvfb and ImageMagick; exiftool, against which the RAW preview choice is checked.
# Benchmarks compare with vips, exiv2 and hnswlib when present.
packages=(gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
  libxxf86vm-dev libturbojpeg0-dev libheif-dev libheif1 libtiff-dev xvfb xauth imagemagick libimage-exiftool-perl npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] && command -v npm >/dev/null 2>&1; then
  # npm from another source (nvm, nodesource) is as good as Debian's.
  filtered=(); for p in "${missing[@]}"; do [ "$p" = npm ] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ONNX Runtime ships inside the npm package onnxruntime-node; Cairn looks for it in /usr/local/lib.
if [ ! -f "$ORT_LIB" ]; then
  echo "setup: installing ONNX Runtime $ORT_VERSION"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null 2>&1)
  tar -xzf "$tmp/onnxruntime-node-$ORT_VERSION.tgz" -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  $SUDO install -m 0644 "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$ORT_LIB"
  $SUDO ln -sf "$ORT_LIB" "$ORT_DIR/libonnxruntime.so.1"
  $SUDO ln -sf "$ORT_LIB" "$ORT_DIR/libonnxruntime.so"
  $SUDO ldconfig 2>/dev/null || true
fi
