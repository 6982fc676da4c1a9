package tokenizer

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A tokenizer.json is mostly its vocabulary and merges (17 MB for Gemma's 256k tokens and 580k merges);
// encoding/json takes seconds over them. This scanner finds the top-level sections and reads the two large
// tables directly; the small sections still go through encoding/json.

// scanner reads JSON from data; pos is the next byte. Errors carry the offset.
type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("json at byte %d: %s", s.pos, fmt.Sprintf(format, args...))
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// expect consumes byte c after optional space.
func (s *scanner) expect(c byte) error {
	s.skipSpace()
	if s.pos >= len(s.data) || s.data[s.pos] != c {
		return s.errorf("want %q", c)
	}
	s.pos++
	return nil
}

// peek returns the next non-space byte without consuming it (0 at the end).
func (s *scanner) peek() byte {
	s.skipSpace()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// str reads a JSON string.
func (s *scanner) str() (string, error) {
	b, err := s.appendStr(nil)
	return string(b), err
}

// appendStr reads a JSON string and appends its decoded bytes to dst.
func (s *scanner) appendStr(dst []byte) ([]byte, error) {
	if err := s.expect('"'); err != nil {
		return dst, err
	}
	for s.pos < len(s.data) {
		start := s.pos
		for s.pos < len(s.data) && s.data[s.pos] != '"' && s.data[s.pos] != '\\' && s.data[s.pos] >= 0x20 {
			s.pos++
		}
		dst = append(dst, s.data[start:s.pos]...)
		if s.pos >= len(s.data) {
			break
		}
		switch c := s.data[s.pos]; {
		case c == '"':
			s.pos++
			return dst, nil
		case c < 0x20:
			return dst, s.errorf("control character in string")
		}
		var err error
		if dst, err = s.escape(dst); err != nil {
			return dst, err
		}
	}
	return dst, s.errorf("unterminated string")
}

// skipStr steps over a string without decoding it; its escapes are checked when it is decoded.
func (s *scanner) skipStr() error {
	if err := s.expect('"'); err != nil {
		return err
	}
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '"':
			s.pos++
			return nil
		case '\\':
			s.pos += 2
		default:
			s.pos++
		}
	}
	return s.errorf("unterminated string")
}

// escape decodes the backslash escape at pos.
func (s *scanner) escape(dst []byte) ([]byte, error) {
	if s.pos+1 >= len(s.data) {
		return dst, s.errorf("unterminated escape")
	}
	e := s.data[s.pos+1]
	s.pos += 2
	switch e {
	case '"', '\\', '/':
		return append(dst, e), nil
	case 'b':
		return append(dst, '\b'), nil
	case 'f':
		return append(dst, '\f'), nil
	case 'n':
		return append(dst, '\n'), nil
	case 'r':
		return append(dst, '\r'), nil
	case 't':
		return append(dst, '\t'), nil
	case 'u':
		r, err := s.hex4()
		if err != nil {
			return dst, err
		}
		if utf16.IsSurrogate(r) {
			// A valid pair makes one rune; a lone surrogate becomes U+FFFD, as encoding/json does.
			lo := rune(utf8.RuneError)
			if s.pos+1 < len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
				save := s.pos
				s.pos += 2
				if second, err := s.hex4(); err == nil && utf16.DecodeRune(r, second) != utf8.RuneError {
					lo = utf16.DecodeRune(r, second)
				} else {
					s.pos = save
				}
			}
			r = lo
		}
		return utf8.AppendRune(dst, r), nil
	}
	return dst, s.errorf("bad escape \\%c", e)
}

func (s *scanner) hex4() (rune, error) {
	if s.pos+4 > len(s.data) {
		return 0, s.errorf("short \\u escape")
	}
	v, err := strconv.ParseUint(string(s.data[s.pos:s.pos+4]), 16, 32)
	if err != nil {
		return 0, s.errorf("bad \\u escape")
	}
	s.pos += 4
	return rune(v), nil
}

// integer reads a non-negative JSON integer that fits an int32 (token ids).
func (s *scanner) integer() (int, error) {
	s.skipSpace()
	start, n := s.pos, 0
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		n = n*10 + int(s.data[s.pos]-'0')
		if n > 1<<31-1 {
			return 0, s.errorf("id too large")
		}
		s.pos++
	}
	if s.pos == start {
		return 0, s.errorf("want a non-negative integer")
	}
	if s.pos < len(s.data) && (s.data[s.pos] == '.' || s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		return 0, s.errorf("want an integer")
	}
	return n, nil
}

// skipValue consumes any JSON value and returns its bytes.
func (s *scanner) skipValue() ([]byte, error) {
	s.skipSpace()
	start := s.pos
	if s.pos >= len(s.data) {
		return nil, s.errorf("want a value")
	}
	switch c := s.data[s.pos]; {
	case c == '"':
		if err := s.skipStr(); err != nil {
			return nil, err
		}
	case c == '{' || c == '[':
		if err := s.skipContainer(); err != nil {
			return nil, err
		}
	default:
		for s.pos < len(s.data) {
			c := s.data[s.pos]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				break
			}
			s.pos++
		}
		if s.pos == start {
			return nil, s.errorf("want a value")
		}
	}
	raw := s.data[start:s.pos]
	if !json.Valid(raw) && (raw[0] != '{' && raw[0] != '[' && raw[0] != '"') {
		return nil, s.errorf("bad value %q", raw)
	}
	return raw, nil
}

// skipContainer skips a balanced object or array, stepping over strings; the contents are checked later
// by whoever decodes them.
func (s *scanner) skipContainer() error {
	depth := 0
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '"':
			if err := s.skipStr(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.pos++
				return nil
			}
		}
		s.pos++
	}
	return s.errorf("unterminated object or array")
}

// object calls fn for each key of the object that starts at the next byte; fn must consume the value.
func (s *scanner) object(fn func(key string) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	for {
		key, err := s.str()
		if err != nil {
			return err
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.errorf("want , or }")
		}
	}
}

// array calls fn for each element of the array that starts at the next byte; fn must consume it.
func (s *scanner) array(fn func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for {
		if err := fn(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.errorf("want , or ]")
		}
	}
}

// sections splits a JSON object into its keys' raw values; the object under key nested (when not "") is
// split too, in the same pass, and returned as the second map.
func sections(data []byte, nested string) (map[string]json.RawMessage, map[string]json.RawMessage, error) {
	s := &scanner{data: data}
	top, inner, err := s.sections(nested)
	if err != nil {
		return nil, nil, err
	}
	if s.peek() != 0 {
		return nil, nil, s.errorf("data after the object")
	}
	return top, inner, nil
}

func (s *scanner) sections(nested string) (map[string]json.RawMessage, map[string]json.RawMessage, error) {
	out := map[string]json.RawMessage{}
	var inner map[string]json.RawMessage
	err := s.object(func(key string) error {
		start := s.pos
		if key == nested && nested != "" && s.peek() == '{' {
			var err error
			inner, _, err = s.sections("")
			out[key] = s.data[start:s.pos]
			return err
		}
		raw, err := s.skipValue()
		out[key] = raw
		return err
	})
	return out, inner, err
}

// isNull says whether a raw section is absent or null.
func isNull(raw []byte) bool {
	s := &scanner{data: raw}
	return s.peek() == 0 || string(raw[s.pos:]) == "null"
}
