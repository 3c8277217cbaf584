package packs

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"daumoi/data/textnorm"
)

const maxIDLength = 64

// Validate checks a pack and returns the first problem found, as a
// *ValidationError wrapping a sentinel, in document order.
func Validate(p Pack) error {
	if p.Format != FormatVersion {
		return problem(ErrFormatVersion, "format", "format %d, this program reads format %d", p.Format, FormatVersion)
	}
	if path, ok := firstNonNFC(reflect.ValueOf(p), ""); !ok {
		return problem(ErrNotNFC, path, "")
	}
	v := validator{ids: map[string]string{}, sources: map[string]bool{}, items: map[string]bool{}}
	steps := []func(Pack) error{v.header, v.checkSources, v.checkCatalogues, v.checkCriteria, v.checkRules}
	for _, step := range steps {
		if err := step(p); err != nil {
			return err
		}
	}
	return nil
}

type validator struct {
	ids     map[string]string // id → path where it was first declared
	sources map[string]bool
	items   map[string]bool
}

func (v *validator) header(p Pack) error {
	if err := checkID(p.ID, "id"); err != nil {
		return err
	}
	if p.Version < 1 {
		return problem(ErrBadVersion, "version", "version must be a positive integer, got %d", p.Version)
	}
	if err := required(p.Title.VI, "title.vi"); err != nil {
		return err
	}
	if _, err := parseDateAt(p.Published, "published"); err != nil {
		return err
	}
	return checkPeriod(p.Effective, "effective")
}

func (v *validator) declare(id, path string) error {
	if err := checkID(id, path); err != nil {
		return err
	}
	if first, dup := v.ids[id]; dup {
		return problem(ErrDuplicateID, path, "duplicate id %q (first declared at %s)", id, first)
	}
	v.ids[id] = path
	return nil
}

func (v *validator) checkSources(p Pack) error {
	if len(p.Sources) == 0 {
		return problem(ErrMissingText, "sources", "a pack must cite at least one source")
	}
	for i, s := range p.Sources {
		path := fmt.Sprintf("sources[%d]", i)
		if err := v.declare(s.ID, path+".id"); err != nil {
			return err
		}
		v.sources[s.ID] = true
		if err := firstMissing(path, "title_vi", s.TitleVI, "number", s.Number); err != nil {
			return err
		}
		if err := optionalDates(path, "signed", s.Signed, "effective", s.Effective); err != nil {
			return err
		}
		for j, a := range s.Articles {
			ap := fmt.Sprintf("%s.articles[%d]", path, j)
			if err := firstMissing(ap, "ref", a.Ref, "title_vi", a.TitleVI); err != nil {
				return err
			}
		}
	}
	return nil
}

func (v *validator) checkRef(r SourceRef, path string) error {
	if r.Source == "" {
		return problem(ErrMissingText, path+".source", "source id is empty")
	}
	if !v.sources[r.Source] {
		return problem(ErrUnknownReference, path, "unknown source %q", r.Source)
	}
	return required(r.Ref, path+".ref")
}

func (v *validator) checkCatalogues(p Pack) error {
	for i, c := range p.Catalogues {
		path := fmt.Sprintf("catalogues[%d]", i)
		if err := v.declare(c.ID, path+".id"); err != nil {
			return err
		}
		if err := required(c.Title.VI, path+".title.vi"); err != nil {
			return err
		}
		if len(c.Items) == 0 {
			return problem(ErrMissingText, path+".items", "a catalogue needs at least one item")
		}
		for j, it := range c.Items {
			if err := v.checkItem(it, fmt.Sprintf("%s.items[%d]", path, j)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (v *validator) checkItem(it Item, path string) error {
	if err := v.declare(it.ID, path+".id"); err != nil {
		return err
	}
	v.items[it.ID] = true
	if err := firstMissing(path, "group", it.Group, "text_vi", it.TextVI); err != nil {
		return err
	}
	if len(it.Levels) == 0 {
		return problem(ErrBadLevel, path+".levels", "an item must apply to at least one level")
	}
	if err := checkLevels(it.Levels, path+".levels"); err != nil {
		return err
	}
	// The subgroup clause exists at every level where the subgroup exists,
	// which can include levels the item itself does not apply to.
	maps := []struct {
		name   string
		m      map[string]string
		strict bool
	}{
		{"text_vi_by_level", it.TextVIByLevel, true}, {"clause_by_level", it.ClauseByLevel, true},
		{"subgroup_clause_by_level", it.SubgroupClauseByLevel, false}, {"row_by_level", it.RowByLevel, true},
		{"point_by_level", it.PointByLevel, true},
	}
	for _, m := range maps {
		if err := checkLevelMap(m.m, it.Levels, m.strict, path+"."+m.name); err != nil {
			return err
		}
	}
	return v.checkRef(it.Source, path+".source")
}

func checkLevelMap(m map[string]string, levels []int, strict bool, path string) error {
	for _, key := range sortedKeys(m) {
		n, err := strconv.Atoi(key)
		if err != nil || n < 1 || n > 5 {
			return problem(ErrBadLevel, path, "key %q is not a level 1-5", key)
		}
		if strict && !containsInt(levels, n) {
			return problem(ErrUnknownReference, path, "level %d is not among the item's levels", n)
		}
	}
	return nil
}

func (v *validator) checkCriteria(p Pack) error {
	for i, c := range p.LevelCriteria {
		path := fmt.Sprintf("level_criteria[%d]", i)
		if err := v.declare(c.ID, path+".id"); err != nil {
			return err
		}
		if err := firstMissing(path, "question_vi", c.QuestionVI, "rule_vi", c.RuleVI); err != nil {
			return err
		}
		if len(c.Options) == 0 {
			return problem(ErrMissingText, path+".options", "a criterion needs at least one answer option")
		}
		if err := checkOptions(c.Options, path); err != nil {
			return err
		}
		if err := v.checkRef(c.Source, path+".source"); err != nil {
			return err
		}
	}
	return nil
}

func checkOptions(options []Option, path string) error {
	seen := map[string]bool{}
	for j, o := range options {
		op := fmt.Sprintf("%s.options[%d]", path, j)
		if err := checkID(o.ID, op+".id"); err != nil {
			return err
		}
		if seen[o.ID] {
			return problem(ErrDuplicateID, op+".id", "duplicate option id %q", o.ID)
		}
		seen[o.ID] = true
		if err := required(o.TextVI, op+".text_vi"); err != nil {
			return err
		}
		if o.Level != 0 && (o.Level < 1 || o.Level > 5) {
			return problem(ErrBadLevel, op+".level", "level %d is not 1-5", o.Level)
		}
		if o.Level != 0 && o.OutOfScope {
			return problem(ErrBadLevel, op+".level", "an out-of-scope answer cannot suggest a level")
		}
	}
	return nil
}

func (v *validator) checkRules(p Pack) error {
	for i, r := range p.Obligations {
		path := fmt.Sprintf("obligations[%d]", i)
		if err := v.declare(r.ID, path+".id"); err != nil {
			return err
		}
		if err := required(r.TitleVI, path+".title_vi"); err != nil {
			return err
		}
		if err := v.checkRuleCommon(r, path); err != nil {
			return err
		}
		if err := checkRuleKind(r, path); err != nil {
			return err
		}
		if err := v.checkRef(r.Source, path+".source"); err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) checkRuleCommon(r Rule, path string) error {
	if err := checkLevels(r.Levels, path+".levels"); err != nil {
		return err
	}
	for j, role := range r.AgencyRoles {
		if err := checkID(role, fmt.Sprintf("%s.agency_roles[%d]", path, j)); err != nil {
			return err
		}
	}
	for j, kind := range r.SatisfiedBy {
		if err := checkKindName(kind, fmt.Sprintf("%s.satisfied_by[%d]", path, j)); err != nil {
			return err
		}
	}
	for j, id := range r.Items {
		if !v.items[id] {
			return problem(ErrUnknownReference, fmt.Sprintf("%s.items[%d]", path, j), "unknown catalogue item %q", id)
		}
	}
	if r.Effective != nil {
		return checkPeriod(*r.Effective, path+".effective")
	}
	return nil
}

func required(s, path string) error {
	if strings.TrimSpace(s) == "" {
		return problem(ErrMissingText, path, "required text is empty")
	}
	return nil
}

// firstMissing checks name/value pairs under path.
func firstMissing(path string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := required(pairs[i+1], path+"."+pairs[i]); err != nil {
			return err
		}
	}
	return nil
}

func optionalDates(path string, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] == "" {
			continue
		}
		if _, err := parseDateAt(pairs[i+1], path+"."+pairs[i]); err != nil {
			return err
		}
	}
	return nil
}

func checkID(id, path string) error {
	if id == "" {
		return problem(ErrMissingText, path, "id is empty")
	}
	if len(id) > maxIDLength {
		return problem(ErrBadID, path, "id longer than %d characters", maxIDLength)
	}
	for i, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || (i > 0 && strings.ContainsRune("._-", c))
		if !ok {
			return problem(ErrBadID, path, "id %q: only letters, digits and . _ - (not first) are allowed", id)
		}
	}
	return nil
}

// checkKindName checks an activity or notification kind: lower-case snake case.
func checkKindName(kind, path string) error {
	if kind == "" {
		return problem(ErrMissingText, path, "activity kind is empty")
	}
	for i, c := range kind {
		ok := c >= 'a' && c <= 'z' || (i > 0 && (c == '_' || c >= '0' && c <= '9'))
		if !ok || len(kind) > maxIDLength {
			return problem(ErrBadID, path, "activity kind %q: use lower-case letters, digits and _", kind)
		}
	}
	return nil
}

func checkLevels(levels []int, path string) error {
	seen := map[int]bool{}
	for j, l := range levels {
		if l < 1 || l > 5 {
			return problem(ErrBadLevel, fmt.Sprintf("%s[%d]", path, j), "level %d is not 1-5", l)
		}
		if seen[l] {
			return problem(ErrDuplicateID, fmt.Sprintf("%s[%d]", path, j), "level %d listed twice", l)
		}
		seen[l] = true
	}
	return nil
}

func checkPeriod(p Period, path string) error {
	from, err := parseDateAt(p.From, path+".from")
	if err != nil {
		return err
	}
	if p.Until == "" {
		return nil
	}
	until, err := parseDateAt(p.Until, path+".until")
	if err != nil {
		return err
	}
	if until.Before(from) {
		return problem(ErrBadDate, path+".until", "until %s is before from %s", p.Until, p.From)
	}
	return nil
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// firstNonNFC returns the path of the first string that is not NFC.
func firstNonNFC(v reflect.Value, path string) (string, bool) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); textnorm.NFC(s) != s {
			return path, false
		}
	case reflect.Pointer:
		if !v.IsNil() {
			return firstNonNFC(v.Elem(), path)
		}
	case reflect.Struct:
		fields := v.Type()
		for i := range v.NumField() {
			name, _, _ := strings.Cut(fields.Field(i).Tag.Get("json"), ",")
			if p, ok := firstNonNFC(v.Field(i), joinPath(path, name)); !ok {
				return p, false
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p, ok := firstNonNFC(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); !ok {
				return p, false
			}
		}
	case reflect.Map:
		return firstNonNFCInMap(v, path)
	}
	return "", true
}

// firstNonNFCInMap returns the path of the first key (in sorted order) that
// is not NFC or whose string value is not NFC.
func firstNonNFCInMap(v reflect.Value, path string) (string, bool) {
	if v.Type().Key().Kind() != reflect.String {
		return "", true
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	for _, k := range keys {
		value := v.MapIndex(k)
		if ks := k.String(); textnorm.NFC(ks) != ks || value.Kind() == reflect.String && textnorm.NFC(value.String()) != value.String() {
			return path + "." + ks, false
		}
	}
	return "", true
}
