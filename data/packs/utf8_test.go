package packs

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestInvalidUTF8Refused replaces one character of the minimal pack with
// a byte that is not UTF-8, in a value and in a key: Load refuses the
// pack (instead of storing U+FFFD) and names where the byte is.
func TestInvalidUTF8Refused(t *testing.T) {
	cases := []struct{ old, new, path, where string }{
		{`"Báo cáo sự cố"`, "\"B\xe1o c\xe1o\"", "obligations[1].title_vi: ", "line 23, column"},
		{`"Danh mục"`, "\"Danh m\xffc\"", "catalogues[0].title.vi: ", "line 12"},
		{`"ref": "Điều 1"`, "\"r\xc0f\": \"Điều 1\"", "catalogues[0].items[0].source.r\uFFFDf: ", "line 13"},
		{`"Gói tối thiểu"`, "\"G\xf3i\"", "title.vi: ", "line 4, column 20"},
	}
	for _, c := range cases {
		data := bytes.Replace(minimalJSON(t), []byte(c.old), []byte(c.new), 1)
		if bytes.Equal(data, minimalJSON(t)) {
			t.Fatalf("%q not in the minimal pack", c.old)
		}
		_, err := Load(bytes.NewReader(data))
		if !errors.Is(err, ErrInvalidUTF8) || !strings.HasPrefix(err.Error(), c.path) || !strings.Contains(err.Error(), c.where) {
			t.Errorf("%q: %v, want %s… %s", c.new, err, c.path, c.where)
		}
	}
}

// TestInvalidUTF8SeedFile keeps a broken seed for the fuzzer.
func TestInvalidUTF8SeedFile(t *testing.T) {
	data, err := os.ReadFile("testdata/broken/invalid-utf8.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bytes.NewReader(data)); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("invalid-utf8.json: %v", err)
	}
}
