package library

import (
	"testing"
	"time"
)

// TestCoreShareTakesTurns: a tower run asking for both cores waits for a decode that holds one, and a decode
// asking after it waits behind it even though a core is free, so decodes cannot starve the tower.
func TestCoreShareTakesTurns(t *testing.T) {
	c := newCoreShare(2)
	decoding := c.hold(1)
	tower, decode := make(chan func()), make(chan func())
	go func() { tower <- c.hold(2) }()
	waitUntil := func(what string, ch chan func()) func() {
		select {
		case release := <-ch:
			return release
		case <-time.After(10 * time.Second):
			t.Fatalf("%s never got its cores", what)
			return nil
		}
	}
	notYet := func(what string, ch chan func()) {
		select {
		case <-ch:
			t.Fatalf("%s got cores that were not free for it", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
	notYet("the tower, while a decode holds a core,", tower)
	go func() { decode <- c.hold(1) }()
	notYet("a later decode, while the tower waits,", decode)
	decoding()
	towerDone := waitUntil("the tower", tower)
	notYet("the later decode, while the tower runs,", decode)
	towerDone()
	waitUntil("the later decode", decode)()
	all := make(chan func())
	go func() { all <- c.hold(5) }() // more than there are: all of them
	waitUntil("a run asking for more cores than there are", all)()
}
