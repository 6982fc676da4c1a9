package gui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/peaks"
)

// railWidth is the width of the left rail.
const railWidth = 270

// peakRow is one line of the peaks list.
type peakRow struct {
	id, name string
	count    int
}

// rail is the left column: the peaks in the library with their photo counts and checkboxes, then the date
// range and distance filters. It holds no search logic: each change hands the new filter to the window.
type rail struct {
	catalog *peaks.Catalog
	names   landmarkFinder
	rows    []peakRow // every peak of the catalog: those with photos first, most first, then the others
	shown   []int     // rows passing the name filter
	ticked  map[string]bool
	filter  *widget.Entry
	list    *widget.List

	from, to *widget.Entry
	nearKM   *widget.Entry
	nearPeak *widget.SelectEntry // a peak's or a place's name, or a point typed as LAT,LON
	offered  []string            // the names its list offers now
	box      *library.Box        // the area chosen on the map
	area     *widget.Label
	areaBox  *fyne.Container
	problem  *widget.Label
	whole    *fyne.Container // the whole rail, built once

	onChange func() // a filter changed: the window reads them all with filters
}

// landmarkFinder reads "within N km of" as the library does: peaks and places in the spellings the search
// accepts, or LAT,LON.
type landmarkFinder interface {
	nearPlace(place, km string) (*library.Circle, error)
	landmarksLike(text string) []string // the names of the peaks and places text could mean; "" for all
	isLandmark(name string) bool        // name is a peak's or a place's name as the list offers it
}

func newRail(catalog *peaks.Catalog, names landmarkFinder) *rail {
	r := &rail{catalog: catalog, names: names, ticked: map[string]bool{}}
	r.filter = widget.NewEntry()
	r.filter.SetPlaceHolder("Filter peaks")
	r.filter.OnChanged = func(string) { r.applyFilter() }
	r.list = widget.NewList(func() int { return len(r.shown) }, func() fyne.CanvasObject {
		return widget.NewCheck("", nil)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		row := r.rows[r.shown[i]]
		c := o.(*widget.Check)
		c.OnChanged = nil
		c.Text = fmt.Sprintf("%s  (%d)", row.name, row.count)
		c.SetChecked(r.ticked[row.id])
		id := row.id
		c.OnChanged = func(on bool) { r.tick(id, on) }
		c.Refresh()
	})

	r.from, r.to = widget.NewEntry(), widget.NewEntry()
	r.from.SetPlaceHolder("from YYYY-MM-DD")
	r.to.SetPlaceHolder("to YYYY-MM-DD")
	for _, e := range []*widget.Entry{r.from, r.to} {
		e.OnSubmitted = func(string) { r.changed() }
	}
	r.problem = widget.NewLabel("")
	r.problem.Importance = widget.DangerImportance
	r.problem.Wrapping = fyne.TextWrapWord
	r.problem.Hide()

	r.nearKM = widget.NewEntry()
	r.nearKM.SetText("5")
	r.nearKM.OnSubmitted = func(string) { r.changed() }
	r.nearPeak = widget.NewSelectEntry(names.landmarksLike(""))
	r.nearPeak.SetPlaceHolder("a peak or place, or LAT,LON")
	r.nearPeak.OnSubmitted = func(string) { r.changed() }
	r.nearPeak.OnChanged = r.nearTyped

	r.area = widget.NewLabel("")
	r.areaBox = container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
		r.setArea(nil)
		r.changed()
	}), r.area)
	r.areaBox.Hide()
	return r
}

func (r *rail) object() *fyne.Container {
	if r.whole != nil {
		return r.whole
	}
	title := widget.NewLabelWithStyle("Peaks in your library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	dates := container.NewVBox(widget.NewLabelWithStyle("Taken", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, r.from, r.to),
		widget.NewButton("Apply dates", r.changed))
	near := container.NewVBox(widget.NewLabelWithStyle("Within", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, widget.NewLabel("km of"), r.nearKM), r.nearPeak, r.areaBox)
	clear := widget.NewButtonWithIcon("Clear filters", theme.ContentClearIcon(), r.clear)
	filters := container.NewVScroll(container.NewVBox(widget.NewSeparator(), dates, near, r.problem, clear))
	// The peaks and the other filters share the height and each scrolls, so a short screen shows both; the
	// divider moves.
	split := container.NewVSplit(r.list, filters)
	split.SetOffset(0.55)
	body := container.NewBorder(container.NewVBox(title, r.filter), nil, nil, nil, split)
	r.whole = container.New(fixedWidth(railWidth), body)
	return r.whole
}

// fixedWidth lays out one object at a set width and the full height it is given.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(w), objs[0].MinSize().Height)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// setFacets shows every peak of the catalog with its count among the matches as they would be without the
// peak filter, so that ticking one peak neither hides the others nor re-sorts the list under the pointer:
// peaks with photos first, most first, then the others, highest first.
func (r *rail) setFacets(facets []library.PeakCount) {
	r.rows = r.rows[:0]
	seen := map[string]bool{}
	for _, f := range facets {
		if p, ok := r.catalog.ByID(f.ID); ok {
			r.rows = append(r.rows, peakRow{id: f.ID, name: p.Name, count: f.Count})
			seen[f.ID] = true
		}
	}
	for _, name := range peakNamesByHeight(r.catalog) {
		if p, ok := r.peakNamed(name); ok && !seen[p.ID] {
			r.rows = append(r.rows, peakRow{id: p.ID, name: p.Name})
			seen[p.ID] = true
		}
	}
	r.applyFilter()
}

// applyFilter shows the peaks whose name the filter's text could mean, as the library reads names (aliases,
// accents, typing slips: "sagarmatha" shows Mount Everest); no text shows every peak.
func (r *rail) applyFilter() {
	var like map[string]bool
	if text := strings.TrimSpace(r.filter.Text); text != "" {
		like = map[string]bool{}
		for _, name := range r.names.landmarksLike(text) {
			like[name] = true
		}
	}
	r.shown = r.shown[:0]
	for i, row := range r.rows {
		if like == nil || like[row.name] {
			r.shown = append(r.shown, i)
		}
	}
	r.list.Refresh()
}

func (r *rail) tick(id string, on bool) {
	if on {
		r.ticked[id] = true
	} else {
		delete(r.ticked, id)
	}
	r.changed()
}

// changed tells the window, unless a filter does not parse: then it says what is wrong and waits.
func (r *rail) changed() {
	if _, err := r.filters(); err != nil {
		r.showProblem(err)
		return
	}
	r.showProblem(nil)
	if r.onChange != nil {
		r.onChange()
	}
}

// railFilters are the rail's filters, ready for a library query.
type railFilters struct {
	peaks    []string
	from, to time.Time
	near     *library.Circle
	box      *library.Box
}

// filters reads the rail's filters; a date or distance that does not parse is an error naming it.
func (r *rail) filters() (railFilters, error) {
	f := railFilters{box: r.box}
	for id := range r.ticked {
		f.peaks = append(f.peaks, id)
	}
	sort.Strings(f.peaks)
	var err error
	if f.from, f.to, err = library.ParseDates(r.from.Text, r.to.Text); err != nil {
		return f, err
	}
	if place := strings.TrimSpace(r.nearPeak.Text); place != "" {
		if f.near, err = r.names.nearPlace(place, r.nearKM.Text); err != nil {
			return f, err
		}
	}
	return f, nil
}

// nearTyped narrows the names the list offers to the peaks and places matching what is typed, in the
// spellings the search accepts; a name picked from the list applies at once, typing waits for Return.
func (r *rail) nearTyped(text string) {
	if r.names.isLandmark(text) {
		r.offer(r.names.landmarksLike(""))
		r.changed()
		return
	}
	r.offer(r.names.landmarksLike(text))
}

func (r *rail) offer(names []string) {
	r.offered = names
	r.nearPeak.SetOptions(names)
}

// peakNamed finds the catalog peak called name.
func (r *rail) peakNamed(name string) (peaks.Peak, bool) {
	for _, p := range r.catalog.Peaks {
		if p.Name == name {
			return p, true
		}
	}
	return peaks.Peak{}, false
}

// setArea shows the map's area filter, or hides it when box is nil.
func (r *rail) setArea(box *library.Box) {
	r.box = box
	if box == nil {
		r.areaBox.Hide()
		return
	}
	r.area.SetText(fmt.Sprintf("Area %.3f,%.3f – %.3f,%.3f", box.South, box.West, box.North, box.East))
	r.areaBox.Show()
}

func (r *rail) showProblem(err error) {
	if err == nil {
		r.problem.Hide()
		return
	}
	r.problem.SetText(sentence(err))
	r.problem.Show()
}

// clear drops every filter of the rail.
func (r *rail) clear() {
	r.ticked = map[string]bool{}
	r.from.SetText("")
	r.to.SetText("")
	r.nearPeak.SetText("") // names no peak: does not search by itself
	r.setArea(nil)
	r.list.Refresh()
	r.changed()
}

// peakNamesByHeight lists the catalog's peak names, highest first: the ones people measure distance from.
func peakNamesByHeight(c *peaks.Catalog) []string {
	ps := append([]peaks.Peak(nil), c.Peaks...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].ElevationM > ps[j].ElevationM })
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return names
}

// state is what is typed and ticked in the rail, to be restored on the next start.
func (r *rail) state() railState {
	st := railState{From: r.from.Text, To: r.to.Text, NearKM: r.nearKM.Text, Near: r.nearPeak.Text, Box: r.box}
	for id := range r.ticked {
		st.Peaks = append(st.Peaks, id)
	}
	sort.Strings(st.Peaks)
	return st
}

// restore puts back a saved state without searching; the window reads the filters after it.
func (r *rail) restore(st railState) {
	r.ticked = map[string]bool{}
	for _, id := range st.Peaks {
		if _, ok := r.catalog.ByID(id); ok {
			r.ticked[id] = true
		}
	}
	r.from.SetText(st.From)
	r.to.SetText(st.To)
	if st.NearKM != "" {
		r.nearKM.SetText(st.NearKM)
	}
	onChanged := r.nearPeak.OnChanged
	r.nearPeak.OnChanged = nil // a peak's name would search at once
	r.nearPeak.SetText(st.Near)
	r.nearPeak.OnChanged = onChanged
	r.setArea(st.Box)
	r.list.Refresh()
}
