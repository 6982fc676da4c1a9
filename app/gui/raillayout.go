package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// minPhotosWidth is the width the photos keep beside the rail. A window narrower than railWidth and this
// (1024×600 at scale 2 is 512 units wide) folds the rail away and opens it as a drawer over the photos with
// the rail's button, as the photo apps do on a phone-sized window.
const minPhotosWidth = 440

// railPlace lays out the photos and the rail: the rail beside the photos where there is room for both (unless
// hidden), else folded away or, when opened, over the photos' left side. It is a fyne.Layout for a
// container of two objects, the photos then the rail.
type railPlace struct {
	hidden bool // hidden by the user where there is room: remembered between runs
	drawer bool // open over the photos where there is no room
	narrow bool // no room beside the photos at the last layout
}

// toggle shows or hides the rail: beside the photos where there is room, as a drawer where there is not.
func (p *railPlace) toggle() {
	if p.narrow {
		p.drawer = !p.drawer
		return
	}
	p.hidden = !p.hidden
}

// shown reports whether the rail is on screen.
func (p *railPlace) shown() bool {
	if p.narrow {
		return p.drawer
	}
	return !p.hidden
}

func (p *railPlace) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	photos, rail := objs[0], objs[1]
	p.narrow = size.Width < railWidth+minPhotosWidth
	if shown := p.shown(); shown != rail.Visible() {
		if shown {
			rail.Show()
		} else {
			rail.Hide()
		}
	}
	switch {
	case p.narrow:
		photos.Move(fyne.Position{})
		photos.Resize(size)
		rail.Move(fyne.Position{})
		rail.Resize(fyne.NewSize(min(railWidth, size.Width), size.Height))
	case !rail.Visible():
		photos.Move(fyne.Position{})
		photos.Resize(size)
	default:
		gap := theme.Padding()
		rail.Move(fyne.Position{})
		rail.Resize(fyne.NewSize(railWidth, size.Height))
		photos.Move(fyne.NewPos(railWidth+gap, 0))
		photos.Resize(fyne.NewSize(size.Width-railWidth-gap, size.Height))
	}
}

// MinSize is the photos' with the rail's height: the rail never makes the window wider.
func (p *railPlace) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width, max(m.Height, objs[1].MinSize().Height))
}

// railBeside puts rail beside or over photos as place says; the rail gets the window's background, so that as
// a drawer the photos do not show through it.
func railBeside(place *railPlace, rail, photos fyne.CanvasObject) *fyne.Container {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return container.New(place, photos, container.NewStack(bg, rail))
}
