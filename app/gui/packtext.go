package gui

import (
	"strings"

	"daumoi/data/packs"
	"daumoi/data/session"
)

// packLister is what packWords needs of the session.
type packLister interface {
	ActivePacks() ([]packs.Pack, error)
}

// packWords names the packs' entries as a person reads them, never by
// their ids: a pack by its title, a checklist item by its text, a group
// of items by its place in the legal text ("11/CT-UBND mục 1 điểm b —
// Hồ sơ đề xuất cấp độ…").
type packWords struct {
	cat  translator
	byID map[string]packs.Pack
}

// newPackWords reads, with the catalogue cat, the active packs (none if they cannot be read: the
// texts then fall back to what the session gave).
func newPackWords(cat translator, svc packLister) packWords {
	w := packWords{cat: cat, byID: map[string]packs.Pack{}}
	if svc == nil {
		return w
	}
	list, err := svc.ActivePacks()
	if err != nil {
		return w
	}
	for _, p := range list {
		w.byID[p.ID] = p
	}
	return w
}

// packTitle is the pack's Vietnamese title ("" for a pack not loaded).
func (w packWords) packTitle(id string) string { return w.byID[id].Title.VI }

// item is the catalogue item id of pack packID, and whether it is there.
func (w packWords) item(packID, id string) (packs.Item, bool) {
	for _, c := range w.byID[packID].Catalogues {
		for _, it := range c.Items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return packs.Item{}, false
}

// sourceText is a place in a pack's legal source: the document's number
// and the place ("11/CT-UBND mục 1 điểm b"), with the article's title
// when the pack names it and withTitle is set.
func (w packWords) sourceText(packID string, ref packs.SourceRef, withTitle bool) string {
	for _, src := range w.byID[packID].Sources {
		if src.ID != ref.Source {
			continue
		}
		text := strings.TrimSpace(src.Number + " " + ref.Ref)
		if withTitle {
			for _, a := range src.Articles {
				if a.Ref == ref.Ref && a.TitleVI != "" {
					text += " — " + a.TitleVI
				}
			}
		}
		return text
	}
	return ref.Ref
}

// itemText is a checklist item as a person reads it: its subgroup, if
// the pack gives one, then its text.
func (w packWords) itemText(it session.AssessmentItem) string {
	if p, ok := w.item(it.PackID, it.ItemID); ok && p.SubgroupVI != "" && !strings.HasPrefix(it.TextVI, p.SubgroupVI) {
		return p.SubgroupVI + " — " + it.TextVI
	}
	return it.TextVI
}

// itemKeyText is the item named by a "packID/itemID" key (an evidence
// link), by its text; the key itself if the item is not in an active pack.
func (w packWords) itemKeyText(key string) string {
	packID, id, ok := strings.Cut(key, "/")
	if !ok {
		return key
	}
	p, found := w.item(packID, id)
	if !found {
		return key
	}
	text := p.TextVI
	if p.SubgroupVI != "" {
		text = p.SubgroupVI + " — " + text
	}
	return text + " (" + w.sourceText(packID, p.Source, false) + ")"
}

// groupRef is the place in the legal text the items of g share, if they
// share one.
func groupRef(g session.AssessmentGroup) (packs.SourceRef, bool) {
	if len(g.Items) == 0 || g.Items[0].Source.Source == "" {
		return packs.SourceRef{}, false
	}
	for _, it := range g.Items[1:] {
		if it.Source != g.Items[0].Source {
			return packs.SourceRef{}, false
		}
	}
	return g.Items[0].Source, true
}

// groupTitle is a group of checklist items by the place in the legal
// text its items share (with the article's title), else by the pack's
// title and the group's name.
func (w packWords) groupTitle(g session.AssessmentGroup) string {
	if ref, ok := groupRef(g); ok {
		return w.sourceText(g.PackID, ref, true)
	}
	group := capFirst(g.Group)
	if key := "text.pack_group." + g.Group; w.cat != nil && w.cat.Has(key) {
		group = w.cat.T(key)
	}
	if title := w.packTitle(g.PackID); title != "" {
		return title + " — " + group
	}
	return group
}

// groupItemText is an item under its group's title: its text, with its
// own place in the legal text when the group's title does not give it.
func (w packWords) groupItemText(g session.AssessmentGroup, it session.AssessmentItem) string {
	if _, ok := groupRef(g); ok {
		return w.itemText(it)
	}
	return w.itemText(it) + " (" + w.sourceText(it.PackID, it.Source, false) + ")"
}

// shellPackWords is packWords over the shell's session (no pack when
// locked).
func shellPackWords(s *Shell) packWords {
	if s.sess == nil {
		return newPackWords(s.cat, nil)
	}
	return newPackWords(s.cat, s.sess)
}
