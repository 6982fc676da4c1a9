package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
)

// cellSize is the size of one thumbnail in the grid.
var cellSize = fyne.NewSize(200, 180)

// photoGrid is the virtualised thumbnail grid: only the visible cells exist, and each loads its thumbnail from
// the library's cache when it scrolls into view.
type photoGrid struct {
	photos    []library.Photo
	thumbPath func(id string) string
	grid      *widget.GridWrap
	onSelect  func(library.Photo)
}

func newPhotoGrid(thumbPath func(id string) string) *photoGrid {
	g := &photoGrid{thumbPath: thumbPath}
	g.grid = widget.NewGridWrap(
		func() int { return len(g.photos) },
		g.newCell,
		func(i widget.GridWrapItemID, o fyne.CanvasObject) { g.updateCell(i, o) },
	)
	g.grid.OnSelected = func(i widget.GridWrapItemID) {
		if g.onSelect != nil && i < len(g.photos) {
			g.onSelect(g.photos[i])
		}
	}
	return g
}

func (g *photoGrid) object() fyne.CanvasObject { return g.grid }

func (g *photoGrid) setPhotos(photos []library.Photo) {
	g.photos = photos
	g.grid.Refresh()
}

func (g *photoGrid) newCell() fyne.CanvasObject {
	img := canvas.NewImageFromResource(nil)
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleFastest
	img.SetMinSize(fyne.NewSize(cellSize.Width, cellSize.Height-36))
	caption := widget.NewLabel("")
	caption.Alignment = fyne.TextAlignCenter
	caption.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, caption, nil, nil, img)
}

func (g *photoGrid) updateCell(i int, o fyne.CanvasObject) {
	if i >= len(g.photos) {
		return
	}
	p := g.photos[i]
	box := o.(*fyne.Container)
	img := box.Objects[0].(*canvas.Image)
	caption := box.Objects[1].(*widget.Label)
	if path := g.thumbPath(p.ID); img.File != path {
		img.File = path
		img.Resource = nil
		img.Refresh()
	}
	caption.SetText(captionText(p))
}

// captionText is the line under a thumbnail: the capture time (or the file name when there is none) and
// the peak the photo most probably shows.
func captionText(p library.Photo) string {
	text := p.Rel
	if local, _, err := library.ParseShotTime(p.ShotTime); err == nil {
		text = local.Format("2 Jan 2006 15:04")
	}
	if len(p.PredictedPeaks) > 0 {
		text += " · " + p.PredictedPeaks[0].Name
	}
	return text
}
