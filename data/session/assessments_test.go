package session

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"daumoi/data/audit"
	"daumoi/data/users"
)

func addTestEvidence(t testing.TB, s *Session, name string) Evidence {
	t.Helper()
	e, err := s.AddEvidence(context.Background(), strings.NewReader("nội dung "+name), EvidenceMeta{FileName: name}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestAssessmentLifecycle(t *testing.T) {
	dir, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	onlyTestPack(t, s)
	sys := systemAt(t, s, "Một cửa điện tử", 3, "2025-01-01")
	ev := addTestEvidence(t, s, "bien-ban.pdf")

	if _, err := s.OpenAssessment(sys.ID, "năm 2026"); !errors.Is(err, ErrBadPeriod) {
		t.Errorf("bad period = %v", err)
	}
	nolevel := systemAt(t, s, "Chưa phân loại", 0, "")
	if _, err := s.OpenAssessment(nolevel.ID, "2026"); !errors.Is(err, ErrSystemHasNoLevel) {
		t.Errorf("no level = %v", err)
	}
	a, err := s.OpenAssessment(sys.ID, "2026")
	if err != nil {
		t.Fatal(err)
	}
	if a.Revision != 1 || a.State != AssessmentOpen || a.Level != 3 || a.Progress.Total != 3 || a.Progress.Counts[ItemNotAssessed] != 3 {
		t.Fatalf("opened = %+v", a.AssessmentSummary)
	}
	if len(a.Groups) != 2 || a.Groups[0].Group != "1a" || len(a.Groups[0].Items) != 2 || a.Groups[1].Items[0].TextVI != "Diễn tập thực chiến" {
		t.Fatalf("groups = %+v", a.Groups)
	}
	again, err := s.OpenAssessment(sys.ID, "2026")
	if err != nil || again.ID != a.ID {
		t.Fatalf("second open = %d, %v; want the same assessment %d", again.ID, err, a.ID)
	}

	bad := []struct {
		item   string
		status ItemStatus
		note   string
		ev     []string
		want   error
	}{
		{"it1", "done", "", nil, ErrBadItemStatus},
		{"it1", ItemNotApplicable, "  ", nil, ErrReasonRequired},
		{"it9", ItemPass, "", nil, ErrNoSuchItem},
		{"other/it1", ItemPass, "", nil, ErrNoSuchItem},
		{"it1", ItemPass, "", []string{"0123"}, ErrNoSuchEvidence},
	}
	for _, c := range bad {
		if err := s.SetAssessmentItem(a.ID, c.item, c.status, c.note, c.ev); !errors.Is(err, c.want) {
			t.Errorf("SetAssessmentItem(%s, %s) = %v, want %v", c.item, c.status, err, c.want)
		}
	}
	must(t, s.SetAssessmentItem(a.ID, "it1", ItemPass, "Đã kiểm tra", []string{ev.ID, ev.ID}))
	must(t, s.SetAssessmentItem(a.ID, "kiem-thu/it2", ItemPartial, "Đang sửa đổi quy chế", nil))
	if err := s.ApproveAssessment(a.ID); !errors.Is(err, ErrAssessmentIncomplete) {
		t.Errorf("approve incomplete = %v", err)
	}
	must(t, s.SetAssessmentItem(a.ID, "it3", ItemNotApplicable, "Hệ thống chưa vận hành chính thức", nil))
	got, err := s.GetAssessment(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	it1 := got.Groups[0].Items[0]
	if it1.Status != ItemPass || !reflect.DeepEqual(it1.EvidenceIDs, []string{ev.ID}) || it1.AssessedBy != "huong" || it1.Key() != "kiem-thu/it1" {
		t.Errorf("item 1 = %+v", it1)
	}
	if p := got.Groups[0].Progress; p.Total != 2 || p.Counts[ItemPass] != 1 || p.Counts[ItemPartial] != 1 || p.Done() != 2 {
		t.Errorf("group progress = %+v", p)
	}
	links, err := s.EvidenceLinks(ev.ID)
	if err != nil || !reflect.DeepEqual(links, []EvidenceLink{{LinkItem, "kiem-thu/it1"}}) {
		t.Errorf("links = %v, %v", links, err)
	}

	// Only a manager approves; then nothing changes.
	addReady(t, dir, s, "lan", users.RoleIT)
	s.Close()
	it := openReadyAt(t, dir, "lan")
	if err := it.ApproveAssessment(a.ID); !errors.Is(err, ErrNotPermitted) {
		t.Errorf("IT approves = %v", err)
	}
	s = reopen(t, it, dir, "huong", testPass)
	must(t, s.ApproveAssessment(a.ID))
	if err := s.SetAssessmentItem(a.ID, "it1", ItemFail, "", nil); !errors.Is(err, ErrAssessmentApproved) {
		t.Errorf("change after approval = %v", err)
	}
	if _, err := s.CopyPrevious(a.ID); !errors.Is(err, ErrAssessmentApproved) {
		t.Errorf("copy into approved = %v", err)
	}
	if err := s.ApproveAssessment(a.ID); !errors.Is(err, ErrAssessmentApproved) {
		t.Errorf("approve twice = %v", err)
	}
	approved, _ := s.GetAssessment(a.ID)
	if approved.State != AssessmentApproved || approved.ApprovedBy != "huong" || approved.ApprovedAt == "" {
		t.Errorf("approved = %+v", approved.AssessmentSummary)
	}

	// A new revision starts from the approved answers; the old stays.
	rev, err := s.NewRevision(a.ID)
	if err != nil || rev.Revision != 2 || rev.PreviousID != a.ID || rev.State != AssessmentOpen || rev.Progress.Counts[ItemPass] != 1 {
		t.Fatalf("revision = %+v, %v", rev.AssessmentSummary, err)
	}
	if _, err := s.NewRevision(a.ID); !errors.Is(err, ErrAssessmentNotApproved) {
		t.Errorf("revision of an old revision = %v", err)
	}
	if _, err := s.NewRevision(rev.ID); !errors.Is(err, ErrAssessmentNotApproved) {
		t.Errorf("revision of an open one = %v", err)
	}
	if cur, _ := s.OpenAssessment(sys.ID, "2026"); cur.ID != rev.ID {
		t.Errorf("OpenAssessment returns %d, want the latest revision %d", cur.ID, rev.ID)
	}

	// Next period: copy the previous period's answers into what is not assessed.
	next, err := s.OpenAssessment(sys.ID, "2027")
	if err != nil {
		t.Fatal(err)
	}
	must(t, s.SetAssessmentItem(next.ID, "it2", ItemFail, "Quy chế hết hiệu lực", nil))
	n, err := s.CopyPrevious(next.ID)
	if err != nil || n != 2 {
		t.Fatalf("CopyPrevious = %d, %v", n, err)
	}
	next, _ = s.GetAssessment(next.ID)
	if st := next.Groups[0].Items[1].Status; st != ItemFail {
		t.Errorf("copy overwrote an assessed item: %s", st)
	}
	if _, err := s.CopyPrevious(a.ID + 100); !errors.Is(err, ErrNoSuchAssessment) {
		t.Errorf("unknown = %v", err)
	}
	first, _ := s.OpenAssessment(sys.ID, "2025")
	if _, err := s.CopyPrevious(first.ID); !errors.Is(err, ErrNoPreviousAssessment) {
		t.Errorf("no earlier period = %v", err)
	}
	list, err := s.ListAssessments(sys.ID)
	if err != nil || len(list) != 4 || list[0].Period != "2025" || list[2].Revision != 2 {
		t.Errorf("ListAssessments = %+v, %v", list, err)
	}
}

// openReadyAt opens a user added by addReady with the clock of newVaultAt.
func openReadyAt(t *testing.T, dir, name string) *Session {
	t.Helper()
	s, err := Open(dir, Credential{User: name, Passphrase: []byte("mật khẩu ban đầu 1")}, clockAt(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	must(t, s.ChangePassphrase([]byte("mật khẩu riêng của tôi")))
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestEvidenceDatesAndLinks(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	sys := systemAt(t, s, "Cổng thông tin", 2, "")
	asset, err := s.SaveAsset(sampleAsset("PC-01"))
	must(t, err)
	ev := addTestEvidence(t, s, "chung-thu.pdf")
	dates := []struct {
		from, until string
		want        error
	}{
		{"2026-13-01", "", ErrBadDate},
		{"", "31/12/2027", ErrBadDate},
		{"2027-01-01", "2026-12-31", ErrBadDate},
		{"2026-01-01", "2027-12-31", nil},
	}
	for _, c := range dates {
		if err := s.SetEvidenceDates(ev.ID, c.from, c.until); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("SetEvidenceDates(%q, %q) = %v, want %v", c.from, c.until, err, c.want)
		}
	}
	if err := s.SetEvidenceDates("ffff", "", ""); !errors.Is(err, ErrNoSuchEvidence) {
		t.Errorf("unknown evidence = %v", err)
	}
	must(t, s.SetEvidenceDescription(ev.ID, "Chứng thư số của máy chủ"))
	links := []struct {
		link EvidenceLink
		want error
	}{
		{EvidenceLink{LinkSystem, "1"}, nil},
		{EvidenceLink{LinkSystem, "1"}, nil},
		{EvidenceLink{LinkAsset, "1"}, nil},
		{EvidenceLink{LinkItem, "tt12-2022/QL-1.1"}, nil},
		{EvidenceLink{LinkItem, "tt12-2022/QL-99"}, ErrNoSuchItem},
		{EvidenceLink{LinkItem, "QL-1.1"}, ErrNoSuchItem},
		{EvidenceLink{LinkSystem, "x"}, ErrNoSuchSystem},
		{EvidenceLink{LinkAsset, "77"}, ErrNoSuchAsset},
		{EvidenceLink{"incident", "1"}, ErrBadLinkKind},
	}
	for _, c := range links {
		if err := s.LinkEvidence(ev.ID, c.link); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("LinkEvidence(%v) = %v, want %v", c.link, err, c.want)
		}
	}
	_ = sys
	_ = asset
	info, err := s.EvidenceInfo(ev.ID)
	want := []EvidenceLink{{LinkAsset, "1"}, {LinkItem, "tt12-2022/QL-1.1"}, {LinkSystem, "1"}}
	if err != nil || info.EffectiveDate != "2026-01-01" || info.ExpiryDate != "2027-12-31" || info.Description != "Chứng thư số của máy chủ" || !reflect.DeepEqual(info.Links, want) {
		t.Fatalf("EvidenceInfo = %+v, %v", info, err)
	}
	must(t, s.UnlinkEvidence(ev.ID, EvidenceLink{LinkAsset, "1"}))
	if err := s.UnlinkEvidence(ev.ID, EvidenceLink{LinkAsset, "1"}); !errors.Is(err, ErrNoSuchLink) {
		t.Errorf("unlink twice = %v", err)
	}
	got, _ := s.EvidenceLinks(ev.ID)
	if len(got) != 2 {
		t.Errorf("links after unlink = %v", got)
	}
}

func TestRecordActivity(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	sys := systemAt(t, s, "Cổng thông tin", 2, "")
	cases := []struct {
		a    Activity
		want error
	}{
		{Activity{Kind: "vulnerability_scan", Date: "2026-11-01", SystemID: sys.ID, Note: "Quét bằng OpenVAS"}, nil},
		{Activity{Kind: "annual_report_submitted", Date: "2026-11-20"}, nil},
		{Activity{Kind: "coffee", Date: "2026-11-01"}, ErrUnknownActivityKind},
		{Activity{Kind: "drill", Date: "2026-11-26"}, ErrBadDate},
		{Activity{Kind: "drill", Date: "26/11/2026"}, ErrBadDate},
		{Activity{Kind: "drill", Date: "2026-11-01", SystemID: 9}, ErrNoSuchSystem},
		{Activity{Kind: "drill", Date: "2026-11-01", EvidenceID: "abc"}, ErrNoSuchEvidence},
	}
	for _, c := range cases {
		if _, err := s.RecordActivity(c.a); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("RecordActivity(%+v) = %v, want %v", c.a, err, c.want)
		}
	}
	list, err := s.ListActivities(ActivityFilter{})
	if err != nil || len(list) != 2 || list[0].Kind != "vulnerability_scan" || list[0].RecordedBy != "huong" {
		t.Fatalf("ListActivities = %+v, %v", list, err)
	}
	if l, _ := s.ListActivities(ActivityFilter{SystemID: sys.ID}); len(l) != 1 {
		t.Errorf("by system = %v", l)
	}
	if l, _ := s.ListActivities(ActivityFilter{Kind: "annual_report_submitted"}); len(l) != 1 || l[0].SystemID != 0 {
		t.Errorf("by kind = %v", l)
	}
	kinds, err := s.ActivityKinds()
	if err != nil || !strings.Contains(strings.Join(kinds, " "), "vulnerability_scan") {
		t.Errorf("kinds = %v, %v", kinds, err)
	}
}

// The manager's review: an assessment waits for approval once every item
// is assessed; returning it keeps the comment for the people assessing and
// it waits again once an item changes; LatestAssessment reads without
// creating.
func TestReturnAssessment(t *testing.T) {
	_, s := newVaultAt(t, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC))
	onlyTestPack(t, s)
	sys := systemAt(t, s, "Một cửa điện tử", 3, "2025-01-01")
	if _, err := s.LatestAssessment(sys.ID, "2026"); !errors.Is(err, ErrNoSuchAssessment) {
		t.Fatalf("latest before any = %v", err)
	}
	a, err := s.OpenAssessment(sys.ID, "2026")
	must(t, err)
	if a.AwaitingApproval() {
		t.Error("an assessment not filled waits for approval")
	}
	for _, it := range []string{"it1", "it2", "it3"} {
		must(t, s.SetAssessmentItem(a.ID, it, ItemPass, "", nil))
	}
	got, err := s.LatestAssessment(sys.ID, "2026")
	must(t, err)
	if got.ID != a.ID || !got.AwaitingApproval() {
		t.Fatalf("filled = %+v, awaiting %v", got.AssessmentSummary, got.AwaitingApproval())
	}
	if err := s.ReturnAssessment(a.ID, "  "); !errors.Is(err, ErrCommentRequired) {
		t.Errorf("return without comment = %v", err)
	}
	must(t, s.ReturnAssessment(a.ID, "Bổ sung biên bản kiểm tra mục it1"))
	got, _ = s.GetAssessment(a.ID)
	if got.ReturnComment != "Bổ sung biên bản kiểm tra mục it1" || got.ReturnedBy != "huong" || got.AwaitingApproval() || got.State != AssessmentOpen {
		t.Fatalf("returned = %+v", got.AssessmentSummary)
	}
	must(t, s.SetAssessmentItem(a.ID, "it1", ItemPartial, "Đã bổ sung một phần", nil))
	got, _ = s.GetAssessment(a.ID)
	if !got.AwaitingApproval() || got.ReturnComment == "" {
		t.Errorf("changed after return: awaiting %v, comment %q", got.AwaitingApproval(), got.ReturnComment)
	}
	must(t, s.ApproveAssessment(a.ID))
	if err := s.ReturnAssessment(a.ID, "muộn"); !errors.Is(err, ErrAssessmentApproved) {
		t.Errorf("return approved = %v", err)
	}
	h, err := s.History(audit.Filter{})
	must(t, err)
	found := false
	for _, e := range h {
		found = found || (e.Action == "assessment.return" && strings.Contains(e.Summary, "Bổ sung biên bản"))
	}
	if !found {
		t.Error("no assessment.return history entry with the comment")
	}
}
