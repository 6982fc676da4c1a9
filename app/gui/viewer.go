package gui

import (
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // the cached thumbnails, for their size
	"math"
	"os"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// viewerMaxSide bounds the long side of the image the viewer decodes for a zoomed photo: every phone photo up
// to 16 MP is shown at full resolution, while a 100 MP file does not take 400 MB of memory and a texture no GPU
// accepts. Unzoomed, the viewer decodes the photo at the size of its frame on the screen (screenSide).
const viewerMaxSide = 4096

// screenSideStep rounds the screen image's size up, so that a window resized a little keeps its cached images.
const screenSideStep = 256

// viewerPanelWidth is the width of the side panel with the identification and the details.
const viewerPanelWidth = 360

// viewerSource is where the viewer gets what it shows; the window passes its library's methods.
type viewerSource struct {
	photo func(id string) (library.Photo, error)
	image func(path string, maxSide int) (image.Image, error) // library.LoadImage, for a zoomed photo
	// screen decodes a photo fast at about a size, for the frame unzoomed (library.LoadScreenImage); nil: image.
	screen    func(path string, side int) (image.Image, error)
	thumbPath func(id string) string // shown while the photo loads; "" for none
	// horizon renders the terrain's skyline in a photo's frame (terrainModel.horizon); nil for none.
	horizon func(p library.Photo) ([][]library.PhotoPoint, error)
}

// viewer shows one photo of a list large and upright beside its identification and metadata, with next and
// previous. Its fields are touched on the Fyne goroutine only; photos load in goroutines that hand back
// through fyne.Do.
type viewer struct {
	src     viewerSource
	ids     []string
	index   int
	onClose func()      // set by whoever shows the viewer
	onPage  func(i int) // the viewer moved to photo i, so the list it came from can follow
	// onShowOnMap, when set, shows the photo with id on the map ("Show on map" is hidden without it).
	onShowOnMap func(id string)
	// onShown, when set, is called on the UI goroutine once the photo asked for is shown in full (or its error
	// is), for screenshots and tests that must not touch the widgets while a load runs.
	onShown func()
	// onDetail, when set, is called on the UI goroutine once the detailed image of a zoomed photo is shown.
	onDetail func()

	// asked counts the photos asked for; a load whose number is no longer current is dropped, so paging
	// quickly through HEIC files neither decodes every one of them nor shows a stale photo.
	asked atomic.Int64

	// images holds the photos decoded at the frame's size; prefetch decodes the next and previous ones into it
	// after each photo is shown, and stopPrefetch cancels that when the viewer pages on or closes.
	images       *screenImages
	stopPrefetch context.CancelFunc
	// shownFile is the photo shown, and detailed whether its image at viewerMaxSide was asked for (on zoom).
	shownFile string
	detailed  bool

	frame   *photoFrame   // the photo, zoomable, with the peak labels
	img     *canvas.Image // the frame's image
	labels  *widget.Check // peak labels on the photo, or not
	skyline *widget.Check // the rendered horizon on the photo, or not
	// hiddenLabels are labels of peaks terrain hides, drawn dimmed after the record's (a dropped photo's
	// identification lists them apart from its peaks).
	hiddenLabels []peakLabel
	onMap        *widget.Button
	status       *widget.Label // "Loading…" or the load error, over the image
	title        *widget.Label
	position     *widget.Label
	prev         *widget.Button
	next         *widget.Button
	peaks        *fyne.Container
	details      *fyne.Container
	panel        *container.Scroll
	content      fyne.CanvasObject
}

// newViewer makes a viewer over ids that starts at ids[start]. It loads nothing until it is shown
// (showViewerIn, or v.show(v.current()) for a window of its own).
func newViewer(src viewerSource, ids []string, start int) *viewer {
	v := &viewer{src: src, ids: ids}
	screen := src.screen
	if screen == nil {
		screen = src.image
	}
	v.images = newScreenImages(screen)
	v.frame = newPhotoFrame()
	v.frame.onZoom = v.loadDetail
	v.img = v.frame.img
	v.labels = widget.NewCheck("Peak labels", v.frame.setShowLabels)
	v.labels.Checked = true
	v.skyline = widget.NewCheck("Horizon", v.frame.setShowHorizon)
	if src.horizon == nil {
		v.skyline.Hide()
	}
	v.onMap = widget.NewButtonWithIcon("Show on map", theme.MediaRecordIcon(), func() {
		if v.onShowOnMap != nil {
			v.onShowOnMap(v.ids[v.index])
		}
	})
	v.onMap.Hide()
	v.status = widget.NewLabel("")
	v.status.Alignment = fyne.TextAlignCenter
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.position = widget.NewLabel("")
	v.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), v.showPrevious)
	v.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), v.showNext)
	v.next.IconPlacement = widget.ButtonIconTrailingText
	v.peaks = container.NewVBox()
	v.details = container.New(layout.NewFormLayout())
	v.content = v.layout()
	v.index = start
	return v
}

// object is the viewer's whole content, for a window's centre or a window of its own.
func (v *viewer) object() fyne.CanvasObject { return v.content }

// current is the index of the photo shown.
func (v *viewer) current() int { return v.index }

// typedRune handles the viewer's zoom keys: + and = zoom in, - zooms out, 0 shows the whole photo; l turns
// the peak labels on and off, h the rendered horizon.
func (v *viewer) typedRune(r rune) {
	switch r {
	case '+', '=':
		v.frame.zoomIn()
	case '-':
		v.frame.zoomOut()
	case '0':
		v.frame.fit()
	case 'l', 'L':
		v.labels.SetChecked(!v.labels.Checked)
	case 'h', 'H':
		if v.src.horizon != nil {
			v.skyline.SetChecked(!v.skyline.Checked)
		}
	}
}

// typedKey handles the viewer's keys: Left and Right page, Escape closes.
func (v *viewer) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft, fyne.KeyPageUp:
		v.showPrevious()
	case fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace:
		v.showNext()
	case fyne.KeyEscape:
		v.close()
	}
}

func (v *viewer) showPrevious() {
	if v.index > 0 {
		v.show(v.index - 1)
	}
}

func (v *viewer) showNext() {
	if v.index < len(v.ids)-1 {
		v.show(v.index + 1)
	}
}

func (v *viewer) close() {
	v.asked.Add(1) // drop a load still running
	v.cancelPrefetch()
	if v.onClose != nil {
		v.onClose()
	}
}

// layout is the top bar over the image, with the side panel on the right.
func (v *viewer) layout() fyne.CanvasObject {
	back := widget.NewButtonWithIcon("Back to photos", theme.NavigateBackIcon(), v.close)
	back.Importance = widget.LowImportance
	nav := container.NewHBox(v.labels, v.skyline, v.onMap, v.position, v.prev, v.next)
	top := container.NewBorder(nil, nil, back, nav, v.title)

	backdrop := canvas.NewRectangle(color.NRGBA{R: 0x16, G: 0x18, B: 0x1c, A: 0xff})
	clip := container.NewScroll(v.frame) // clips the zoomed photo to its place
	clip.Direction = container.ScrollNone
	picture := container.NewStack(backdrop, container.NewPadded(clip), container.NewCenter(v.status))

	panel := container.NewVBox(
		sectionHeading("Peaks in this photo"), v.peaks,
		widget.NewSeparator(),
		sectionHeading("Details"), v.details,
	)
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(viewerPanelWidth, 0))
	v.panel = container.NewVScroll(container.NewPadded(panel))
	side := container.NewStack(width, v.panel)

	return container.NewBorder(container.NewPadded(top), nil, nil, side, picture)
}

// show asks for photo i: the cached thumbnail at once, then the record and the full image off the UI goroutine.
func (v *viewer) show(i int) {
	if i < 0 || i >= len(v.ids) {
		return
	}
	v.index = i
	if v.onPage != nil {
		v.onPage(i)
	}
	n := v.asked.Add(1)
	v.cancelPrefetch()
	v.shownFile, v.detailed = "", false
	id := v.ids[i]
	v.position.SetText(fmt.Sprintf("%d of %d", i+1, len(v.ids)))
	v.prev.Disable()
	if i > 0 {
		v.prev.Enable()
	}
	v.next.Disable()
	if i < len(v.ids)-1 {
		v.next.Enable()
	}
	v.setImage(nil, "")
	v.frame.setLabels(nil)
	v.frame.setHorizon(nil)
	if v.src.thumbPath != nil {
		v.setImage(nil, v.src.thumbPath(id))
	}
	v.status.SetText("Loading…")
	go v.load(n, id, v.screenSide())
}

// screenSide is the size in pixels to decode photos at for the frame: its longer side on the screen (the
// window's before the frame is laid out), rounded up to screenSideStep, at most viewerMaxSide.
func (v *viewer) screenSide() int {
	size, scale := v.frame.Size(), float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.frame); c != nil {
		scale = c.Scale()
		if size.Width < 1 || size.Height < 1 {
			size = c.Size()
		}
	}
	side := int(math.Ceil(float64(max(size.Width, size.Height) * scale)))
	side = (side + screenSideStep - 1) / screenSideStep * screenSideStep
	return max(screenSideStep, min(side, viewerMaxSide))
}

// load reads photo id's record and its image at side for request n and hands each back as soon as it is ready.
func (v *viewer) load(n int64, id string, side int) {
	p, err := v.src.photo(id)
	fyne.Do(func() {
		if v.asked.Load() == n {
			v.showInfo(id, p, err)
			if err != nil {
				v.done()
			}
		}
	})
	if err != nil || v.asked.Load() != n {
		return
	}
	v.loadHorizon(n, p)
	// Its own error variable: the closure above may still read err on the UI goroutine.
	img, imgErr := v.images.get(context.Background(), p.File(), side)
	fyne.Do(func() {
		if v.asked.Load() != n {
			return
		}
		if imgErr != nil {
			v.status.SetText(aboutFile(p.File(), imgErr))
		} else {
			v.status.SetText("")
			v.setImage(img, "")
			v.shownFile = p.File()
			v.prefetch(side)
		}
		v.done()
	})
}

// prefetch decodes the photos after and before the one shown at side in the background, so paging to them
// shows them sharp at once; the next photo, or closing, cancels it.
func (v *viewer) prefetch(side int) {
	v.cancelPrefetch()
	ctx, cancel := context.WithCancel(context.Background())
	v.stopPrefetch = cancel
	var ids []string
	for _, j := range []int{v.index + 1, v.index - 1} {
		if j >= 0 && j < len(v.ids) {
			ids = append(ids, v.ids[j])
		}
	}
	go func() {
		for _, id := range ids {
			if ctx.Err() != nil {
				return
			}
			p, err := v.src.photo(id)
			if err != nil {
				continue // paging there says why
			}
			if _, err := v.images.get(ctx, p.File(), side); err != nil && ctx.Err() == nil {
				fyne.LogError("viewer: decode ahead "+p.Rel, err)
			}
		}
	}()
}

func (v *viewer) cancelPrefetch() {
	if v.stopPrefetch != nil {
		v.stopPrefetch()
		v.stopPrefetch = nil
	}
}

// loadDetail decodes the photo shown at viewerMaxSide the first time it is zoomed in, and swaps it in for
// the screen-sized image, keeping the zoom and pan: the screen's image has too few pixels for a close look.
func (v *viewer) loadDetail(zoom float64) {
	if zoom <= 1 || v.detailed || v.shownFile == "" {
		return
	}
	v.detailed = true
	n, path := v.asked.Load(), v.shownFile
	go func() {
		img, err := v.src.image(path, viewerMaxSide)
		if err != nil {
			fyne.LogError("viewer: detail of "+path, err)
			return
		}
		fyne.Do(func() {
			if v.asked.Load() == n {
				v.img.Image = img
				v.img.Refresh()
				if v.onDetail != nil {
					v.onDetail()
				}
			}
		})
	}()
}

// loadHorizon renders photo p's horizon for request n, when the viewer can: a few milliseconds, more when
// the terrain's tiles are first read. A photo without one (no position or view) shows none.
func (v *viewer) loadHorizon(n int64, p library.Photo) {
	if v.src.horizon == nil {
		return
	}
	lines, err := v.src.horizon(p)
	if err != nil {
		fyne.LogError("viewer: horizon of "+p.Rel, err)
	}
	fyne.Do(func() {
		if v.asked.Load() == n {
			v.frame.setHorizon(lines)
		}
	})
}

func (v *viewer) done() {
	if v.onShown != nil {
		v.onShown()
	}
}

// setImage shows img, or the image file at path (the cached thumbnail) while img loads.
func (v *viewer) setImage(img image.Image, file string) {
	v.img.Image, v.img.File, v.img.Resource = img, file, nil
	aspect := 0.0
	switch {
	case img != nil:
		b := img.Bounds()
		aspect = float64(b.Dx()) / float64(max(b.Dy(), 1))
	case file != "":
		aspect = fileAspect(file)
	}
	v.frame.setPhoto(aspect)
	v.img.Refresh()
}

// fileAspect is the width over the height of the image file at path, from its header; 0 when unreadable.
func fileAspect(path string) float64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	c, _, err := image.DecodeConfig(f)
	if err != nil || c.Height == 0 {
		return 0
	}
	return float64(c.Width) / float64(c.Height)
}

// showInfo fills the title and the side panel with photo p (or the error reading it).
func (v *viewer) showInfo(id string, p library.Photo, err error) {
	v.peaks.RemoveAll()
	v.details.RemoveAll()
	if err != nil {
		v.title.SetText("Photo not found")
		v.status.SetText("This photo is no longer in the library: the album changed since it was scanned. Rescan to update the photos.")
		return
	}
	v.title.SetText(p.Rel)
	v.frame.setLabels(append(peakLabels(p), v.hiddenLabels...))
	v.onMap.Hidden = p.GPS == nil || v.onShowOnMap == nil
	v.onMap.Refresh()
	if len(p.PredictedPeaks) == 0 {
		v.peaks.Add(wrappedLabel("No peak identified: the photo has no GPS position and compass heading, " +
			"and the model saw none it knows."))
	}
	for _, g := range p.PredictedPeaks {
		v.peaks.Add(peakCard(g))
	}
	for _, row := range photoDetails(p) {
		key := widget.NewLabelWithStyle(row[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		v.details.Add(key)
		v.details.Add(wrappedLabel(row[1]))
	}
	v.panel.ScrollToTop()
	v.panel.Refresh() // lays the panel out again for its new height
}

// peakCard is one identified peak: its name and score, then the reasons.
func peakCard(g library.PeakGuess) fyne.CanvasObject {
	return noteText(g.Name, fmt.Sprintf("%.0f%% · %s", 100*g.Score, sourceText(g.Source)), g.Explanation)
}

// noteText is a bold title with a quieter note on the same line and, when given, a wrapped paragraph under
// them: one block of text, so it sits tighter than three labels would.
func noteText(title, note, body string) *widget.RichText {
	head := &widget.TextSegment{Text: title + "  ", Style: widget.RichTextStyleStrong}
	head.Style.Inline = true
	segs := []widget.RichTextSegment{head, quietText(note)}
	if body != "" {
		segs = append(segs, &widget.TextSegment{Text: body, Style: widget.RichTextStyleParagraph})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// quietText is a paragraph in the theme's placeholder colour: readable, but below the main text.
func quietText(text string) *widget.TextSegment {
	return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder}}
}

// sourceText says in words what named a peak.
func sourceText(source string) string {
	switch source {
	case "geometry":
		return "from position and heading"
	case "visual":
		return "from the picture"
	case "both":
		return "position and picture agree"
	}
	return source
}

// photoDetails are the rows of the details form, leaving out what the file does not record.
func photoDetails(p library.Photo) [][2]string {
	var rows [][2]string
	add := func(k, v string) {
		if v != "" {
			rows = append(rows, [2]string{k, v})
		}
	}
	add("Taken", shotTimeText(p.ShotTime))
	add("Place", placeText(p))
	if p.Heading != nil {
		add("Facing", fmt.Sprintf("%.0f° (%s)", *p.Heading, compassPoint(*p.Heading)))
	}
	add("Camera", cameraText(p.Make, p.Model))
	if p.Focal35mm > 0 {
		add("Lens", fmt.Sprintf("%.0f mm (35 mm equivalent)", p.Focal35mm))
	}
	if p.Width > 0 && p.Height > 0 {
		add("Size", fmt.Sprintf("%d × %d px, %.1f MP, %s", p.Width, p.Height,
			float64(p.Width*p.Height)/1e6, strings.ToUpper(p.Format)))
	}
	add("File", p.Path)
	return rows
}

// shotTimeText writes a capture time with its UTC offset, or says that the camera recorded none.
func shotTimeText(s library.ShotTime) string {
	const layout = "Mon 2 Jan 2006, 15:04:05"
	switch {
	case s.IsZero():
		return ""
	case s.HasOffset():
		return s.Time().Format(layout) + " (UTC" + s.Time().Format("-07:00") + ")"
	default:
		return s.Local().Format(layout) + " (camera clock, no time zone)"
	}
}

// placeText is the GPS position in degrees with the hemisphere, and the altitude when recorded.
func placeText(p library.Photo) string {
	if p.GPS == nil {
		return ""
	}
	ns, ew := "N", "E"
	if p.GPS.Lat < 0 {
		ns = "S"
	}
	if p.GPS.Lon < 0 {
		ew = "W"
	}
	s := fmt.Sprintf("%.5f° %s, %.5f° %s", math.Abs(p.GPS.Lat), ns, math.Abs(p.GPS.Lon), ew)
	if p.Altitude != nil {
		s += fmt.Sprintf("\n%.0f m above sea level", *p.Altitude)
	}
	return s
}

// compassPoint names a heading on the 16-point compass rose.
func compassPoint(deg float64) string {
	points := []string{"N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"}
	i := int(math.Round(math.Mod(math.Mod(deg, 360)+360, 360)/22.5)) % len(points)
	return points[i]
}

// cameraText joins make and model, without repeating a make the model already starts with ("Canon Canon EOS").
func cameraText(mk, model string) string {
	if mk != "" && strings.HasPrefix(strings.ToLower(model), strings.ToLower(mk)) {
		return model
	}
	return strings.TrimSpace(mk + " " + model)
}

// sectionHeading is the title of a group in the side panel.
func sectionHeading(text string) fyne.CanvasObject {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyleSubHeading})
}

// wrappedLabel is a label that wraps at word boundaries, for text of any length in the side panel.
func wrappedLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showViewerIn shows v as win's content, with its keys, until it is closed; then it puts back the content and
// key handler the window had, so the grid comes back as it was (scroll position and selection included).
func showViewerIn(win fyne.Window, v *viewer) {
	prevContent := win.Content()
	prevKeys := win.Canvas().OnTypedKey()
	onClose := v.onClose
	v.onClose = func() {
		win.SetContent(prevContent)
		win.Canvas().SetOnTypedKey(prevKeys)
		if onClose != nil {
			onClose()
		}
	}
	prevRunes := win.Canvas().OnTypedRune()
	onClose2 := v.onClose
	v.onClose = func() {
		win.Canvas().SetOnTypedRune(prevRunes)
		onClose2()
	}
	win.SetContent(v.object())
	win.Canvas().SetOnTypedKey(v.typedKey)
	win.Canvas().SetOnTypedRune(v.typedRune)
	v.show(v.index)
}
