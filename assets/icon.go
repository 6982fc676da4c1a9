package assets

import _ "embed"

// Icon is Cairn's application icon (512 px PNG; icon.svg is its source).
//
//go:embed icon.png
var Icon []byte
