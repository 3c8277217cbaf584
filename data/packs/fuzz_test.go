package packs

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"testing"

	shipped "daumoi/assets/packs"
)

// FuzzLoad: Load never panics; every failure is a *ValidationError wrapping
// a sentinel; every accepted pack validates and survives a JSON round trip.
func FuzzLoad(f *testing.F) {
	names, _ := fs.Glob(shipped.FS, "*.json")
	for _, name := range names {
		data, err := fs.ReadFile(shipped.FS, name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(minimalJSON(f))
	f.Add([]byte(`{"format": 1}`))
	f.Add([]byte(`{"format": 1, "id": "x", "obligations": [{"kind": "after_event", "within": {"days": -1}}]}`))
	f.Add([]byte(`[]`))
	f.Add(mutate(f, func(m map[string]any) {
		m["obligations"] = append(list(m, "obligations"), remediationRule())
	}))
	f.Add([]byte(`{"format": 1, "title": {"vi": "Ba\u0301o ca\u0301o"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Load(bytes.NewReader(data))
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Err == nil {
				t.Fatalf("error %v is not a *ValidationError with a sentinel", err)
			}
			return
		}
		if err := Validate(p); err != nil {
			t.Fatalf("Load accepted a pack Validate refuses: %v", err)
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := Load(bytes.NewReader(again))
		if err != nil {
			t.Fatalf("re-encoded pack refused: %v", err)
		}
		if twice, _ := json.Marshal(p2); !bytes.Equal(again, twice) {
			t.Fatal("pack changed in a JSON round trip")
		}
	})
}
