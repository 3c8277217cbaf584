package packs

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"testing/fstest"
)

func TestRegistryImport(t *testing.T) {
	shippedReg, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	minimal := minimalJSON(t)

	withMinimal, p, err := shippedReg.Import(minimal)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "minimal" || len(withMinimal.IDs()) != 4 || len(shippedReg.IDs()) != 3 {
		t.Fatalf("import: got %v, original now %v", withMinimal.IDs(), shippedReg.IDs())
	}
	imported := withMinimal.Imported()
	if len(imported) != 1 || !bytes.Equal(imported[0].Raw, minimal) || imported[0].Origin != Imported {
		t.Errorf("Imported() = %+v", imported)
	}

	// Same version again: refused, nothing changes.
	same, _, err := withMinimal.Import(minimal)
	if !errors.Is(err, ErrNotNewer) || !slices.Equal(same.IDs(), withMinimal.IDs()) {
		t.Errorf("re-import of the same version: err %v", err)
	}
	// Lower version of a shipped pack: refused.
	lower := mutate(t, func(m map[string]any) { m["id"] = "tt12-2022"; m["version"] = 1 })
	if _, _, err := withMinimal.Import(lower); !errors.Is(err, ErrNotNewer) {
		t.Errorf("import of tt12-2022 version 1 over version 1: %v", err)
	}
	// Higher version supersedes a shipped pack.
	higher := mutate(t, func(m map[string]any) { m["id"] = "tt12-2022"; m["version"] = 2 })
	newer, _, err := withMinimal.Import(higher)
	if err != nil {
		t.Fatal(err)
	}
	e, err := newer.Get("tt12-2022")
	if err != nil || e.Pack.Version != 2 || e.Origin != Imported {
		t.Errorf("superseded pack: %+v, %v", e.Pack.ID, err)
	}
	if old, _ := withMinimal.Get("tt12-2022"); old.Pack.Version != 1 || old.Origin != Shipped {
		t.Error("Import changed the receiver")
	}
	// An invalid pack is refused before anything changes.
	broken := mutate(t, func(m map[string]any) { m["id"] = "broken"; obligation(m, 0)["kind"] = "x" })
	after, _, err := newer.Import(broken)
	if !errors.Is(err, ErrBadRule) || !slices.Equal(after.IDs(), newer.IDs()) {
		t.Errorf("invalid import: err %v ids %v", err, after.IDs())
	}
}

func TestRegistryActive(t *testing.T) {
	r, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	active, err := r.Active([]string{"tt12-2022", "ct11-vinhlong-2023", "tt12-2022"})
	if err != nil {
		t.Fatal(err)
	}
	if len(active) != 2 || active[0].ID != "tt12-2022" || active[1].ID != "ct11-vinhlong-2023" {
		t.Errorf("Active order or duplicates wrong: %d packs", len(active))
	}
	if _, err := r.Active([]string{"nd85-2016"}); !errors.Is(err, ErrUnknownPack) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := r.Get("nope"); !errors.Is(err, ErrUnknownPack) {
		t.Errorf("Get unknown id: %v", err)
	}
}

func TestNewRegistryRefusesBadShippedPack(t *testing.T) {
	fsys := fstest.MapFS{
		"a.json": {Data: minimalJSON(t)},
		"b.json": {Data: []byte(`{"format": 1`)},
	}
	if _, err := NewRegistry(fsys); !errors.Is(err, ErrMalformed) {
		t.Errorf("bad shipped pack: %v", err)
	}
	dup := fstest.MapFS{"a.json": {Data: minimalJSON(t)}, "b.json": {Data: minimalJSON(t)}}
	if _, err := NewRegistry(dup); !errors.Is(err, ErrNotNewer) {
		t.Errorf("two shipped files with one id: %v", err)
	}
}

func TestRegistryRemove(t *testing.T) {
	base, err := ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	higher := mutate(t, func(m map[string]any) { m["id"] = "tt12-2022"; m["version"] = 2 })
	r, _, err := base.Import(higher)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err = r.Import(minimalJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	// Removing the import of tt12-2022 brings the shipped version back.
	back, err := r.Remove("tt12-2022")
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := back.Get("tt12-2022"); e.Pack.Version != 1 || e.Origin != Shipped || len(e.Pack.Catalogues[0].Items) != 104 {
		t.Errorf("after Remove: version %d origin %v", e.Pack.Version, e.Origin)
	}
	if e, _ := r.Get("tt12-2022"); e.Pack.Version != 2 {
		t.Error("Remove changed the receiver")
	}
	// Removing a pack that replaced nothing drops it.
	gone, err := back.Remove("minimal")
	if err != nil || slices.Contains(gone.IDs(), "minimal") || len(gone.Imported()) != 0 {
		t.Errorf("remove minimal: ids %v err %v", gone.IDs(), err)
	}
	if _, err := gone.Remove("tt12-2022"); !errors.Is(err, ErrNotImported) {
		t.Errorf("remove shipped pack: %v", err)
	}
	if _, err := gone.Remove("nope"); !errors.Is(err, ErrUnknownPack) {
		t.Errorf("remove unknown pack: %v", err)
	}
	// An import superseding an import keeps the shipped pack underneath.
	v3 := mutate(t, func(m map[string]any) { m["id"] = "tt12-2022"; m["version"] = 3 })
	r3, _, err := r.Import(v3)
	if err != nil {
		t.Fatal(err)
	}
	if back3, err := r3.Remove("tt12-2022"); err != nil || mustGet(t, back3, "tt12-2022").Origin != Shipped {
		t.Errorf("remove after two imports: %v", err)
	}
}

func mustGet(t *testing.T, r Registry, id string) Entry {
	t.Helper()
	e, err := r.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
