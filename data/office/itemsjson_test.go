package office

import (
	"encoding/json"
	"reflect"
	"testing"
)

// itemsSeeds are documents the fast path reads and ones it leaves to
// json.Unmarshal.
var itemsSeeds = []string{
	`[]`, ` [ ] `, `[{"system":"1","items":{"ct11/1a":"met","tt12-2022/QL-1.1":"not_met"}}]`,
	`[{"system":"1","items":{}},{"items":{"a":"partly"},"system":"2"}]`,
	`[{"system":"Hệ thống","items":{"p/1":"met","p/1":"not_met"}}]`,
	"[{\"system\":\"1\",\"items\":{\"p/\\u0031\":\"met\"}}]", `[{"System":"1"}]`, `null`, `[{"system":"1","items":null}]`,
	`[{"system":"1","extra":2}]`, `[{"system":"1"},]`, `[{"system":"1"}`, `{`, "[{\"system\":\"\xff\"}]", `[] x`, ``,
}

// TestDecodeSystemItemsAsJSON: ItemsDecoder's fast path gives what json.Unmarshal
// gives, and fails where it fails.
func TestDecodeSystemItemsAsJSON(t *testing.T) {
	for _, s := range itemsSeeds {
		checkDecodeAsJSON(t, []byte(s))
	}
	sc := &itemsScanner{data: []byte(itemsSeeds[2]), ok: true, intern: map[string]string{}}
	if _, ok := sc.systems(); !ok {
		t.Error("what intake writes is not read by the fast path")
	}
}

func checkDecodeAsJSON(t *testing.T, data []byte) {
	t.Helper()
	var d ItemsDecoder
	got, err := d.Decode(data)
	if again, err2 := d.Decode(data); (err2 != nil) != (err != nil) || !reflect.DeepEqual(again, got) {
		t.Errorf("%q decoded twice: %#v, then %#v", data, got, again)
	}
	var want []SystemItems
	wantErr := json.Unmarshal(data, &want)
	if (err != nil) != (wantErr != nil) || err == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("%q: got %#v, %v; json gives %#v, %v", data, got, err, want, wantErr)
	}
}

// FuzzDecodeSystemItems compares the fast path with json.Unmarshal on
// any input.
func FuzzDecodeSystemItems(f *testing.F) {
	for _, s := range itemsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkDecodeAsJSON(t, data) })
}
