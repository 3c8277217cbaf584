package packs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"daumoi/data/textnorm"
)

// Load reads one pack (at most MaxPackSize bytes), rejects unknown fields
// and trailing data, normalises every text to NFC and validates the result.
func Load(r io.Reader) (Pack, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPackSize+1))
	if err != nil {
		return Pack{}, fmt.Errorf("reading pack: %w", err)
	}
	if len(data) > MaxPackSize {
		return Pack{}, problem(ErrTooLarge, "", "pack file larger than %d bytes", MaxPackSize)
	}
	if !utf8.Valid(data) {
		return Pack{}, invalidUTF8Problem(data)
	}
	p, err := decode(data)
	if err != nil {
		return Pack{}, err
	}
	normalise(reflect.ValueOf(&p).Elem())
	if err := Validate(p); err != nil {
		return Pack{}, err
	}
	return p, nil
}

func decode(data []byte) (Pack, error) {
	var p Pack
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Pack{}, decodeProblem(data, err)
	}
	rest := int(dec.InputOffset())
	for rest < len(data) && strings.ContainsRune(" \t\r\n", rune(data[rest])) {
		rest++
	}
	if rest < len(data) {
		return Pack{}, problem(ErrMalformed, positionOf(data, int64(rest)), "trailing data after the pack object")
	}
	return p, nil
}

func decodeProblem(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		// Offset counts the bytes read, the offending one included.
		return problem(ErrMalformed, positionOf(data, syntax.Offset-1), "%s", syntax.Error())
	case errors.As(err, &typeErr):
		return problem(ErrMalformed, typeErr.Field, "expected %s, found JSON %s", typeErr.Type, typeErr.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return unknownFieldProblem(data, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return problem(ErrMalformed, "", "unexpected end of JSON input")
	default:
		return problem(ErrMalformed, "", "%s", err.Error())
	}
}

// positionOf turns a byte offset into "line L, column C".
func positionOf(data []byte, offset int64) string {
	if offset < 0 || offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return fmt.Sprintf("line %d, column %d", line, col)
}

// unknownFieldProblem finds where the unknown field is, by walking a generic
// decoding of the document along the Pack type.
func unknownFieldProblem(data []byte, decodeErr error) error {
	var generic any
	if err := json.Unmarshal(data, &generic); err != nil {
		return problem(ErrUnknownField, "", "%s", strings.TrimPrefix(decodeErr.Error(), "json: "))
	}
	if path, name, ok := findUnknown(generic, reflect.TypeOf(Pack{}), ""); ok {
		return problem(ErrUnknownField, path, "unknown field %q", name)
	}
	return problem(ErrUnknownField, "", "%s", strings.TrimPrefix(decodeErr.Error(), "json: "))
}

func findUnknown(v any, t reflect.Type, path string) (string, string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch val := v.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct {
			return "", "", false
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ft, ok := fields[k]
			if !ok {
				return path, k, true
			}
			if p, n, found := findUnknown(val[k], ft, joinPath(path, k)); found {
				return p, n, true
			}
		}
	case []any:
		if t.Kind() != reflect.Slice {
			return "", "", false
		}
		for i, e := range val {
			if p, n, found := findUnknown(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); found {
				return p, n, true
			}
		}
	}
	return "", "", false
}

func joinPath(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	return fields
}

// normalise rewrites every string reachable from v to NFC.
func normalise(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() {
			v.SetString(textnorm.NFC(v.String()))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			normalise(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			normalise(v.Field(i))
		}
	case reflect.Slice:
		for i := range v.Len() {
			normalise(v.Index(i))
		}
	case reflect.Map:
		normaliseMap(v)
	}
}

// normaliseMap rewrites the keys of a string-keyed map, and its values when
// they are strings, to NFC.
func normaliseMap(v reflect.Value) {
	if v.IsNil() || v.Type().Key().Kind() != reflect.String {
		return
	}
	out := reflect.MakeMapWithSize(v.Type(), v.Len())
	iter := v.MapRange()
	for iter.Next() {
		value := iter.Value()
		if value.Kind() == reflect.String {
			value = reflect.ValueOf(textnorm.NFC(value.String())).Convert(v.Type().Elem())
		}
		out.SetMapIndex(reflect.ValueOf(textnorm.NFC(iter.Key().String())).Convert(v.Type().Key()), value)
	}
	v.Set(out)
}
