package gui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"daumoi/assets/i18n"
)

// historyCodes collects, from the program's sources, every history action
// and every kind of object an entry can be written with: the string
// literals "noun.verb" of data/session (less the few that are not actions)
// and the object kinds passed to record and audit.Entry.
func historyCodes(t *testing.T) (actions, kinds []string) {
	t.Helper()
	notActions := []string{"self.passphrase", "obligations.agency_roles", "pades.signature_image", "pades.seal_image", "pades.trusted_roots"}
	fileExt := regexp.MustCompile(`\.(go|txt|csv|pdf|xlsx|journal|snapshot|log|pub|nessus|header|db|json|zip)$`)
	literal := regexp.MustCompile(`"([a-z][a-z_]*\.[a-z][a-z_]*)"`)
	kind := regexp.MustCompile(`(?:record\(tx, [^,]+, |EntityType: )"([a-z_]+)"`)
	files, err := filepath.Glob(filepath.Join("..", "..", "data", "session", "*.go"))
	if err != nil || len(files) < 20 {
		t.Fatalf("sources of data/session: %v (%d files)", err, len(files))
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !fileExt.MatchString(m[1]) && !slices.Contains(notActions, m[1]) {
				actions = append(actions, m[1])
			}
		}
		for _, m := range kind.FindAllStringSubmatch(string(src), -1) {
			kinds = append(kinds, m[1])
		}
	}
	slices.Sort(actions)
	slices.Sort(kinds)
	return slices.Compact(actions), slices.Compact(kinds)
}

func TestEveryHistoryActionHasALabel(t *testing.T) {
	actions, kinds := historyCodes(t)
	if len(actions) < 50 || len(kinds) < 15 {
		t.Fatalf("found only %d actions and %d kinds: the scan misses the sources", len(actions), len(kinds))
	}
	for _, must := range []string{"unlock.failed", "journal.tail_dropped", "user.disable", "bundle.build", "pack.activate"} {
		if !slices.Contains(actions, must) {
			t.Errorf("the scan misses the action %q", must)
		}
	}
	for _, lang := range i18n.Supported() {
		cat := i18n.MustLoad(lang)
		w := newHistoryWords(cat, nil)
		for _, a := range actions {
			if got := w.action(a); got == a {
				t.Errorf("%s: history action %q has no label (audit.action.%s)", lang, a, a)
			}
		}
		for _, k := range kinds {
			if got := w.entityKind(k); got == k {
				t.Errorf("%s: object kind %q has no label (audit.entity.%s)", lang, k, k)
			}
		}
	}
}

func TestHistorySummaryInWords(t *testing.T) {
	w := newHistoryWords(i18n.MustLoad(i18n.Vietnamese), nil)
	w.items["ct11-vinhlong-2023/ct11-1a"] = "Ban hành quy chế"
	for in, want := range map[string]string{
		"sự cố “Thư lừa đảo”: notified → responding":                         "sự cố “Thư lừa đảo”: Đã thông báo → Đang ứng phó",
		"sự cố 1: closure_report_form04 lúc 2026-09-08T10:00:00+07:00":       "sự cố 1: Báo cáo kết thúc ứng phó (mẫu 04) lúc 08/09/2026 10:00",
		"Cổng, kỳ 2025: ct11-vinhlong-2023/ct11-1a → not_applicable":         "Cổng, kỳ 2025: Ban hành quy chế → Không áp dụng",
		"demo-it (Lê Minh Đức), vai trò: focal, it":                          "demo-it (Lê Minh Đức), vai trò: Cán bộ đầu mối, Cán bộ kỹ thuật",
		"drill ngày 2026-08-05, hệ thống 2":                                  "Diễn tập ngày 05/08/2026, hệ thống 2",
		"SMB Signing not required: in_progress, hạn 2027-02-21, phụ trách X": "SMB Signing not required: Đang khắc phục, hạn 21/02/2027, phụ trách X",
		"Cơ sở dữ liệu: proposed_level: 2 → 3":                               "Cơ sở dữ liệu: Cấp độ đề xuất: 2 → 3",
		"Chứng thư số (mẫu) → system 1":                                      "Chứng thư số (mẫu) → hệ thống 1",
		"sao lưu lúc 2026-12-02T13:36:45Z":                                   "sao lưu lúc 02/12/2026 20:36",
		// Names, files and ordinary words stay as they are.
		"Máy it-pc.local (firewall_log.txt), pass qua cổng": "Máy it-pc.local (firewall_log.txt), pass qua cổng",
	} {
		if got := w.summary(in); got != want {
			t.Errorf("summary(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}

// codeLike finds what a person should not have to read in the history: an
// ISO date or time, or a code with an underscore.
var codeLike = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\b[a-z]+_[a-z_]+\b|\b(pass|fail|partial|detected|notified|responding|closed)\b`)

func TestHistoryOfTheDemoInWords(t *testing.T) {
	s := openDemoAs(t, "demo-manager")
	s.win.Resize(fyne.NewSize(1366, 768))
	s.Select(areaHistory)
	scr := s.historyScr
	if len(scr.entries) < 100 {
		t.Fatalf("demo history: %d entries", len(scr.entries))
	}
	var all strings.Builder
	for _, e := range scr.list.rows {
		for _, c := range scr.list.cols {
			text := c.text(e)
			all.WriteString(text + "\n")
			if m := codeLike.FindString(text); m != "" {
				t.Errorf("entry %d (%s) column %q shows %q: %q", e.Seq, e.Action, c.title, m, text)
			}
		}
		if scr.words.action(e.Action) == e.Action {
			t.Errorf("entry %d: action %q shown as its code", e.Seq, e.Action)
		}
	}
	for _, want := range []string{"Phê duyệt phiếu đánh giá", "Phiếu đánh giá 1", "Đã thông báo → Đang ứng phó", "Đổi mật khẩu"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("the history lacks %q", want)
		}
	}
	scr.entity.SetSelected("Sự cố")
	if len(scr.entries) == 0 || scr.entries[0].EntityType != "incident" {
		t.Errorf("object kind filter by its name: %d entries", len(scr.entries))
	}
	scr.entity.SetSelected(scr.all)
	capture(t, s.win, "history-1366x768")
}
