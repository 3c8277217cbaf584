package session

import (
	"context"
	"errors"
	"strings"
	"testing"

	"daumoi/data/audit"
	"daumoi/data/users"
)

func TestSetEvidenceTitle(t *testing.T) {
	dir, s, _ := newVault(t)
	e, err := s.AddEvidence(context.Background(), strings.NewReader("quyết định"), EvidenceMeta{FileName: "qd.pdf"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetEvidenceTitle(e.ID, "  Quyết định phê duyệt cấp độ  "); err != nil {
		t.Fatal(err)
	}
	list, _ := s.ListEvidence()
	if list[0].Title != "Quyết định phê duyệt cấp độ" || list[0].FileName != "qd.pdf" {
		t.Errorf("after rename: %+v", list[0])
	}
	if err := s.SetEvidenceTitle(e.ID, " "); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("empty title = %v", err)
	}
	if h, _ := s.History(audit.Filter{Text: "quyet dinh phe duyet"}); len(h) != 1 {
		t.Errorf("rename in history: %d entries", len(h))
	}
	addReady(t, dir, s, "vien", users.RoleIT)
	s.Close()
	it := openReady(t, dir, "vien")
	if err := it.SetEvidenceTitle(e.ID, "Tên khác"); err != nil {
		t.Errorf("IT staff renaming evidence = %v", err)
	}
}
