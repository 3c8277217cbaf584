package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"daumoi/app/calendar"
	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/session"
)

// complyCommands are the commands of regulation packs, assessments,
// evidence links, activities and obligations (issue 6).
func complyCommands() []*command {
	return []*command{
		{name: "pack list", summaryKey: "cli.cmd.pack_list", bind: typed(setupList, execPackList)},
		{name: "pack import", summaryKey: "cli.cmd.pack_import", argsUsage: "FILE", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execPackImport)},
		{name: "pack activate", summaryKey: "cli.cmd.pack_activate", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupPackActivate, execPackActivate)},
		{name: "pack deactivate", summaryKey: "cli.cmd.pack_deactivate", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execPackDeactivate)},
		{name: "assessment list", summaryKey: "cli.cmd.assessment_list", bind: typed(setupSystemList, execAssessmentList)},
		{name: "assessment show", summaryKey: "cli.cmd.assessment_show", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupList, execAssessmentShow)},
		{name: "assessment open", summaryKey: "cli.cmd.assessment_open", bind: typed(setupAssessmentOpen, execAssessmentOpen)},
		{name: "assessment set", summaryKey: "cli.cmd.assessment_set", argsUsage: "ID ITEM", minArgs: 2, maxArgs: 2, bind: typed(setupAssessmentSet, execAssessmentSet)},
		{name: "assessment approve", summaryKey: "cli.cmd.assessment_approve", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentApprove)},
		{name: "assessment revise", summaryKey: "cli.cmd.assessment_revise", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentRevise)},
		{name: "assessment copy-previous", summaryKey: "cli.cmd.assessment_copy", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupVault, execAssessmentCopy)},
		{name: "evidence link", summaryKey: "cli.cmd.evidence_link", argsUsage: "ID", maxArgs: 1, bind: typed(setupEvidenceLink, execEvidenceLink)},
		{name: "evidence dates", summaryKey: "cli.cmd.evidence_dates", argsUsage: "ID", minArgs: 1, maxArgs: 1, bind: typed(setupEvidenceDates, execEvidenceDates)},
		{name: "activity add", summaryKey: "cli.cmd.activity_add", bind: typed(setupActivityAdd, execActivityAdd)},
		{name: "activity list", summaryKey: "cli.cmd.activity_list", bind: typed(setupList, execActivityList)},
		{name: "due", summaryKey: "cli.cmd.due", bind: typed(setupDue, execDue)},
		{name: "agency roles", summaryKey: "cli.cmd.agency_roles", bind: typed(setupAgencyRoles, execAgencyRoles)},
	}
}

// detailedError is a message already in the user's language, with the
// exact problem; it is printed as it is.
type detailedError struct{ msg string }

func (e *detailedError) Error() string { return e.msg }

// --- packs ---

func execPackList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListPacks()
		if err != nil {
			return err
		}
		text := isText(o.format)
		t := table{
			keys: []string{"id", "title", "version", "origin", "active", "items", "criteria", "obligations", "sha256"},
			titles: []string{"ID", r.cat.T("col.title"), r.cat.T("col.version"), r.cat.T("col.origin"), r.cat.T("col.active"),
				r.cat.T("col.items"), r.cat.T("col.criteria"), r.cat.T("col.obligations"), "SHA-256"},
		}
		for _, p := range list {
			origin := "shipped"
			if p.Imported {
				origin = "imported"
			}
			sum := p.SHA256
			if text {
				origin, sum = r.cat.T("pack_origin."+origin), sum[:12]
			}
			t.rows = append(t.rows, []string{p.ID, p.TitleVI, strconv.Itoa(p.Version), origin, r.yesNo(text, p.Active),
				strconv.Itoa(p.Items), strconv.Itoa(p.Criteria), strconv.Itoa(p.Obligations), sum})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

func isText(format string) bool { return format == "text" || format == "" }

func execPackImport(r *runner, o *vaultOptions, args []string) error {
	raw, err := readSmallFile(args[0], packs.MaxPackSize)
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		info, err := s.ImportPack(raw)
		if err != nil {
			return r.packError(err)
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.pack.imported", info.ID, info.Version, info.Items, info.Obligations))
		return nil
	})
}

// packError renders a refused pack with the exact problem the validator
// found (its path in the file and what is wrong).
func (r *runner) packError(err error) error {
	var ve *packs.ValidationError
	switch {
	case errors.As(err, &ve):
		return &detailedError{r.cat.T("err.pack_invalid", r.describe(ve))}
	case errors.Is(err, packs.ErrNotNewer):
		return &detailedError{r.cat.T("err.pack_not_newer", r.describe(err))}
	}
	return err
}

// readSmallFile reads a regular file of at most limit bytes.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: path, Err: os.ErrInvalid}
	}
	return io.ReadAll(io.LimitReader(f, limit+1))
}

type packActivateOptions struct {
	vaultOptions
	off bool
}

func setupPackActivate(r *runner, fs *flag.FlagSet) *packActivateOptions {
	o := &packActivateOptions{}
	o.register(r, fs)
	fs.BoolVar(&o.off, "off", false, r.cat.T("cli.flag.pack_off"))
	return o
}

func execPackActivate(r *runner, o *packActivateOptions, args []string) error {
	return r.setPackActive(&o.vaultOptions, args, !o.off)
}

func execPackDeactivate(r *runner, o *vaultOptions, args []string) error {
	return r.setPackActive(o, args, false)
}

func (r *runner) setPackActive(o *vaultOptions, args []string, active bool) error {
	return r.withSession(o, func(s *session.Session) error {
		if err := s.SetPackActive(args[0], active); err != nil {
			return err
		}
		key := "cli.pack.deactivated"
		if active {
			key = "cli.pack.activated"
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T(key, args[0]))
		return nil
	})
}

// --- assessments ---

func execAssessmentList(r *runner, o *systemListOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListAssessments(o.system)
		if err != nil {
			return err
		}
		text := isText(o.format)
		t := table{keys: []string{"id", "system_id", "system", "period", "revision", "level", "state", "assessed", "total",
			"pass", "partial", "fail", "not_applicable", "approved_by", "approved_at"}}
		t.titles = []string{"ID", r.cat.T("col.system_id"), r.cat.T("col.system"), r.cat.T("col.period"), r.cat.T("col.revision"),
			r.cat.T("col.level"), r.cat.T("col.state"), r.cat.T("col.assessed"), r.cat.T("col.total"), r.cat.T("item_status.pass"),
			r.cat.T("item_status.partial"), r.cat.T("item_status.fail"), r.cat.T("item_status.not_applicable"),
			r.cat.T("col.approved_by"), r.cat.T("col.approved_at")}
		for _, a := range list {
			state := string(a.State)
			if text {
				state = r.cat.T("assessment_state." + state)
			}
			c := a.Progress.Counts
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), strconv.FormatInt(a.SystemID, 10), a.SystemName, a.Period,
				strconv.Itoa(a.Revision), strconv.Itoa(a.Level), state, strconv.Itoa(a.Progress.Done()), strconv.Itoa(a.Progress.Total),
				strconv.Itoa(c[session.ItemPass]), strconv.Itoa(c[session.ItemPartial]), strconv.Itoa(c[session.ItemFail]),
				strconv.Itoa(c[session.ItemNotApplicable]), a.ApprovedBy, a.ApprovedAt})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// parseID parses a positional record number.
func parseID(r *runner, arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageErrorf(r.cat.T("cli.err.bad_id", arg))
	}
	return id, nil
}

func execAssessmentShow(r *runner, o *listOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.GetAssessment(id)
		if err != nil {
			return err
		}
		text := isText(o.format)
		if text {
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.header", a.SystemName, a.Period, a.Revision, a.Level,
				r.cat.T("assessment_state."+string(a.State)), a.Progress.Done(), a.Progress.Total))
		}
		t := table{
			keys: []string{"pack", "group", "item", "text", "status", "note", "evidence", "assessed_by", "assessed_at"},
			titles: []string{r.cat.T("col.pack"), r.cat.T("col.group"), r.cat.T("col.item"), r.cat.T("col.requirement"),
				r.cat.T("col.status"), r.cat.T("col.note"), r.cat.T("col.evidence"), r.cat.T("col.assessed_by"), r.cat.T("col.assessed_at")},
		}
		for _, g := range a.Groups {
			for _, it := range g.Items {
				status, itemText := string(it.Status), it.TextVI
				if text {
					status = r.cat.T("item_status." + status)
					itemText = shorten(itemText, 60)
				}
				t.rows = append(t.rows, []string{it.PackID, g.Group, it.ItemID, itemText, status, it.Note,
					strings.Join(it.EvidenceIDs, ","), it.AssessedBy, it.AssessedAt})
			}
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// shorten cuts s to n runes with an ellipsis, for aligned text tables.
func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

type assessmentOpenOptions struct {
	vaultOptions
	system int64
	period string
	copy   bool
}

func setupAssessmentOpen(r *runner, fs *flag.FlagSet) *assessmentOpenOptions {
	o := &assessmentOpenOptions{}
	o.register(r, fs)
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.period, "period", "", r.cat.T("cli.flag.period"))
	fs.BoolVar(&o.copy, "copy-previous", false, r.cat.T("cli.flag.copy_previous"))
	return o
}

func execAssessmentOpen(r *runner, o *assessmentOpenOptions, _ []string) error {
	if o.system == 0 || o.period == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--system, --period"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.OpenAssessment(o.system, o.period)
		if err != nil {
			return err
		}
		if o.copy {
			n, err := s.CopyPrevious(a.ID)
			if err != nil {
				return err
			}
			fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.copied", n))
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.opened", a.SystemName, a.Period, a.Revision, a.Progress.Total))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

type assessmentSetOptions struct {
	vaultOptions
	status, note, evidence string
}

func setupAssessmentSet(r *runner, fs *flag.FlagSet) *assessmentSetOptions {
	o := &assessmentSetOptions{}
	o.register(r, fs)
	fs.StringVar(&o.status, "status", "", r.cat.T("cli.flag.item_status"))
	fs.StringVar(&o.note, "note", "", r.cat.T("cli.flag.note"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_ids"))
	return o
}

func execAssessmentSet(r *runner, o *assessmentSetOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	if o.status == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--status"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		var ev []string
		if o.evidence != "" {
			ev = strings.Split(o.evidence, ",")
		}
		if err := s.SetAssessmentItem(id, args[1], session.ItemStatus(o.status), o.note, ev); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.item_set", args[1], r.cat.T("item_status."+o.status)))
		return nil
	})
}

func execAssessmentApprove(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		if err := s.ApproveAssessment(id); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.approved", id))
		return nil
	})
}

func execAssessmentRevise(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		a, err := s.NewRevision(id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.opened", a.SystemName, a.Period, a.Revision, a.Progress.Total))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execAssessmentCopy(r *runner, o *vaultOptions, args []string) error {
	id, err := parseID(r, args[0])
	if err != nil {
		return err
	}
	return r.withSession(o, func(s *session.Session) error {
		n, err := s.CopyPrevious(id)
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.assessment.copied", n))
		return nil
	})
}

// --- evidence links and dates ---

type evidenceLinkOptions struct {
	vaultOptions
	system, asset, item string
	remove              bool
}

func setupEvidenceLink(r *runner, fs *flag.FlagSet) *evidenceLinkOptions {
	o := &evidenceLinkOptions{}
	o.register(r, fs)
	fs.StringVar(&o.system, "system", "", r.cat.T("cli.flag.system"))
	fs.StringVar(&o.asset, "asset", "", r.cat.T("cli.flag.asset"))
	fs.StringVar(&o.item, "item", "", r.cat.T("cli.flag.item"))
	fs.BoolVar(&o.remove, "remove", false, r.cat.T("cli.flag.remove_link"))
	return o
}

func execEvidenceLink(r *runner, o *evidenceLinkOptions, args []string) error {
	var links []session.EvidenceLink
	for _, l := range []session.EvidenceLink{{Kind: session.LinkSystem, Target: o.system}, {Kind: session.LinkAsset, Target: o.asset},
		{Kind: session.LinkItem, Target: o.item}} {
		if l.Target != "" {
			links = append(links, l)
		}
	}
	if len(args) != 1 || len(links) != 1 {
		return usageErrorf(r.cat.T("cli.err.required", "ID, --system | --asset | --item"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		change, key := s.LinkEvidence, "cli.evidence.linked"
		if o.remove {
			change, key = s.UnlinkEvidence, "cli.evidence.unlinked"
		}
		if err := change(args[0], links[0]); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T(key, args[0], r.cat.T("link_kind."+string(links[0].Kind)), links[0].Target))
		return nil
	})
}

type evidenceDatesOptions struct {
	vaultOptions
	effective, expiry string
}

func setupEvidenceDates(r *runner, fs *flag.FlagSet) *evidenceDatesOptions {
	o := &evidenceDatesOptions{}
	o.register(r, fs)
	fs.StringVar(&o.effective, "effective", "", r.cat.T("cli.flag.effective"))
	fs.StringVar(&o.expiry, "expiry", "", r.cat.T("cli.flag.expiry"))
	return o
}

func execEvidenceDates(r *runner, o *evidenceDatesOptions, args []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if err := s.SetEvidenceDates(args[0], o.effective, o.expiry); err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.evidence.dated", args[0]))
		return nil
	})
}

// --- activities ---

type activityAddOptions struct {
	vaultOptions
	kind, date, note, evidence string
	system                     int64
}

func setupActivityAdd(r *runner, fs *flag.FlagSet) *activityAddOptions {
	o := &activityAddOptions{}
	o.register(r, fs)
	fs.StringVar(&o.kind, "kind", "", r.cat.T("cli.flag.activity_kind"))
	fs.StringVar(&o.date, "date", "", r.cat.T("cli.flag.date"))
	fs.Int64Var(&o.system, "system", 0, r.cat.T("cli.flag.system"))
	fs.StringVar(&o.note, "note", "", r.cat.T("cli.flag.note"))
	fs.StringVar(&o.evidence, "evidence", "", r.cat.T("cli.flag.evidence_id"))
	return o
}

func execActivityAdd(r *runner, o *activityAddOptions, _ []string) error {
	if o.kind == "" || o.date == "" {
		return usageErrorf(r.cat.T("cli.err.required", "--kind, --date"))
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		a, err := s.RecordActivity(session.Activity{Kind: o.kind, Date: o.date, SystemID: o.system, Note: o.note, EvidenceID: o.evidence})
		if errors.Is(err, session.ErrUnknownActivityKind) {
			kinds, kerr := s.ActivityKinds()
			if kerr != nil {
				return errors.Join(err, kerr)
			}
			return &detailedError{r.cat.T("err.unknown_activity_kind_list", o.kind, strings.Join(kinds, ", "))}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.activity.added", a.Kind, a.Date))
		fmt.Fprintln(r.env.Stdout, a.ID)
		return nil
	})
}

func execActivityList(r *runner, o *listOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.ListActivities(session.ActivityFilter{})
		if err != nil {
			return err
		}
		t := table{
			keys: []string{"id", "date", "kind", "system_id", "note", "evidence", "recorded_by"},
			titles: []string{"ID", r.cat.T("col.date"), r.cat.T("col.kind"), r.cat.T("col.system_id"), r.cat.T("col.note"),
				r.cat.T("col.evidence"), r.cat.T("col.recorded_by")},
		}
		for _, a := range list {
			system := ""
			if a.SystemID != 0 {
				system = strconv.FormatInt(a.SystemID, 10)
			}
			t.rows = append(t.rows, []string{strconv.FormatInt(a.ID, 10), a.Date, a.Kind, system, a.Note, a.EvidenceID, a.RecordedBy})
		}
		return r.print(r.env.Stdout, o.format, t)
	})
}

// --- obligations ---

type dueOptions struct {
	listOptions
	today, icsFile string
	applicable     bool
}

func setupDue(r *runner, fs *flag.FlagSet) *dueOptions {
	o := &dueOptions{}
	o.vaultOptions.register(r, fs)
	o.formatOption.register(r, fs)
	fs.StringVar(&o.today, "today", "", r.cat.T("cli.flag.today"))
	fs.StringVar(&o.icsFile, "ics", "", r.cat.T("cli.flag.ics"))
	fs.BoolVar(&o.applicable, "applicable", false, r.cat.T("cli.flag.due_applicable"))
	return o
}

// today returns --today, or the local date, as 00:00 UTC of that date.
func (o *dueOptions) day(r *runner) (time.Time, error) {
	if o.today == "" {
		y, m, d := time.Now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse(time.DateOnly, o.today)
	if err != nil {
		return t, usageErrorf(r.cat.T("cli.err.bad_today", o.today))
	}
	return t, nil
}

func execDue(r *runner, o *dueOptions, _ []string) error {
	today, err := o.day(r)
	if err != nil {
		return err
	}
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		list, err := s.Obligations(today)
		if err != nil {
			return err
		}
		systems, err := s.ListSystems(session.SystemFilter{})
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, sys := range systems {
			names[strconv.FormatInt(sys.ID, 10)] = sys.Name
		}
		if o.icsFile != "" {
			return r.writeICS(s, o.icsFile, list, names, today)
		}
		return r.print(r.env.Stdout, o.format, r.dueTable(list, names, isText(o.format), o.applicable))
	})
}

// dueTable lists the obligations, without the ones that do not apply if
// applicable is set.
func (r *runner) dueTable(list []obligations.Obligation, names map[string]string, text, applicable bool) table {
	t := table{
		keys: []string{"id", "status", "due", "system_id", "system", "title", "source", "reason", "satisfied_by", "satisfied_on"},
		titles: []string{"ID", r.cat.T("col.status"), r.cat.T("col.due"), r.cat.T("col.system_id"), r.cat.T("col.system"),
			r.cat.T("col.obligation"), r.cat.T("col.legal_source"), r.cat.T("col.reason"), r.cat.T("col.satisfied_by"), r.cat.T("col.satisfied_on")},
	}
	for _, ob := range list {
		if applicable && ob.Status == obligations.StatusNotApplicable {
			continue
		}
		status, reason := string(ob.Status), ob.Reason
		if text {
			status = r.cat.T("obligation_status." + status)
			if reason != "" {
				reason = r.cat.T("obligation_reason." + reason)
			}
		}
		due := ""
		if !ob.Due.IsZero() {
			due = ob.Due.Format(time.DateOnly)
		}
		by, on := "", ""
		if ob.SatisfiedBy != nil {
			by, on = ob.SatisfiedBy.ID, ob.SatisfiedBy.At.Format(time.DateOnly)
		}
		t.rows = append(t.rows, []string{ob.ID, status, due, ob.SystemID, names[ob.SystemID], r.title(ob.TitleVI, ob.TitleEN), calendar.LegalSource(ob.Source),
			reason, by, on})
	}
	return t
}

// writeICS exports the applicable obligations with a due date as all-day
// events (package calendar, shared with the GUI).
func (r *runner) writeICS(s *session.Session, path string, list []obligations.Obligation, names map[string]string, today time.Time) error {
	err := writeFileAtomic(s, path, 0o600, func(w io.Writer) error { return calendar.Write(w, r.cat, list, names, today) })
	if err != nil {
		return err
	}
	fmt.Fprintln(r.env.Stdout, r.cat.T("cli.ics.written", len(calendar.Events(r.cat, list, names)), path))
	return nil
}

// --- agency roles ---

type agencyRolesOptions struct {
	vaultOptions
	set   string
	clear bool
}

func setupAgencyRoles(r *runner, fs *flag.FlagSet) *agencyRolesOptions {
	o := &agencyRolesOptions{}
	o.register(r, fs)
	fs.StringVar(&o.set, "set", "", r.cat.T("cli.flag.agency_roles"))
	fs.BoolVar(&o.clear, "clear", false, r.cat.T("cli.flag.agency_roles_clear"))
	return o
}

// execAgencyRoles prints the agency's roles and the ones the packs know,
// after setting them if asked.
func execAgencyRoles(r *runner, o *agencyRolesOptions, _ []string) error {
	return r.withSession(&o.vaultOptions, func(s *session.Session) error {
		if o.set != "" || o.clear {
			var roles []string
			if !o.clear {
				roles = strings.Split(o.set, ",")
			}
			if err := s.SetAgencyRoles(roles); err != nil {
				return err
			}
		}
		roles, err := s.AgencyRoles()
		if err != nil {
			return err
		}
		known, err := s.KnownAgencyRoles()
		if err != nil {
			return err
		}
		fmt.Fprintln(r.env.Stdout, r.cat.T("cli.agency.roles", strings.Join(roles, ", "), strings.Join(known, ", ")))
		return nil
	})
}
