package library

import (
	"encoding/json"
	"fmt"
	"time"
)

// ShotTime is when a photo was taken, on the camera's own clock: the wall-clock time, to the millisecond when
// the file records sub-seconds (the photos of a burst share their second), and, when the file recorded it,
// the UTC offset. Its JSON form is the CLI contract's shot_time: RFC 3339 with the offset, or a bare
// "2006-01-02T15:04:05" when the file recorded none, since pretending it was UTC would move it by hours; either
// with ".000" milliseconds after the seconds when they are not zero.
type ShotTime struct {
	local     time.Time // the wall clock, held in UTC's representation, whole milliseconds; zero when unknown
	hasOffset bool
	offset    int // seconds east of UTC, when hasOffset
}

// localLayout is how a capture time is written when the file records no UTC offset: the camera's wall clock.
const localLayout = "2006-01-02T15:04:05"

// The layouts of a capture time with sub-seconds: milliseconds, the precision ShotTime keeps.
const (
	localMilliLayout   = "2006-01-02T15:04:05.000"
	instantMilliLayout = "2006-01-02T15:04:05.000Z07:00"
)

// NewShotTime is the capture time t, whose location is the photo's UTC offset when hasOffset is true and is
// ignored (the wall clock only) when it is false. Sub-seconds are kept to the millisecond.
func NewShotTime(t time.Time, hasOffset bool) ShotTime {
	ms := t.Nanosecond() / int(time.Millisecond) * int(time.Millisecond)
	s := ShotTime{local: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), ms, time.UTC)}
	if hasOffset {
		_, s.offset = t.Zone()
		s.hasOffset = true
	}
	return s
}

// ParseShotTime reads a shot_time as the CLI contract writes it, with or without sub-seconds (Go's parser
// takes a fraction after the seconds of either layout).
func ParseShotTime(s string) (ShotTime, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return NewShotTime(t, true), nil
	}
	t, err := time.Parse(localLayout, s)
	if err != nil {
		return ShotTime{}, fmt.Errorf("shot time %q: want RFC 3339 or %s", s, localLayout)
	}
	return NewShotTime(t, false), nil
}

// IsZero tells whether the capture time is unknown.
func (s ShotTime) IsZero() bool { return s.local.IsZero() }

// Local is the wall-clock time on the camera's clock, as a time in UTC: what date filters and sorting compare,
// the same whether or not the offset is known.
func (s ShotTime) Local() time.Time { return s.local }

// Instant is the moment the photo was taken, when the offset is known.
func (s ShotTime) Instant() (time.Time, bool) {
	if !s.hasOffset {
		return time.Time{}, false
	}
	return s.Time(), true
}

// Time is the capture time in the photo's own offset, or in a zone of no offset when it is unknown.
func (s ShotTime) Time() time.Time {
	if !s.hasOffset {
		return s.local
	}
	zone := time.FixedZone("", s.offset)
	return time.Date(s.local.Year(), s.local.Month(), s.local.Day(), s.local.Hour(), s.local.Minute(), s.local.Second(), s.local.Nanosecond(), zone)
}

// HasOffset tells whether the file recorded the UTC offset.
func (s ShotTime) HasOffset() bool { return s.hasOffset }

// String is the contract's form, or "" when unknown. A time without sub-seconds is written exactly as before
// they were kept, so a record's text changes only when the file records them.
func (s ShotTime) String() string {
	sub := s.local.Nanosecond() != 0
	switch {
	case s.IsZero():
		return ""
	case s.hasOffset && sub:
		return s.Time().Format(instantMilliLayout)
	case s.hasOffset:
		return s.Time().Format(time.RFC3339)
	case sub:
		return s.local.Format(localMilliLayout)
	default:
		return s.local.Format(localLayout)
	}
}

// MarshalJSON writes the contract's string.
func (s ShotTime) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads the contract's string; an empty one is an unknown time.
func (s *ShotTime) UnmarshalJSON(b []byte) error {
	var text string
	if err := json.Unmarshal(b, &text); err != nil {
		return err
	}
	if text == "" {
		*s = ShotTime{}
		return nil
	}
	t, err := ParseShotTime(text)
	if err != nil {
		return err
	}
	*s = t
	return nil
}
