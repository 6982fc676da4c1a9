package library

import (
	"testing"
	"time"
)

func TestProgressString(t *testing.T) {
	cases := []struct {
		p    Progress
		want string
	}{
		{Progress{Phase: "listing"}, "Listing photos…"},
		{Progress{Phase: "reading", Done: 10, Total: 100}, "10/100 photos"},
		{Progress{Phase: "reading", Done: 1234, Total: 10000, Rate: 41.24, ETA: 215 * time.Second}, "1234/10000 photos · 41.2/s · ETA 3:35"},
		{Progress{Phase: "reading", Done: 1, Total: 1000000, Rate: 20, ETA: 13*time.Hour + 53*time.Minute + 20*time.Second}, "1/1000000 photos · 20.0/s · ETA 13:53:20"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.p, got, c.want)
		}
	}
}

func TestRateMeterETA(t *testing.T) {
	m := rateMeter{start: time.Now().Add(-10 * time.Second)}
	p := Progress{Done: 50, Total: 150}
	m.update(&p, 50)
	if p.Rate < 4.9 || p.Rate > 5.1 {
		t.Fatalf("rate %.2f, want about 5/s", p.Rate)
	}
	if p.ETA < 19*time.Second || p.ETA > 21*time.Second {
		t.Fatalf("ETA %s, want about 20s for 100 more photos at 5/s", p.ETA)
	}
}
