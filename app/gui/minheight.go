package gui

import "fyne.io/fyne/v2"

// tabMinHeight bounds the minimum height of the tabs' contents, which is otherwise a whole row of thumbnails
// or the map's controls: both scroll or pan, and a short window (1024×600 at scale 2 is 300 units high) must
// not grow past the screen to hold them whole.
const tabMinHeight = 96

// shortMin lays out one object over the whole space while asking for at most height of it.
type shortMin float32

func (h shortMin) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width, min(m.Height, float32(h)))
}

func (h shortMin) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.Position{})
	objs[0].Resize(size)
}
