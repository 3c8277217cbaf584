//go:build !windows

package blob

import (
	"fmt"
	"os"
)

// syncDir fsyncs a folder so that a rename or removal in it is durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("blob: open folder for sync: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("blob: sync folder: %w", err)
	}
	return nil
}
