package pdfdoc

import (
	"os"
	"testing"
)

func TestScratchWrite(t *testing.T) {
	os.WriteFile("/tmp/p1sample.pdf", renderBytes(t, sampleDocument(t)), 0o644)
}
