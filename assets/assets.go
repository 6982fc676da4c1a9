// Package assets bundles what Cairn ships inside its binary: the icon, the peak catalog and the basemap.
package assets
