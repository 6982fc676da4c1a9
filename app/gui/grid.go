package gui

import (
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// thumbSides are the thumbnail sizes the grid offers (Fyne units of the image's width), and their names.
var (
	thumbSides     = []float32{140, 200, 280}
	thumbSideNames = []string{"Small", "Medium", "Large"}
)

// defaultThumbSide is the thumbnail size until the user picks another.
const defaultThumbSide = 200

// photoCacheMax bounds the photo records the grid keeps; scrolled-away ones are read again when needed.
const photoCacheMax = 4096

// photoGrid is the virtualised thumbnail grid over a search's matches: only the visible cells exist, each
// loads its thumbnail from the library's cache and its record when it scrolls into view, so 100,000
// matches cost a slice of keys. Arrow keys move, Space selects, Return or a double click opens the viewer.
type photoGrid struct {
	matches  []library.Match
	photos   map[string]library.Photo // records read so far
	source   func(ids []string) map[string]library.Photo
	thumb    func(id string) string
	grid     *gridWrap
	selected int             // index in matches; -1 when none
	side     float32         // the thumbnails' width
	box      *fyne.Container // holds grid (remade when the size changes) under the day header
	day      *widget.Label   // the day of the first row shown, over the grid
	dayBox   *fyne.Container // the day on its backdrop
	byTime   bool            // the matches are in time order: the day header means something
	cellH    float32         // a cell's height at side, measured once

	onSelect func(i int)
	onOpen   func(i int)
	onEscape func() // Escape with the grid focused
}

// wheelStep multiplies the wheel's scroll in the grid: Fyne turns a notch into 10 units, a twentieth of a
// row; photo apps move about a quarter of a row (three lines of text), so 50.
const wheelStep = 5

// gridWrap is Fyne's GridWrap driven by its selection: the arrow keys, Home, End, Page Up and Page Down
// move the selection itself (Fyne's own keys move a separate focus ring, leaving the selection behind), and
// Return, Enter or Space open the selected photo. It draws no focus ring: the selection shows where the
// keyboard is.
type gridWrap struct {
	widget.GridWrap
	g *photoGrid
}

func (g *gridWrap) FocusGained() {}
func (g *gridWrap) FocusLost()   {}

func (g *gridWrap) TypedKey(e *fyne.KeyEvent) {
	pg := g.g
	n := len(pg.matches)
	if n == 0 {
		return
	}
	cols := max(g.ColumnCount(), 1)
	rows := max(int(g.Size().Height/(pg.cellHeight()+theme.Padding())), 1)
	at := pg.selected
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		pg.open(at)
		return
	case fyne.KeyEscape:
		if pg.onEscape != nil {
			pg.onEscape()
		}
		return
	}
	if at < 0 { // nothing selected yet: any move starts at the first photo
		pg.selectIndex(0)
		return
	}
	switch e.Name {
	case fyne.KeyLeft:
		at--
	case fyne.KeyRight:
		at++
	case fyne.KeyUp:
		at -= cols
	case fyne.KeyDown:
		at += cols
	case fyne.KeyPageUp:
		at -= cols * rows
	case fyne.KeyPageDown:
		at += cols * rows
	case fyne.KeyHome:
		at = 0
	case fyne.KeyEnd:
		at = n - 1
	default:
		return
	}
	pg.selectIndex(min(max(at, 0), n-1))
}

func newPhotoGrid(source func(ids []string) map[string]library.Photo, thumb func(id string) string) *photoGrid {
	g := &photoGrid{source: source, thumb: thumb, photos: map[string]library.Photo{}, selected: -1, side: defaultThumbSide}
	g.grid = g.newGridWrap()
	g.day = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	backdrop := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	backdrop.CornerRadius = 4
	g.dayBox = container.NewStack(backdrop, g.day)
	g.dayBox.Hide()
	g.box = container.NewStack(g.grid, container.NewVBox(container.NewHBox(g.dayBox)))
	return g
}

// newGridWrap makes the virtualised grid over g's matches at g's thumbnail size.
func (g *photoGrid) newGridWrap() *gridWrap {
	gw := &gridWrap{g: g}
	gw.Length = func() int { return len(g.matches) }
	gw.CreateItem = func() fyne.CanvasObject { return newThumbCell(g) }
	gw.UpdateItem = func(i widget.GridWrapItemID, o fyne.CanvasObject) { g.updateCell(i, o.(*thumbCell)) }
	gw.OnSelected = func(i widget.GridWrapItemID) {
		g.selected = i
		if g.onSelect != nil {
			g.onSelect(i)
		}
	}
	gw.OnUnselected = func(widget.GridWrapItemID) { g.selected = -1 }
	gw.ExtendBaseWidget(gw)
	return gw
}

func (g *photoGrid) object() fyne.CanvasObject { return g.box }

// cellHeight is the height of a cell at the current thumbnail size.
func (g *photoGrid) cellHeight() float32 {
	if g.cellH == 0 {
		g.cellH = newThumbCell(g).MinSize().Height
	}
	return g.cellH
}

// setSide shows the thumbnails side units wide. Fyne's grid measures its cells once, so it is made again,
// keeping the selection in view and the keyboard.
func (g *photoGrid) setSide(side float32) {
	if side == g.side {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(g.grid)
	focused := c != nil && c.Focused() == g.grid
	selected := g.selected
	g.side, g.cellH = side, 0
	g.grid = g.newGridWrap()
	g.box.Objects[0] = g.grid
	g.box.Refresh()
	if selected >= 0 {
		g.grid.Select(selected)
	}
	if focused {
		c.Focus(g.grid)
	}
}

// showDay puts the day of the first row shown over the grid, when the matches are in time order.
func (g *photoGrid) showDay() {
	if !g.byTime || len(g.matches) == 0 {
		g.dayBox.Hide()
		return
	}
	row := int(g.grid.GetScrollOffset() / (g.cellHeight() + theme.Padding()))
	i := min(row*max(g.grid.ColumnCount(), 1), len(g.matches)-1)
	p, ok := g.photo(i)
	if !ok || p.ShotTime.IsZero() {
		g.dayBox.Hide()
		return
	}
	if text := p.ShotTime.Local().Format("Monday 2 January 2006"); g.day.Text != text {
		g.day.SetText(text)
	}
	g.dayBox.Show()
}

// selectIndex selects match i and scrolls to it.
func (g *photoGrid) selectIndex(i int) {
	if i >= 0 && i < len(g.matches) {
		g.grid.Select(i)
	}
}

// focus gives the grid the keyboard.
func (g *photoGrid) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(g.grid); c != nil {
		c.Focus(g.grid)
	}
}

// setMatches shows a new list of matches, with the records read for the first ones already (prefetched).
func (g *photoGrid) setMatches(matches []library.Match, prefetched map[string]library.Photo) {
	g.matches = matches
	if len(g.photos) > photoCacheMax {
		g.photos = map[string]library.Photo{}
	}
	for id, p := range prefetched {
		g.photos[id] = p
	}
	g.selected = -1
	g.grid.UnselectAll()
	g.grid.Refresh()
	g.showDay()
}

// ids lists the ids of all matches, for the viewer's next and previous.
func (g *photoGrid) ids() []string {
	out := make([]string, len(g.matches))
	for i, m := range g.matches {
		out[i] = m.ID()
	}
	return out
}

func (g *photoGrid) photo(i int) (library.Photo, bool) {
	if i < 0 || i >= len(g.matches) {
		return library.Photo{}, false
	}
	id := g.matches[i].ID()
	p, ok := g.photos[id]
	if !ok && g.source != nil {
		if got, found := g.source([]string{id})[id]; found {
			p, ok = got, true
			g.photos[id] = p
		}
	}
	return p, ok
}

func (g *photoGrid) open(i int) {
	if i >= 0 && i < len(g.matches) && g.onOpen != nil {
		g.onOpen(i)
	}
}

func (g *photoGrid) updateCell(i int, c *thumbCell) {
	if i >= len(g.matches) {
		return
	}
	c.index = i
	id := g.matches[i].ID()
	if path := g.thumb(id); c.image.File != path {
		if _, err := os.Stat(path); err == nil {
			c.image.File, c.image.Resource = path, nil
		} else {
			c.image.File, c.image.Resource = "", theme.FileImageIcon() // no thumbnail (yet): a placeholder
		}
		c.image.Refresh()
	}
	p, ok := g.photo(i)
	if !ok {
		c.peak.SetText("")
		c.when.SetText("")
		return
	}
	c.peak.SetText(peakBadge(p))
	c.when.SetText(timeBadge(p))
	g.showDay() // cells update as the grid scrolls
}

// peakBadge names the peak a photo most probably shows, with the confidence of that prediction.
func peakBadge(p library.Photo) string {
	if len(p.PredictedPeaks) == 0 {
		return "no peak named"
	}
	g := p.PredictedPeaks[0]
	return fmt.Sprintf("%s · %.0f%%", g.Name, 100*g.Score)
}

// timeBadge is the capture time on the photo's own clock, or the file name when there is none.
func timeBadge(p library.Photo) string {
	if !p.ShotTime.IsZero() {
		return p.ShotTime.Local().Format("2 Jan 2006 15:04")
	}
	return p.Rel[strings.LastIndex(p.Rel, "/")+1:]
}

// thumbCell is one grid cell: the thumbnail over two badges. A tap selects it, a double tap opens it.
type thumbCell struct {
	widget.BaseWidget
	g     *photoGrid
	index int
	image *canvas.Image
	peak  *widget.Label
	when  *widget.Label
}

func newThumbCell(g *photoGrid) *thumbCell {
	c := &thumbCell{g: g, image: canvas.NewImageFromResource(nil), peak: widget.NewLabel(""), when: widget.NewLabel("")}
	c.image.FillMode = canvas.ImageFillContain
	c.image.ScaleMode = canvas.ImageScaleFastest
	c.image.SetMinSize(fyne.NewSize(g.side, g.side*0.75))
	c.peak.TextStyle.Bold = true
	for _, l := range []*widget.Label{c.peak, c.when} {
		l.Alignment = fyne.TextAlignCenter
		l.Truncation = fyne.TextTruncateEllipsis
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *thumbCell) CreateRenderer() fyne.WidgetRenderer {
	badges := container.New(tightVBox{}, c.peak, c.when)
	return widget.NewSimpleRenderer(container.NewBorder(nil, badges, nil, nil, c.image))
}

// Tapped selects the photo and gives the grid the keyboard, so the arrows and Return go on from there.
func (c *thumbCell) Tapped(*fyne.PointEvent) {
	c.g.grid.Select(c.index)
	c.g.focus()
}

func (c *thumbCell) DoubleTapped(*fyne.PointEvent) {
	c.g.grid.Select(c.index)
	c.g.focus()
	c.g.open(c.index)
}

// Scrolled scrolls the grid by wheelStep per notch rather than the scroller's 10 units.
func (c *thumbCell) Scrolled(e *fyne.ScrollEvent) {
	g := c.g.grid
	g.ScrollToOffset(g.GetScrollOffset() - e.Scrolled.DY*wheelStep)
}

// tightVBox stacks objects at their minimum height with no padding, so two badge lines sit together.
type tightVBox struct{}

func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - 8
	}
	return s
}

func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height - 8
		o.Move(fyne.NewPos(0, y-4))
		o.Resize(fyne.NewSize(size.Width, h+8))
		y += h
	}
}
