package library

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/peaks"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in       string
		end      bool
		want     string
		wantFail bool
	}{
		{"2023-10-31", false, "2023-10-31T00:00:00", false},
		{"2023-10-31", true, "2023-10-31T23:59:59", false},
		{"2023-10", true, "2023-10-31T23:59:59", false},
		{"2023", true, "2023-12-31T23:59:59", false},
		{"2023-10-31T06:20", true, "2023-10-31T06:20:59", false},
		{"2023-10-31 06:20:05", true, "2023-10-31T06:20:05", false},
		{"31/10/2023", false, "", true},
		{"2023-02-30", false, "", true},
	} {
		got, err := ParseDate(c.in, c.end)
		if (err != nil) != c.wantFail || err == nil && got.Format(localLayout) != c.want {
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %s", c.in, c.end, got, err, c.want)
		}
	}
}

// FuzzParseQuery: the parsers of the query flags never panic, and what they accept makes sense.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"27.9,86.8,5", "27.8,86.7,28.0,86.9", "2023-10-31", "2023-10-31T06:20", "2023", "newest",
		"", ",", "NaN,1,1", "1e400,0,1", "-90,-180,0.001", "30,170,45,-100", "2023-10-31T25:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := ParseNear(s); err == nil {
			if c.KM <= 0 || math.Abs(c.Lat) > 90 || math.Abs(c.Lon) > 180 || math.IsInf(c.KM, 0) {
				t.Errorf("ParseNear(%q) accepted %+v", s, c)
			}
			f := Query{Near: c}.rowFilter(newPhotoTable(nil, nil))
			f.allows(&tableRow{flags: flagGPS, Lat: c.Lat, Lon: c.Lon})
		}
		if b, err := ParseBox(s); err == nil && (b.South > b.North || math.Abs(b.South) > 90 || math.Abs(b.East) > 180) {
			t.Errorf("ParseBox(%q) accepted %+v", s, b)
		}
		from, err1 := ParseDate(s, false)
		to, err2 := ParseDate(s, true)
		if (err1 == nil) != (err2 == nil) || err1 == nil && (to.Before(from) || to.Sub(from) > 366*24*time.Hour) {
			t.Errorf("ParseDate(%q): from %v (%v), to %v (%v)", s, from, err1, to, err2)
		}
		ParseSort(s)
	})
}

// TestNearPreTestsNeverReject: the cheap latitude and longitude tests before the great circle never drop a
// photo that is within the distance, at any latitude and across the antimeridian.
func TestNearPreTestsNeverReject(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	tab := newPhotoTable(nil, nil)
	for range 200_000 {
		c := &Circle{Lat: r.Float64()*178 - 89, Lon: r.Float64()*360 - 180, KM: math.Exp(r.Float64() * 8)}
		row := tableRow{flags: flagGPS, Lat: math.Max(-90, math.Min(90, c.Lat+r.NormFloat64()*c.KM/60)), Lon: c.Lon + r.NormFloat64()*c.KM/40}
		if row.Lon > 180 {
			row.Lon -= 360
		} else if row.Lon < -180 {
			row.Lon += 360
		}
		f := Query{Near: c}.rowFilter(tab)
		if within := peaks.DistanceKM(c.Lat, c.Lon, row.Lat, row.Lon) <= c.KM; f.allows(&row) != within {
			t.Fatalf("circle %+v, point %.5f,%.5f: allows %v, distance says %v", c, row.Lat, row.Lon, !within, within)
		}
	}
}

func TestParseDates(t *testing.T) {
	from, to, err := ParseDates("2023-10", " 2023-10-05 ")
	if err != nil || !from.Equal(time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)) || !to.Equal(time.Date(2023, 10, 5, 23, 59, 59, 0, time.UTC)) {
		t.Errorf("ParseDates: %v %v %v", from, to, err)
	}
	if _, _, err := ParseDates("2023-10-06", "2023-10-05"); err == nil {
		t.Error("a range ending before it starts was taken")
	}
	if _, _, err := ParseDates("", ""); err != nil {
		t.Errorf("no dates: %v", err)
	}
}

// TestShotTimeRoundTrip: both forms of the contract's shot_time read back to the same wall clock, and write
// back as they were.
func TestShotTimeRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		text      string
		hasOffset bool
		ms        int
	}{
		{"2023-10-12T09:41:07+05:45", true, 0},
		{"2023-10-12T09:41:07Z", true, 0},
		{"2023-10-12T09:41:07", false, 0},
		{"2023-10-12T09:41:07.123+05:45", true, 123},
		{"2023-10-12T09:41:07.050Z", true, 50},
		{"2023-10-12T09:41:07.700", false, 700},
	} {
		s, err := ParseShotTime(tc.text)
		if err != nil {
			t.Fatalf("%s: %v", tc.text, err)
		}
		if s.String() != tc.text || s.HasOffset() != tc.hasOffset {
			t.Errorf("%s: reads back as %q (offset %v)", tc.text, s.String(), s.HasOffset())
		}
		if want := time.Date(2023, 10, 12, 9, 41, 7, tc.ms*int(time.Millisecond), time.UTC); !s.Local().Equal(want) {
			t.Errorf("%s: wall clock %v, want %v", tc.text, s.Local(), want)
		}
		var p Photo
		if err := json.Unmarshal([]byte(`{"shot_time":"`+tc.text+`"}`), &p); err != nil || p.ShotTime != s {
			t.Errorf("%s: JSON reads %+v, %v", tc.text, p.ShotTime, err)
		}
	}
	if b, _ := json.Marshal(Photo{}); containsKey(b, "shot_time") {
		t.Errorf("an unknown time is written: %s", b)
	}
	if _, err := ParseShotTime("12/10/2023"); err == nil {
		t.Error("a malformed time was read")
	}
}

func containsKey(b []byte, key string) bool {
	var m map[string]any
	json.Unmarshal(b, &m)
	_, ok := m[key]
	return ok
}
