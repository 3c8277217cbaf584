package office

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// ItemsDecoder decodes the results intake keeps for bundles (each a
// JSON array of SystemItems), as json.Unmarshal does but several times
// faster on what intake writes: the office rolls up every agency's
// results of five years at once. The strings (requirement keys and
// outcomes, which repeat across bundles) are shared, and each system's
// map is made the size of the last one. Anything the fast path does not
// expect (escapes, other members, null) is decoded by json.Unmarshal, so
// the result is always the same. The zero value is ready to use.
type ItemsDecoder struct {
	intern map[string]string
	size   int
}

// Decode decodes one bundle's results.
func (d *ItemsDecoder) Decode(data []byte) ([]SystemItems, error) {
	if d.intern == nil {
		d.intern = map[string]string{}
	}
	sc := &itemsScanner{data: data, ok: true, intern: d.intern, size: d.size}
	if out, ok := sc.systems(); ok {
		d.size = sc.size
		return out, nil
	}
	var out []SystemItems
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// itemsScanner reads the JSON intake writes, byte by byte; ok turns
// false at the first thing it does not expect.
type itemsScanner struct {
	data   []byte
	pos    int
	ok     bool
	intern map[string]string
	size   int // of the last system's map
}

// systems reads the whole document, or says it could not.
func (sc *itemsScanner) systems() ([]SystemItems, bool) {
	out := []SystemItems{}
	sc.expect('[')
	if sc.peek() == ']' {
		sc.pos++
	} else {
		for sc.ok {
			out = append(out, sc.system())
			if sc.next() != ',' {
				sc.pos--
				sc.expect(']')
				break
			}
		}
	}
	sc.skipSpace()
	return out, sc.ok && sc.pos == len(sc.data)
}

// system reads one {"system": …, "items": {…}}.
func (sc *itemsScanner) system() SystemItems {
	var si SystemItems
	sc.expect('{')
	for sc.ok {
		switch name := sc.str(); name {
		case "system":
			sc.expect(':')
			si.System = sc.str()
		case "items":
			sc.expect(':')
			si.Items = sc.items()
		default:
			sc.ok = false
		}
		if sc.next() != ',' {
			sc.pos--
			sc.expect('}')
			break
		}
	}
	return si
}

// items reads {"key": "outcome", …}.
func (sc *itemsScanner) items() map[string]ItemResult {
	out := make(map[string]ItemResult, sc.size)
	defer func() { sc.size = len(out) }()
	sc.expect('{')
	if sc.peek() == '}' {
		sc.pos++
		return out
	}
	for sc.ok {
		k := sc.str()
		sc.expect(':')
		out[k] = ItemResult(sc.str())
		if sc.next() != ',' {
			sc.pos--
			sc.expect('}')
			break
		}
	}
	return out
}

// str reads a string without escapes, valid UTF-8.
func (sc *itemsScanner) str() string {
	sc.expect('"')
	if !sc.ok {
		return ""
	}
	end := bytes.IndexByte(sc.data[sc.pos:], '"')
	if end < 0 {
		sc.ok = false
		return ""
	}
	raw := sc.data[sc.pos : sc.pos+end]
	sc.pos += end + 1
	for _, c := range raw {
		if c == '\\' || c < 0x20 {
			sc.ok = false
			return ""
		}
	}
	if !utf8.Valid(raw) {
		sc.ok = false
		return ""
	}
	if s, ok := sc.intern[string(raw)]; ok {
		return s
	}
	s := string(raw)
	sc.intern[s] = s
	return s
}

// next is the next byte after spaces (0 at the end).
func (sc *itemsScanner) next() byte {
	sc.skipSpace()
	if sc.pos >= len(sc.data) {
		sc.pos++
		return 0
	}
	c := sc.data[sc.pos]
	sc.pos++
	return c
}

// peek is the next byte after spaces, not consumed.
func (sc *itemsScanner) peek() byte {
	sc.skipSpace()
	if sc.pos >= len(sc.data) {
		return 0
	}
	return sc.data[sc.pos]
}

// expect consumes c after spaces.
func (sc *itemsScanner) expect(c byte) {
	if sc.ok && sc.next() != c {
		sc.ok = false
	}
}

func (sc *itemsScanner) skipSpace() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}
