// Package mapview is Cairn's offline map: a Fyne widget that shows where photos were taken and where the
// peaks stand, over an embedded Natural Earth basemap and, optionally, a raster layer from an MBTiles file.
//
// The map uses the Web Mercator projection. It draws the basemap, the trek line, the photo dots (coloured by
// date, old to new), the selected photo's view cone and the peak triangles into one raster image per frame,
// so 100,000 photos cost one image rather than 100,000 canvas objects; only peak labels and the controls are
// separate objects.
//
// Wiring it into a window:
//
//	m := mapview.New()
//	m.OnPhotoTapped = func(key uint64) { openViewer(key) }
//	m.OnAreaSelected = func(s, w, n, e float64) { filterByBox(s, w, n, e) } // m.ClearArea() when the filter goes
//	m.SetPeaks(peaks)   // []mapview.Peak
//	m.SetPhotos(photos) // []mapview.Photo; the first call fits the view to them
//	m.SetDots(dots)     // or dots := mapview.NewDots(photos) made on another goroutine: a million take a second
//	m.Select(key)       // shows that photo's view cone
//	m.ShowPhoto(key)    // selects it and centres the map on it
//	if err := m.SetRaster(path); err != nil { ... } // optional MBTiles; SetRaster("") removes it
//	m.SetShading(src)   // a TileSource drawn over the land and under the lines: the terrain's hillshade
//	w.SetContent(m)     // or any container; it fills the space it is given
//
// A north arrow, a scale bar and the legend of the dots' date colours stay in the corners, and the pointer
// names the photo or peak it is over. Users pan by dragging, zoom with the scroll wheel, the + and − buttons or the + and - keys (arrows pan,
// 0 fits the photos), and select an area either with the "Select area" button followed by a drag, or by
// dragging with Shift held. Tapping a dot selects it and calls OnPhotoTapped.
//
// Like every Fyne widget, the map must be used from the Fyne goroutine: from elsewhere, wrap calls in fyne.Do.
// Call Close when the map is discarded to release the MBTiles file.
package mapview
