package session

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"daumoi/data/assessments"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/textnorm"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// Errors of assessments.
var (
	// ErrNoSuchAssessment is returned for an unknown assessment id.
	ErrNoSuchAssessment = errors.New("session: no such assessment")
	// ErrAssessmentApproved is returned when changing an approved
	// assessment: open a new revision instead.
	ErrAssessmentApproved = errors.New("session: the assessment is approved and can no longer change; open a new revision")
	// ErrAssessmentNotApproved is returned when opening a new revision of
	// an assessment that is not approved yet, or of one that is not the
	// latest revision.
	ErrAssessmentNotApproved = errors.New("session: a new revision can only be opened from the latest, approved revision")
	// ErrAssessmentIncomplete is returned when approving an assessment
	// with items not assessed yet.
	ErrAssessmentIncomplete = errors.New("session: some items are not assessed yet")
	// ErrBadPeriod is returned for a period that is not a year, optionally
	// with a part ("2026", "2026-H1", "2026-Q3").
	ErrBadPeriod = errors.New("session: invalid assessment period (e.g. 2026 or 2026-H1)")
	// ErrBadItemStatus is returned for an unknown item status.
	ErrBadItemStatus = errors.New("session: unknown assessment status")
	// ErrReasonRequired is returned when an item is marked not applicable
	// without a reason in its note.
	ErrReasonRequired = errors.New("session: an item that does not apply needs the reason in its note")
	// ErrSystemHasNoLevel is returned when assessing a system whose
	// security level is not set: the applicable items depend on it.
	ErrSystemHasNoLevel = errors.New("session: the system has no security level yet")
	// ErrNoPreviousAssessment is returned by CopyPrevious when the system
	// has no assessment of an earlier period.
	ErrNoPreviousAssessment = errors.New("session: no assessment of an earlier period to copy from")
	// ErrCommentRequired is returned when returning an assessment without
	// saying what is to be done.
	ErrCommentRequired = errors.New("session: returning an assessment needs a comment")
)

// ItemStatus is the result of one checklist item.
type ItemStatus string

// The item statuses.
const (
	ItemPass          ItemStatus = "pass"           // Đạt
	ItemPartial       ItemStatus = "partial"        // Đạt một phần
	ItemFail          ItemStatus = "fail"           // Không đạt
	ItemNotApplicable ItemStatus = "not_applicable" // Không áp dụng (reason in the note)
	ItemNotAssessed   ItemStatus = "not_assessed"   // Chưa đánh giá
)

// ItemStatuses lists the statuses in display order.
func ItemStatuses() []ItemStatus {
	return []ItemStatus{ItemPass, ItemPartial, ItemFail, ItemNotApplicable, ItemNotAssessed}
}

// AssessmentState is where an assessment revision stands.
type AssessmentState string

// The assessment states.
const (
	AssessmentOpen     AssessmentState = "open"
	AssessmentApproved AssessmentState = "approved"
)

// Progress counts the items of an assessment or group per status.
type Progress struct {
	Total  int
	Counts map[ItemStatus]int
}

// Done returns the number of items assessed (any status but not_assessed).
func (p Progress) Done() int { return p.Total - p.Counts[ItemNotAssessed] }

// Compliance is the progress by the one definition of compliance
// (package assessments): met of assessed, assessed of applicable.
func (p Progress) Compliance() assessments.Compliance { return assessments.FromCounts(p.Counts) }

func (p *Progress) add(st ItemStatus) {
	if p.Counts == nil {
		p.Counts = map[ItemStatus]int{}
	}
	p.Total++
	p.Counts[st]++
}

// AssessmentSummary is one assessment revision without its items.
type AssessmentSummary struct {
	ID         int64
	SystemID   int64
	SystemName string
	Period     string
	Revision   int
	Level      int
	Packs      []string // the packs whose catalogues it covers
	State      AssessmentState
	PreviousID int64 // the revision it was opened from (0: none)
	CreatedBy  string
	CreatedAt  string
	ApprovedBy string
	ApprovedAt string
	// ReturnedBy, ReturnedAt and ReturnComment are the latest return by
	// a manager (empty if never returned); the comment stays visible to
	// the people assessing.
	ReturnedBy    string
	ReturnedAt    string
	ReturnComment string
	// LastAssessedAt is the latest time an item was assessed ("" if none).
	LastAssessedAt string
	Progress       Progress
}

// AwaitingApproval reports whether the assessment waits for the manager:
// open, every item assessed, and changed since it was last returned.
func (a AssessmentSummary) AwaitingApproval() bool {
	return a.State == AssessmentOpen && a.Progress.Total > 0 && a.Progress.Counts[ItemNotAssessed] == 0 &&
		(a.ReturnedAt == "" || a.LastAssessedAt > a.ReturnedAt)
}

// Assessment is an assessment revision with its items grouped.
type Assessment struct {
	AssessmentSummary
	Groups []AssessmentGroup
}

// AssessmentGroup is the items of one pack's group (e.g. directive item
// "1c", or "management"), in pack order.
type AssessmentGroup struct {
	PackID   string
	Group    string
	Items    []AssessmentItem
	Progress Progress
}

// AssessmentItem is one checklist item's result.
type AssessmentItem struct {
	PackID       string
	ItemID       string
	TextVI       string
	EvidenceHint string
	Source       packs.SourceRef
	Status       ItemStatus
	Note         string
	EvidenceIDs  []string
	AssessedBy   string
	AssessedAt   string
}

// Key is the item's "packID/itemID".
func (it AssessmentItem) Key() string { return it.PackID + "/" + it.ItemID }

var periodPattern = regexp.MustCompile(`^[0-9]{4}(-(H[12]|Q[1-4]|[0-9]{2}))?$`)

// OpenAssessment returns the current (latest) revision of the system's
// assessment for period, creating revision 1 if there is none: its items
// are those of the active packs' catalogues for the system's level, all
// not assessed. Needs PermAssess.
func (s *Session) OpenAssessment(systemID int64, period string) (Assessment, error) {
	period, err := checkPeriod(period)
	if err != nil {
		return Assessment{}, err
	}
	var a Assessment
	err = s.write(users.PermAssess, func(tx *vault.Tx, _ users.User) error {
		sys, id, err := latestRevision(tx, systemID, period)
		if err == nil {
			a, err = loadAssessment(tx, id)
			return err
		}
		if !errors.Is(err, ErrNoSuchAssessment) {
			return err
		}
		if sys.Level() == 0 {
			return fmt.Errorf("%w: %s", ErrSystemHasNoLevel, sys.Name)
		}
		if id, err = s.createRevision(tx, systemID, period, 1, sys.Level(), 0); err != nil {
			return err
		}
		if err := s.record(tx, "assessment.open", "assessment", fmt.Sprint(id),
			fmt.Sprintf("%s, kỳ %s, cấp độ %d", sys.Name, period, sys.Level())); err != nil {
			return err
		}
		a, err = loadAssessment(tx, id)
		return err
	})
	return a, err
}

// checkPeriod returns period in its stored form (upper case, trimmed), or
// ErrBadPeriod.
func checkPeriod(period string) (string, error) {
	period = strings.ToUpper(strings.TrimSpace(period))
	if !periodPattern.MatchString(period) {
		return "", fmt.Errorf("%w: %q", ErrBadPeriod, period)
	}
	return period, nil
}

// latestRevision returns the system and the id of its assessment's latest
// revision for period, or ErrNoSuchAssessment (with the system) if there is
// none.
func latestRevision(q rowQuerier, systemID int64, period string) (registers.System, int64, error) {
	sys, err := getSystem(q, systemID)
	if err != nil {
		return sys, 0, err
	}
	var id int64
	err = q.QueryRow(`SELECT id FROM assessments WHERE system_id = ? AND period = ? ORDER BY revision DESC LIMIT 1`,
		systemID, period).Scan(&id)
	if isNoRows(err) {
		return sys, 0, fmt.Errorf("%w: %q, kỳ %s", ErrNoSuchAssessment, sys.Name, period)
	}
	return sys, id, err
}

// createRevision inserts an assessment with the active packs' items for
// level, all not assessed, and returns its id.
func (s *Session) createRevision(tx *vault.Tx, systemID int64, period string, revision, level int, previous int64) (int64, error) {
	active, _, err := activePacks(tx)
	if err != nil {
		return 0, err
	}
	id, err := nextID(tx, "assessments")
	if err != nil {
		return 0, err
	}
	ids := make([]string, len(active))
	for i, p := range active {
		ids[i] = p.ID
	}
	if _, err := tx.Exec(`INSERT INTO assessments (id, system_id, period, revision, level, packs, state, previous_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, systemID, period, revision, level, strings.Join(ids, ","),
		string(AssessmentOpen), previous, s.user, stamp(s.now())); err != nil {
		return 0, err
	}
	pos := 0
	for _, p := range active {
		for _, it := range p.ItemsForLevel(level) {
			pos++
			if _, err := tx.Exec(`INSERT INTO assessment_items (assessment_id, pack_id, item_id, position, status) VALUES (?, ?, ?, ?, ?)`,
				id, p.ID, it.ID, pos, string(ItemNotAssessed)); err != nil {
				return 0, err
			}
		}
	}
	return id, nil
}

// LatestAssessment returns the current (latest) revision of the system's
// assessment for period without creating one (ErrNoSuchAssessment if there
// is none): the read path of those who review and approve assessments but
// do not fill them. Needs PermRead.
func (s *Session) LatestAssessment(systemID int64, period string) (Assessment, error) {
	period, err := checkPeriod(period)
	if err != nil {
		return Assessment{}, err
	}
	var a Assessment
	err = s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		_, id, err := latestRevision(tx, systemID, period)
		if err != nil {
			return err
		}
		a, err = loadAssessment(tx, id)
		return err
	})
	return a, err
}

// GetAssessment returns an assessment with its items grouped by pack and
// group, and the progress of each group and of the whole. Needs PermRead.
func (s *Session) GetAssessment(id int64) (Assessment, error) {
	var a Assessment
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		a, err = loadAssessment(tx, id)
		return err
	})
	return a, err
}

// ListAssessments returns every assessment revision of a system (0: of
// every system), by system name, period and revision, with progress.
// Needs PermRead.
func (s *Session) ListAssessments(systemID int64) ([]AssessmentSummary, error) {
	var list []AssessmentSummary
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		rows, err := tx.Query(`SELECT a.id FROM assessments a JOIN systems s ON s.id = a.system_id
			WHERE ? = 0 OR a.system_id = ? ORDER BY s.name_key, a.period, a.revision`, systemID, systemID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			sum, err := loadSummary(tx, id)
			if err != nil {
				return err
			}
			if err := countProgress(tx, &sum); err != nil {
				return err
			}
			list = append(list, sum)
		}
		return nil
	})
	return list, err
}

func loadSummary(q rowQuerier, id int64) (AssessmentSummary, error) {
	var a AssessmentSummary
	var packList, state string
	err := q.QueryRow(`SELECT a.id, a.system_id, s.name, a.period, a.revision, a.level, a.packs, a.state, a.previous_id,
		a.created_by, a.created_at, a.approved_by, a.approved_at, a.returned_by, a.returned_at, a.return_comment,
		(SELECT COALESCE(MAX(assessed_at), '') FROM assessment_items WHERE assessment_id = a.id)
		FROM assessments a JOIN systems s ON s.id = a.system_id WHERE a.id = ?`, id).Scan(
		&a.ID, &a.SystemID, &a.SystemName, &a.Period, &a.Revision, &a.Level, &packList, &state, &a.PreviousID,
		&a.CreatedBy, &a.CreatedAt, &a.ApprovedBy, &a.ApprovedAt, &a.ReturnedBy, &a.ReturnedAt, &a.ReturnComment, &a.LastAssessedAt)
	if isNoRows(err) {
		return a, fmt.Errorf("%w: %d", ErrNoSuchAssessment, id)
	}
	if packList != "" {
		a.Packs = strings.Split(packList, ",")
	}
	a.State = AssessmentState(state)
	return a, err
}

func countProgress(q rowQuerier, a *AssessmentSummary) error {
	rows, err := q.Query(`SELECT status, COUNT(*) FROM assessment_items WHERE assessment_id = ? GROUP BY status`, a.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	a.Progress = Progress{Counts: map[ItemStatus]int{}}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return err
		}
		a.Progress.Counts[ItemStatus(st)] += n
		a.Progress.Total += n
	}
	return rows.Err()
}

// storedItem is an assessment_items row.
type storedItem struct {
	packID, itemID, status, note, evidence, by, at string
}

func readItems(q rowQuerier, id int64) ([]storedItem, error) {
	rows, err := q.Query(`SELECT pack_id, item_id, status, note, evidence, assessed_by, assessed_at
		FROM assessment_items WHERE assessment_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []storedItem
	for rows.Next() {
		var it storedItem
		if err := rows.Scan(&it.packID, &it.itemID, &it.status, &it.note, &it.evidence, &it.by, &it.at); err != nil {
			return nil, err
		}
		list = append(list, it)
	}
	return list, rows.Err()
}

// loadAssessment reads an assessment and joins its items with their text
// from the packs in the vault (an item whose pack was since removed keeps
// its id as its text).
func loadAssessment(q rowQuerier, id int64) (Assessment, error) {
	sum, err := loadSummary(q, id)
	if err != nil {
		return Assessment{}, err
	}
	stored, err := readItems(q, id)
	if err != nil {
		return Assessment{}, err
	}
	reg, err := loadRegistry(q)
	if err != nil {
		return Assessment{}, err
	}
	a := Assessment{AssessmentSummary: sum}
	a.Progress = Progress{Counts: map[ItemStatus]int{}}
	texts := itemIndex(reg, sum.Packs)
	for _, st := range stored {
		item := describeItem(st, texts[st.packID+"/"+st.itemID], sum.Level)
		group := texts[st.packID+"/"+st.itemID].Group
		n := len(a.Groups)
		if n == 0 || a.Groups[n-1].PackID != st.packID || a.Groups[n-1].Group != group {
			a.Groups = append(a.Groups, AssessmentGroup{PackID: st.packID, Group: group, Progress: Progress{Counts: map[ItemStatus]int{}}})
			n++
		}
		a.Groups[n-1].Items = append(a.Groups[n-1].Items, item)
		a.Groups[n-1].Progress.add(item.Status)
		a.Progress.add(item.Status)
	}
	return a, nil
}

// itemIndex maps "packID/itemID" to the item for the listed packs.
func itemIndex(reg packs.Registry, ids []string) map[string]packs.Item {
	out := map[string]packs.Item{}
	for _, id := range ids {
		e, err := reg.Get(id)
		if err != nil {
			continue
		}
		for _, c := range e.Pack.Catalogues {
			for _, it := range c.Items {
				out[id+"/"+it.ID] = it
			}
		}
	}
	return out
}

func describeItem(st storedItem, it packs.Item, level int) AssessmentItem {
	text := it.TextVI
	if t := it.TextVIByLevel[strconv.Itoa(level)]; t != "" {
		text = t
	}
	if text == "" {
		text = st.itemID
	}
	out := AssessmentItem{PackID: st.packID, ItemID: st.itemID, TextVI: text, EvidenceHint: it.EvidenceHintVI, Source: it.Source,
		Status: ItemStatus(st.status), Note: st.note, AssessedBy: st.by, AssessedAt: st.at}
	if st.evidence != "" {
		out.EvidenceIDs = strings.Split(st.evidence, ",")
	}
	return out
}

// SetAssessmentItem records one item's status, note and evidence. item is
// "packID/itemID", or the item id alone when only one pack of the
// assessment has it. not_applicable needs a reason in note
// (ErrReasonRequired); every evidence id must exist, and is linked to the
// item. An approved assessment cannot change (ErrAssessmentApproved).
// Needs PermAssess.
func (s *Session) SetAssessmentItem(id int64, item string, status ItemStatus, note string, evidenceIDs []string) error {
	note = strings.TrimSpace(textnorm.NFC(note))
	if !slices.Contains(ItemStatuses(), status) {
		return fmt.Errorf("%w: %q", ErrBadItemStatus, status)
	}
	if status == ItemNotApplicable && note == "" {
		return ErrReasonRequired
	}
	if utf8.RuneCountInString(note) > 5000 {
		return fmt.Errorf("%w: note too long", ErrInvalidInput)
	}
	evidenceIDs = cleanIDs(evidenceIDs)
	return s.write(users.PermAssess, func(tx *vault.Tx, _ users.User) error {
		sum, err := openForChange(tx, id)
		if err != nil {
			return err
		}
		packID, itemID, err := resolveItem(tx, id, item)
		if err != nil {
			return err
		}
		for _, ev := range evidenceIDs {
			if _, err := getEvidence(tx, ev); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT OR IGNORE INTO evidence_links (evidence_id, kind, target) VALUES (?, ?, ?)`,
				ev, string(LinkItem), packID+"/"+itemID); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE assessment_items SET status = ?, note = ?, evidence = ?, assessed_by = ?, assessed_at = ?
			WHERE assessment_id = ? AND pack_id = ? AND item_id = ?`, string(status), note, strings.Join(evidenceIDs, ","),
			s.user, stamp(s.now()), id, packID, itemID); err != nil {
			return err
		}
		summary := fmt.Sprintf("%s, kỳ %s: %s/%s → %s", sum.SystemName, sum.Period, packID, itemID, status)
		return s.record(tx, "assessment.item", "assessment", fmt.Sprint(id), summary)
	})
}

func cleanIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// openForChange returns the assessment if it may still change.
func openForChange(q rowQuerier, id int64) (AssessmentSummary, error) {
	sum, err := loadSummary(q, id)
	if err != nil {
		return sum, err
	}
	if sum.State == AssessmentApproved {
		return sum, fmt.Errorf("%w: %s, kỳ %s, lần %d", ErrAssessmentApproved, sum.SystemName, sum.Period, sum.Revision)
	}
	return sum, nil
}

// resolveItem finds an item of the assessment by "pack/item" or item id.
func resolveItem(q rowQuerier, id int64, item string) (string, string, error) {
	item = strings.TrimSpace(item)
	packID, itemID, hasPack := strings.Cut(item, "/")
	if !hasPack {
		packID, itemID = "", item
	}
	rows, err := q.Query(`SELECT pack_id FROM assessment_items WHERE assessment_id = ? AND item_id = ? AND (? = '' OR pack_id = ?)`,
		id, itemID, packID, packID)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return "", "", err
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return "", "", err
	}
	if len(found) != 1 {
		return "", "", fmt.Errorf("%w: %q", ErrNoSuchItem, item)
	}
	return found[0], itemID, nil
}

// ApproveAssessment is the manager's sign-off: every item must be assessed
// (ErrAssessmentIncomplete); afterwards the revision is read-only. Needs
// PermApprove.
func (s *Session) ApproveAssessment(id int64) error {
	return s.write(users.PermApprove, func(tx *vault.Tx, _ users.User) error {
		sum, err := openForChange(tx, id)
		if err != nil {
			return err
		}
		if err := countProgress(tx, &sum); err != nil {
			return err
		}
		if n := sum.Progress.Counts[ItemNotAssessed]; n > 0 {
			return fmt.Errorf("%w: %d of %d", ErrAssessmentIncomplete, n, sum.Progress.Total)
		}
		if _, err := tx.Exec(`UPDATE assessments SET state = ?, approved_by = ?, approved_at = ? WHERE id = ?`,
			string(AssessmentApproved), s.user, stamp(s.now()), id); err != nil {
			return err
		}
		return s.record(tx, "assessment.approve", "assessment", fmt.Sprint(id),
			fmt.Sprintf("%s, kỳ %s, lần %d: phê duyệt (%d mục đạt, %d đạt một phần, %d không đạt)", sum.SystemName, sum.Period,
				sum.Revision, sum.Progress.Counts[ItemPass], sum.Progress.Counts[ItemPartial], sum.Progress.Counts[ItemFail]))
	})
}

// ReturnAssessment is the manager sending an open assessment back to the
// people assessing, with a comment saying what to do (ErrCommentRequired);
// the comment is kept on the assessment, which no longer waits for
// approval until an item changes. Needs PermApprove.
func (s *Session) ReturnAssessment(id int64, comment string) error {
	comment = strings.TrimSpace(textnorm.NFC(comment))
	if comment == "" {
		return ErrCommentRequired
	}
	if utf8.RuneCountInString(comment) > 5000 {
		return fmt.Errorf("%w: comment too long", ErrInvalidInput)
	}
	return s.write(users.PermApprove, func(tx *vault.Tx, _ users.User) error {
		sum, err := openForChange(tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE assessments SET returned_by = ?, returned_at = ?, return_comment = ? WHERE id = ?`,
			s.user, stamp(s.now()), comment, id); err != nil {
			return err
		}
		return s.record(tx, "assessment.return", "assessment", fmt.Sprint(id),
			fmt.Sprintf("%s, kỳ %s, lần %d: trả lại — %s", sum.SystemName, sum.Period, sum.Revision, comment))
	})
}

// NewRevision opens the next revision of an approved assessment (the
// latest revision of its system and period; ErrAssessmentNotApproved
// otherwise). The new revision covers the system's current level and the
// active packs, and starts from the approved answers of the items both
// share. Needs PermAssess.
func (s *Session) NewRevision(id int64) (Assessment, error) {
	var a Assessment
	err := s.write(users.PermAssess, func(tx *vault.Tx, _ users.User) error {
		from, err := loadSummary(tx, id)
		if err != nil {
			return err
		}
		var latest int
		if err := tx.QueryRow(`SELECT MAX(revision) FROM assessments WHERE system_id = ? AND period = ?`,
			from.SystemID, from.Period).Scan(&latest); err != nil {
			return err
		}
		if from.State != AssessmentApproved || from.Revision != latest {
			return fmt.Errorf("%w: %s, kỳ %s, lần %d", ErrAssessmentNotApproved, from.SystemName, from.Period, from.Revision)
		}
		sys, err := getSystem(tx, from.SystemID)
		if err != nil {
			return err
		}
		if sys.Level() == 0 {
			return fmt.Errorf("%w: %s", ErrSystemHasNoLevel, sys.Name)
		}
		next, err := s.createRevision(tx, from.SystemID, from.Period, from.Revision+1, sys.Level(), id)
		if err != nil {
			return err
		}
		if _, err := copyAnswers(tx, id, next); err != nil {
			return err
		}
		if err := s.record(tx, "assessment.revision", "assessment", fmt.Sprint(next),
			fmt.Sprintf("%s, kỳ %s: lần %d mở từ lần %d", sys.Name, from.Period, from.Revision+1, from.Revision)); err != nil {
			return err
		}
		a, err = loadAssessment(tx, next)
		return err
	})
	return a, err
}

// CopyPrevious fills the items not yet assessed with the answers of the
// system's latest assessment of an earlier period (its latest revision),
// as a starting point, and returns how many items it filled.
// ErrNoPreviousAssessment if there is none. Needs PermAssess.
func (s *Session) CopyPrevious(id int64) (int, error) {
	var n int
	err := s.write(users.PermAssess, func(tx *vault.Tx, _ users.User) error {
		sum, err := openForChange(tx, id)
		if err != nil {
			return err
		}
		var prev int64
		var prevPeriod string
		err = tx.QueryRow(`SELECT id, period FROM assessments WHERE system_id = ? AND period < ? ORDER BY period DESC, revision DESC LIMIT 1`,
			sum.SystemID, sum.Period).Scan(&prev, &prevPeriod)
		if isNoRows(err) {
			return fmt.Errorf("%w: %s, kỳ %s", ErrNoPreviousAssessment, sum.SystemName, sum.Period)
		}
		if err != nil {
			return err
		}
		if n, err = copyAnswers(tx, prev, id); err != nil {
			return err
		}
		return s.record(tx, "assessment.copy", "assessment", fmt.Sprint(id),
			fmt.Sprintf("%s, kỳ %s: chép %d mục từ kỳ %s", sum.SystemName, sum.Period, n, prevPeriod))
	})
	return n, err
}

// copyAnswers copies status, note and evidence from one assessment to the
// not-assessed items of another that have the same pack and item id.
func copyAnswers(tx *vault.Tx, from, to int64) (int, error) {
	res, err := tx.Exec(`UPDATE assessment_items AS t SET status = f.status, note = f.note, evidence = f.evidence,
			assessed_by = f.assessed_by, assessed_at = f.assessed_at
		FROM assessment_items AS f
		WHERE t.assessment_id = ? AND f.assessment_id = ? AND t.pack_id = f.pack_id AND t.item_id = f.item_id
			AND t.status = ? AND f.status <> ?`, to, from, string(ItemNotAssessed), string(ItemNotAssessed))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
