package model

import (
	"fmt"
	"io"
	"strings"
)

// ProgressBar returns a FetchOptions.Progress that draws one text bar per file on w (a terminal), redrawn
// in place and only when the shown percentage changes. Print a newline after Fetch returns.
func ProgressBar(w io.Writer) func(file string, done, total int64) {
	lastFile, lastPct := "", -1
	return func(file string, done, total int64) {
		pct := int(done >> 20) // without a total, redraw every MiB
		if total > 0 {
			pct = int(done * 100 / total)
		}
		if file == lastFile && pct == lastPct {
			return
		}
		if file != lastFile && lastFile != "" {
			fmt.Fprintln(w)
		}
		lastFile, lastPct = file, pct
		const width = 30
		fill := width
		if total > 0 {
			fill = width * pct / 100
		}
		size := fmt.Sprintf("%.1f MB", float64(done)/1e6)
		if total > 0 {
			size = fmt.Sprintf("%.1f/%.1f MB", float64(done)/1e6, float64(total)/1e6)
		}
		if total <= 0 {
			fmt.Fprintf(w, "\r%-32s %s", file, size)
			return
		}
		fmt.Fprintf(w, "\r%-32s [%s%s] %3d%% %s", file, strings.Repeat("#", fill), strings.Repeat("-", width-fill), pct, size)
	}
}
