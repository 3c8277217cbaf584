package errtext

import (
	"fmt"
	"strings"
	"testing"

	"daumoi/assets/i18n"
	"daumoi/data/scanimport"
	"daumoi/data/session"
)

// TestIncidentMessages: every key exists in every language, and a scan
// report refused by the parser is described by the parser's precise
// reason, not the general one.
func TestIncidentMessages(t *testing.T) {
	for _, l := range i18n.Supported() {
		cat := i18n.MustLoad(l)
		for _, m := range IncidentMessages() {
			if !cat.Has(m.Key) {
				t.Errorf("%s: no message %q for %v", l, m.Key, m.Err)
			}
		}
	}
	cat := i18n.MustLoad(i18n.Vietnamese)
	err := fmt.Errorf("%w: %w", session.ErrBadScanReport, scanimport.ErrTruncated)
	if got := Describe(cat, err, IncidentMessages()...); !strings.Contains(got, "bị cắt cụt") {
		t.Errorf("truncated report described as %q", got)
	}
}
