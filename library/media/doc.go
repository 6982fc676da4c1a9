// Package media reads photo files: it sniffs the format from the first bytes, reads EXIF metadata
// (JPEG, TIFF, HEIC/HEIF, PNG, WebP), decodes pixels at a reduced size (libjpeg-turbo DCT scaling for JPEG,
// libheif and its embedded thumbnail for HEIC), turns the result upright and makes thumbnails.
//
// Everything works on a file's bytes in memory: the scan reads a file once and calls Inspect, then
// DecodeUpright and Thumbnail. Bad input yields an error for that file, never a panic or a hang.
package media
