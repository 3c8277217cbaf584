package gui

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"daumoi/assets/i18n"
	"daumoi/data/audit"
	"daumoi/data/packs"
)

// historyWords turns the codes in history entries into words: the action,
// the kind of object, and the states, kinds, roles, fields and checklist
// items the entries' texts name by their codes. An entry's text is stored
// once, in the hash chain, and cannot be rewritten; it is put into words
// when shown.
type historyWords struct {
	cat   *i18n.Catalog
	items map[string]string // "packID/itemID" → the item's text
}

// newHistoryWords reads the checklist items of the given packs.
func newHistoryWords(cat *i18n.Catalog, list []packs.Pack) *historyWords {
	w := &historyWords{cat: cat, items: map[string]string{}}
	for _, p := range list {
		for _, c := range p.Catalogues {
			for _, it := range c.Items {
				w.items[p.ID+"/"+it.ID] = shorten(localTitle(cat, it.TextVI, it.GlossEN), 90)
			}
		}
	}
	return w
}

// shorten cuts s after n characters, at a space, with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return string(r)[:i] + "…"
	}
	return string(r) + "…"
}

// action names what an entry records.
func (w *historyWords) action(a string) string {
	if w.cat.Has("audit.action." + a) {
		return w.cat.T("audit.action." + a)
	}
	return a
}

// entityKind names a kind of object.
func (w *historyWords) entityKind(kind string) string {
	if w.cat.Has("audit.entity." + kind) {
		return w.cat.T("audit.entity." + kind)
	}
	return kind
}

// entity names the object of an entry: its kind and, where a person can
// use it, its number or name (the vault and the agency are only one).
func (w *historyWords) entity(e audit.Entry) string {
	kind := w.entityKind(e.EntityType)
	switch e.EntityType {
	case "vault", "agency", "":
		return kind
	case "evidence": // a content hash: its first characters tell files apart
		return strings.TrimSpace(kind + " " + e.EntityID[:min(8, len(e.EntityID))])
	}
	return strings.TrimSpace(kind + " " + e.EntityID)
}

// codeToken is a code in an entry's text: lower-case letters, digits and
// underscores, or a checklist item "pack-id/item-id".
var codeToken = regexp.MustCompile(`[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|[a-z][a-z0-9_]*`)

// summary puts an entry's text into words: checklist items by their text,
// codes by their labels, times as dd/mm/yyyy HH:MM Vietnam time.
func (w *historyWords) summary(s string) string {
	s = humanStamps(s)
	var b strings.Builder
	last := 0
	for _, m := range codeToken.FindAllStringIndex(s, -1) {
		if !standsAlone(s, m[0], m[1]) {
			continue
		}
		word, ok := w.word(s, m[0], m[1])
		if !ok {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(word)
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// standsAlone reports whether s[i:j] is a whole token, not part of a name,
// a file name, an address or an identifier.
func standsAlone(s string, i, j int) bool {
	glued := func(r rune) bool {
		return r == '_' || r == '-' || r == '.' || r == '/' || r == '@' ||
			r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if glued(r) || r == '"' {
			return false
		}
	}
	if j < len(s) {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if r == '.' && j+1 == len(s) { // a full stop ends the text
			return true
		}
		if glued(r) || r == '"' {
			return false
		}
	}
	return true
}

// word is the label of the code s[i:j], if it is a code the history uses.
// A code with an underscore or a checklist item is never an ordinary word;
// a plain word (pass, closed, manager, it…) is taken as a code only where
// the program writes codes: beside an arrow, after "vai trò:", before
// " ngày" at the start, or as a field name before ":".
func (w *historyWords) word(s string, i, j int) (string, bool) {
	code := s[i:j]
	if strings.Contains(code, "/") {
		t, ok := w.items[code]
		return t, ok
	}
	before, after := s[:i], s[j:]
	if strings.HasPrefix(after, ": ") || strings.HasPrefix(after, ":\n") {
		if w.cat.Has("field." + code) {
			return w.cat.T("field." + code), true
		}
	}
	if isRoleList(before) && w.cat.Has("role."+code) {
		return w.cat.T("role." + code), true
	}
	plainPlace := strings.HasSuffix(before, "→ ") || strings.HasPrefix(after, " →") ||
		i == 0 && strings.HasPrefix(after, " ngày") || strings.HasSuffix(before, "báo cáo ") ||
		strings.HasSuffix(before, "gói ") || strings.HasSuffix(before, ": ") && strings.HasPrefix(after, ", hạn")
	if !strings.Contains(code, "_") && !plainPlace {
		return "", false
	}
	for _, prefix := range []string{"item_status.", "inc.state.", "kind.", "act.fstatus.", "act.wstatus.", "rep.kind.", "link_kind."} {
		if w.cat.Has(prefix + code) {
			return w.cat.T(prefix + code), true
		}
	}
	return "", false
}

// isRoleList reports whether the text before a token is a list of roles
// ("…, vai trò: focal, it").
func isRoleList(before string) bool {
	k := strings.LastIndex(before, "vai trò: ")
	if k < 0 {
		return false
	}
	rest := before[k+len("vai trò: "):]
	return strings.Trim(rest, "abcdefghijklmnopqrstuvwxyz_, ") == ""
}
