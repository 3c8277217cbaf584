package packs

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// invalidUTF8Problem locates the first byte of data that is not UTF-8: the
// path of the JSON value (or key) holding it, and its line and column.
func invalidUTF8Problem(data []byte) error {
	at := firstInvalidUTF8(data)
	where := positionOf(data, int64(at))
	return problem(ErrInvalidUTF8, jsonPathAt(data, at), "text is not valid UTF-8 (%s)", where)
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// pathFrame is one open object or array while walking the tokens.
type pathFrame struct {
	array bool
	index int    // next element of an array
	key   string // current key of an object
	isKey bool   // the next string token of an object is a key
}

// jsonPathAt walks data's tokens to the one that ends past offset and
// returns its path ("obligations[2].title.vi"); "" if data is not JSON
// that far.
func jsonPathAt(data []byte, offset int) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []pathFrame
	for {
		path := framesPath(stack)
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if int(dec.InputOffset()) > offset {
			if len(stack) > 0 && !stack[len(stack)-1].array && stack[len(stack)-1].isKey {
				if key, ok := tok.(string); ok {
					return joinPath(path, key)
				}
			}
			return path
		}
		stack = step(stack, tok)
	}
}

// framesPath is the path of the value the next token starts.
func framesPath(stack []pathFrame) string {
	path := ""
	for _, f := range stack {
		if f.array {
			path += "[" + strconv.Itoa(f.index) + "]"
		} else if !f.isKey {
			path = joinPath(path, f.key)
		}
	}
	return path
}

// step updates the stack after tok.
func step(stack []pathFrame, tok json.Token) []pathFrame {
	if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
		stack = stack[:len(stack)-1]
		return valueDone(stack)
	}
	if len(stack) > 0 {
		top := &stack[len(stack)-1]
		if !top.array && top.isKey {
			top.key, top.isKey = tok.(string), false
			return stack
		}
	}
	if d, ok := tok.(json.Delim); ok {
		return append(stack, pathFrame{array: d == '[', isKey: d == '{'})
	}
	return valueDone(stack)
}

// valueDone moves the innermost container past a complete value.
func valueDone(stack []pathFrame) []pathFrame {
	if len(stack) == 0 {
		return stack
	}
	top := &stack[len(stack)-1]
	if top.array {
		top.index++
	} else {
		top.isKey = true
	}
	return stack
}
