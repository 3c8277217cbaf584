package packs

import shipped "daumoi/assets/packs"

// ShippedRegistry returns a Registry holding the packs embedded in the program.
func ShippedRegistry() (Registry, error) {
	return NewRegistry(shipped.FS)
}
