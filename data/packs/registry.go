package packs

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
)

// Origin tells where a pack in a Registry came from.
type Origin int

const (
	// Shipped packs are embedded in the program.
	Shipped Origin = iota + 1
	// Imported packs were added by the user (the caller persists their bytes).
	Imported
)

// Entry is one pack in a Registry, with the exact bytes it was loaded from.
type Entry struct {
	Pack   Pack
	Raw    []byte
	Origin Origin
}

// Registry is an immutable set of packs, at most one per id. Methods that
// change it return a new Registry and leave the receiver untouched, so a
// failed Import never changes anything.
type Registry struct {
	entries  []Entry // sorted by pack id
	shadowed []Entry // shipped packs an import replaced, sorted by pack id
}

// NewRegistry loads every *.json file at the root of shipped (normally the
// embed.FS of daumoi/assets/packs) as a shipped pack.
func NewRegistry(shipped fs.FS) (Registry, error) {
	names, err := fs.Glob(shipped, "*.json")
	if err != nil {
		return Registry{}, fmt.Errorf("listing shipped packs: %w", err)
	}
	sort.Strings(names)
	var r Registry
	for _, name := range names {
		raw, err := fs.ReadFile(shipped, name)
		if err != nil {
			return Registry{}, fmt.Errorf("reading shipped pack %s: %w", path.Base(name), err)
		}
		next, _, err := r.add(raw, Shipped)
		if err != nil {
			return Registry{}, fmt.Errorf("shipped pack %s: %w", name, err)
		}
		r = next
	}
	return r, nil
}

// Import validates raw as a pack and returns a registry that contains it.
// A pack whose id is already present replaces it only if its version is
// higher (ErrNotNewer otherwise). The receiver is never modified.
//
// To restore persisted imports at start-up, Import each stored pack into the
// shipped registry; ErrNotNewer then means the program now ships that pack
// in the same or a higher version, and the stored copy can be dropped.
func (r Registry) Import(raw []byte) (Registry, Pack, error) {
	return r.add(raw, Imported)
}

func (r Registry) add(raw []byte, origin Origin) (Registry, Pack, error) {
	p, err := Load(bytes.NewReader(raw))
	if err != nil {
		return r, Pack{}, err
	}
	i, found := r.index(p.ID)
	if found && p.Version <= r.entries[i].Pack.Version {
		return r, Pack{}, fmt.Errorf("%w: pack %q version %d, installed version %d",
			ErrNotNewer, p.ID, p.Version, r.entries[i].Pack.Version)
	}
	entry := Entry{Pack: p, Raw: slices.Clone(raw), Origin: origin}
	next := Registry{entries: slices.Clone(r.entries), shadowed: slices.Clone(r.shadowed)}
	if !found {
		next.entries = slices.Insert(next.entries, i, entry)
		return next, p, nil
	}
	if old := r.entries[i]; old.Origin == Shipped {
		j, _ := findEntry(next.shadowed, p.ID)
		next.shadowed = slices.Insert(next.shadowed, j, old)
	}
	next.entries[i] = entry
	return next, p, nil
}

// Remove returns a registry without the imported pack id; a shipped pack
// that the import had replaced comes back. Shipped packs cannot be removed
// (ErrNotImported); an unknown id is ErrUnknownPack.
func (r Registry) Remove(id string) (Registry, error) {
	i, found := r.index(id)
	if !found {
		return r, fmt.Errorf("%w: %q", ErrUnknownPack, id)
	}
	if r.entries[i].Origin != Imported {
		return r, fmt.Errorf("%w: %q", ErrNotImported, id)
	}
	next := Registry{entries: slices.Clone(r.entries), shadowed: slices.Clone(r.shadowed)}
	if j, ok := findEntry(next.shadowed, id); ok {
		next.entries[i] = next.shadowed[j]
		next.shadowed = slices.Delete(next.shadowed, j, j+1)
	} else {
		next.entries = slices.Delete(next.entries, i, i+1)
	}
	return next, nil
}

func findEntry(entries []Entry, id string) (int, bool) {
	return slices.BinarySearchFunc(entries, id, func(e Entry, id string) int {
		return strings.Compare(e.Pack.ID, id)
	})
}

func (r Registry) index(id string) (int, bool) {
	return findEntry(r.entries, id)
}

// Entries returns every pack, sorted by id.
func (r Registry) Entries() []Entry {
	out := make([]Entry, len(r.entries))
	for i, e := range r.entries {
		out[i] = e.clone()
	}
	return out
}

// clone copies the raw bytes so that callers cannot change the registry.
func (e Entry) clone() Entry {
	e.Raw = slices.Clone(e.Raw)
	return e
}

// IDs returns the ids of every pack, sorted.
func (r Registry) IDs() []string {
	ids := make([]string, len(r.entries))
	for i, e := range r.entries {
		ids[i] = e.Pack.ID
	}
	return ids
}

// Imported returns the imported packs (the ones the caller must persist).
func (r Registry) Imported() []Entry {
	var out []Entry
	for _, e := range r.entries {
		if e.Origin == Imported {
			out = append(out, e.clone())
		}
	}
	return out
}

// Get returns the pack with that id.
func (r Registry) Get(id string) (Entry, error) {
	i, found := r.index(id)
	if !found {
		return Entry{}, fmt.Errorf("%w: %q", ErrUnknownPack, id)
	}
	return r.entries[i].clone(), nil
}

// Active returns the packs with the given ids, in the order of ids, with
// duplicates dropped. An id not in the registry gives ErrUnknownPack.
func (r Registry) Active(ids []string) ([]Pack, error) {
	seen := map[string]bool{}
	var out []Pack
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		e, err := r.Get(id)
		if err != nil {
			return nil, err
		}
		out = append(out, e.Pack)
	}
	return out, nil
}
