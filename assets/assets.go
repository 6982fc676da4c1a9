// Package assets bundles what Cairn ships inside its binary: the icon, the peak catalog, the basemap and the
// terrain of the Khumbu.
package assets
