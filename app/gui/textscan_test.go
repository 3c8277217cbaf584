package gui

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"daumoi/data/findings"
	"daumoi/data/incidents"
	"daumoi/data/obligations"
	"daumoi/data/office"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/session"
	"daumoi/data/users"
)

// textScan finds, in the text a person reads on a screen, what they should
// never read: ISO dates and UTC stamps, the ids of packs and their items
// and obligations, the codes the program stores (states, kinds), and the
// English words of an untranslated interface.
type textScan struct {
	rules []textRule
}

// textRule is one thing a screen must not show.
type textRule struct {
	what string
	re   *regexp.Regexp
}

// scanAllowed are texts the scan leaves alone, each with the reason.
var scanAllowed = map[string]string{
	"SIL Open Font License 1.1": "the licence's own name (About, licences of the fonts)",
}

// scanAllowedPrefixes are beginnings of texts the scan leaves alone, each
// with the reason.
var scanAllowedPrefixes = map[string]string{
	"untrusted comment: minisign public key": "a signing key pasted by the person (the office's key import), shown as pasted",
}

// scanEnglish are words of an interface left in English (Fyne's own, or a
// key shown instead of its text).
var scanEnglish = []string{"Select one", "Home", "Computer", "Cancel", "Save", "Open", "Close", "Delete", "Confirm",
	"Search", "Error", "Yes", "No", "Submit", "Loading", "Choose", "Name", "Size", "Folder", "Create", "New Folder",
	"Information", "Quit", "Back", "Next", "Finish", "Filter", "Done"}

// newTextScan gathers the ids of the shipped packs (and, with a session,
// the active ones and the activity kinds) and the data packages' codes.
func newTextScan(t *testing.T, sess *session.Session) *textScan {
	t.Helper()
	ids := map[string]bool{}
	reg, err := packs.ShippedRegistry()
	if err != nil {
		t.Fatal(err)
	}
	var all []packs.Pack
	for _, e := range reg.Entries() {
		all = append(all, e.Pack)
	}
	codes := map[string]bool{}
	if sess != nil {
		if active, err := sess.ActivePacks(); err == nil {
			all = append(all, active...)
		}
		if kinds, err := sess.ActivityKinds(); err == nil {
			for _, k := range kinds {
				codes[k] = true
			}
		}
	}
	for _, p := range all {
		ids[p.ID] = true
		for _, c := range p.Catalogues {
			ids[c.ID] = true
			for _, it := range c.Items {
				ids[it.ID] = true
			}
		}
		for _, r := range p.Obligations {
			ids[r.ID] = true
			for _, k := range r.SatisfiedBy {
				codes[k] = true
			}
		}
	}
	for _, c := range enumCodes() {
		codes[c] = true
	}
	return &textScan{rules: []textRule{
		{"an ISO date", regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)},
		{"an RFC 3339 time", regexp.MustCompile(`\dT\d\d:\d\d`)},
		{"a UTC stamp", regexp.MustCompile(`\d\d(:\d\d)?Z\b`)},
		{"a pack id", wordsRegexp(sortedKeys(ids))},
		{"an internal code", wordsRegexp(sortedKeys(codes))},
		{"an English word", wordsRegexp(scanEnglish)},
	}}
}

// enumCodes are the codes the data packages store for states and kinds.
func enumCodes() []string {
	var out []string
	add := func(s ...string) { out = append(out, s...) }
	for _, st := range []incidents.State{incidents.Detected, incidents.Notified, incidents.InitialReport, incidents.Responding, incidents.Closed} {
		add(string(st))
	}
	add(incidents.NotificationKinds()...)
	for _, st := range session.ItemStatuses() {
		add(string(st))
	}
	add(string(session.AssessmentOpen), string(session.AssessmentApproved))
	for _, st := range []obligations.Status{obligations.StatusDone, obligations.StatusDue, obligations.StatusUpcoming,
		obligations.StatusOverdue, obligations.StatusNotApplicable} {
		add(string(st))
	}
	for _, st := range registers.DossierStates() {
		add(string(st))
	}
	for _, st := range registers.AssetStatuses() {
		add(string(st))
	}
	for _, ty := range registers.AssetTypes() {
		add(string(ty))
	}
	for _, ty := range registers.InfoTypes() {
		add(string(ty))
	}
	for _, ty := range registers.ServiceTypes() {
		add(string(ty))
	}
	add(string(registers.PlanFull), string(registers.PlanPartial), string(registers.PlanNone))
	add(session.ScanKinds()...)
	add(session.WarningStatuses()...)
	add(findings.Statuses()...)
	for _, k := range session.ReportKinds() {
		add(string(k))
	}
	for _, r := range users.AllRoles() {
		add(string(r))
	}
	add(string(users.RoleReceiver), string(users.RoleHead))
	for _, k := range office.Kinds() {
		add(string(k))
	}
	for _, st := range office.ReportStates() {
		add(string(st))
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// wordsRegexp matches any of words standing alone: not inside a longer
// word, id or file name (letters, digits, "_", "-" and "." between
// letters or digits continue a word).
func wordsRegexp(words []string) *regexp.Regexp {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = regexp.QuoteMeta(w)
	}
	// Longest first, so that "ct11-1b-plan" is matched before "ct11".
	slices.SortFunc(quoted, func(a, b string) int { return len(b) - len(a) })
	return regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.\-/])(` + strings.Join(quoted, "|") + `)(?:$|[^\p{L}\p{N}_\-/.]|\.(?:$|[^\p{L}\p{N}]))`)
}

// check fails for each text under the window's content and its dialogs
// that breaks a rule; what names the screen.
func (ts *textScan) check(t *testing.T, w fyne.Window, what string) {
	t.Helper()
	roots := []fyne.CanvasObject{w.Content()}
	roots = append(roots, w.Canvas().Overlays().List()...)
	seen := map[string]bool{}
	for _, root := range roots {
		for _, text := range shownTexts(t, root) {
			if seen[text] {
				continue
			}
			seen[text] = true
			if _, ok := scanAllowed[text]; ok || allowedPrefix(text) {
				continue
			}
			for _, r := range ts.rules {
				if m := r.re.FindStringSubmatch(text); m != nil {
					found := m[0]
					if len(m) > 1 {
						found = m[1]
					}
					t.Errorf("%s shows %s %q in %q", what, r.what, found, text)
				}
			}
		}
	}
}

// shownTexts is every text a person can read under o: labels, rich texts,
// entries (text and placeholder), buttons, choices and their options,
// links, cards, checks and the bare canvas texts (table cells, tabs).
func shownTexts(t *testing.T, o fyne.CanvasObject) []string {
	t.Helper()
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	for _, obj := range objects[fyne.CanvasObject](t, o) {
		if !obj.Visible() {
			continue
		}
		switch v := obj.(type) {
		case *widget.Label:
			add(v.Text)
		case *widget.RichText:
			add(v.String())
		case *widget.Entry:
			add(shownOr(v.Text, v.PlaceHolder))
		case *widget.SelectEntry:
			add(shownOr(v.Text, v.PlaceHolder))
		case *widget.Button:
			add(v.Text)
		case *widget.Select:
			add(shownOr(v.Selected, v.PlaceHolder))
			add(v.Options...)
		case *widget.Hyperlink:
			add(v.Text)
		case *widget.Card:
			add(v.Title, v.Subtitle)
		case *widget.Check:
			add(v.Text)
		case *widget.RadioGroup:
			add(v.Options...)
		case *widget.CheckGroup:
			add(v.Options...)
		case *canvas.Text:
			add(v.Text)
		}
	}
	return out
}

// allowedPrefix tells whether text begins with one of scanAllowedPrefixes.
func allowedPrefix(text string) bool {
	for p := range scanAllowedPrefixes {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

// shownOr is text, or the placeholder shown while there is none.
func shownOr(text, placeholder string) string {
	if text != "" {
		return text
	}
	return placeholder
}

func TestTextScanFinds(t *testing.T) {
	ts := &textScan{rules: []textRule{{"a pack id", wordsRegexp([]string{"ct11-1b-plan", "ct11", "QL-1.1", "open"})}}}
	cases := map[string]string{
		"1a (ct11-vinhlong-2023)":          "",
		"Mục ct11-1b-plan — Triển khai":    "ct11-1b-plan",
		"ct11":                             "ct11",
		"(QL-1.1)":                         "QL-1.1",
		"QL-1.10 và QL-1.12":               "",
		"Tiêu chí QL-1.1.":                 "QL-1.1",
		"trạng thái open":                  "open",
		"tệp open.pdf, bao-cao-open-2.txt": "",
		"Trạng thái: Đang mở":              "",
	}
	for text, want := range cases {
		var got string
		for _, r := range ts.rules {
			if m := r.re.FindStringSubmatch(text); m != nil {
				got = m[1]
			}
		}
		if got != want {
			t.Errorf("%q: found %q, want %q", text, got, want)
		}
	}
}
