package packs

import (
	"testing"
)

func TestShippedPacksLoad(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.Entries() {
		t.Logf("%s v%d: %d catalogues, %d criteria, %d obligations", e.Pack.ID, e.Pack.Version, len(e.Pack.Catalogues), len(e.Pack.LevelCriteria), len(e.Pack.Obligations))
	}
}
