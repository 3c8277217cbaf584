package session

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/registers"
	"daumoi/data/users"
	"daumoi/reports/docs"
)

// PlanTasks returns the tasks the plan for year derives from the
// registers (any user): a starting point the user may edit and pass back
// in ReportRequest.Tasks.
func (s *Session) PlanTasks(year int) ([]docs.PlanTask, error) {
	rendered, err := s.ReportDocument(ReportRequest{Kind: ReportPlan, Year: year})
	if err != nil {
		return nil, err
	}
	return rendered.Plan.Tasks, nil
}

// planData derives the year's tasks, per directive item, from the
// obligations that fall due in the year, the registers' open problems and,
// for items with nothing else, the directive pack's checklist items.
func (s *Session) planData(q rowQuerier, me users.User, req ReportRequest) (docs.Plan, error) {
	h, err := s.reportHeader(q, me, req, "KH")
	if err != nil {
		return docs.Plan{}, err
	}
	plan := docs.Plan{Header: h, Year: req.Year, Directive: directiveItems(q)}
	if req.Tasks != nil {
		plan.Tasks = req.Tasks
		return plan, nil
	}
	p, err := readProfile(q)
	if err != nil {
		return plan, err
	}
	owner := "Cán bộ đầu mối an toàn thông tin"
	if len(p.FocalPoints) > 0 {
		owner = p.FocalPoints[0].Name
	}
	systems, err := readSystems(q)
	if err != nil {
		return plan, err
	}
	yearStart, yearEnd := time.Date(req.Year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(req.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	tasks, err := obligationTasks(q, systems, owner, yearStart, yearEnd)
	if err != nil {
		return plan, err
	}
	registerTasks, err := registerTasks(q, p, owner, yearStart)
	if err != nil {
		return plan, err
	}
	tasks = append(tasks, registerTasks...)
	tasks = append(tasks, checklistTasks(q, tasks, owner, yearStart, yearEnd)...)
	sort.SliceStable(tasks, func(i, j int) bool { return tasks[i].Due < tasks[j].Due })
	plan.Tasks = tasks
	return plan, nil
}

// obligationTasks turns the directive pack's obligations that are open in
// the year into tasks (an overdue one is due by the end of January).
func obligationTasks(q rowQuerier, systems []registers.System, owner string, yearStart, yearEnd time.Time) ([]docs.PlanTask, error) {
	in, err := obligationInput(q, yearStart)
	if err != nil {
		return nil, err
	}
	list, err := obligations.Evaluate(in)
	if err == nil {
		err = applyMarks(q, list)
	}
	if err != nil {
		return nil, err
	}
	names := systemNames(systems)
	units := map[string]string{}
	for _, sys := range systems {
		units[strconv.FormatInt(sys.ID, 10)] = sys.OperatingUnit
	}
	var out []docs.PlanTask
	for _, o := range list {
		letter, ok := strings.CutPrefix(o.Source.Ref, "mục 1 điểm ")
		if !ok || o.PackID != directivePack || o.Due.IsZero() || o.Due.After(yearEnd) || o.Status == obligations.StatusNotApplicable || o.Status == obligations.StatusDone {
			continue
		}
		t := docs.PlanTask{Item: "1" + letter, Task: o.TitleVI, Owner: owner, Start: yearStart.Format(time.DateOnly), Due: o.Due.Format(time.DateOnly)}
		if o.Due.Before(yearStart) {
			t.Due = yearStart.AddDate(0, 1, -1).Format(time.DateOnly)
			t.Task += " (quá hạn từ " + o.Due.Format("02/01/2006") + ")"
		}
		if o.SystemID != "" {
			id, _ := strconv.ParseInt(o.SystemID, 10, 64)
			t.Task += ": " + names[id]
			if u := units[o.SystemID]; u != "" {
				t.Owner = u
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// registerTasks are the tasks the registers call for: violations to fix,
// focal point and incident contact to name.
func registerTasks(q rowQuerier, p registers.Profile, owner string, yearStart time.Time) ([]docs.PlanTask, error) {
	start, soon := yearStart.Format(time.DateOnly), yearStart.AddDate(0, 1, -1).Format(time.DateOnly)
	var out []docs.PlanTask
	violations, err := queryAssets(q, AssetFilter{ViolationsOnly: true})
	if err != nil {
		return nil, err
	}
	if len(violations) > 0 {
		var names []string
		for _, a := range violations {
			names = append(names, a.Name)
		}
		out = append(out, docs.PlanTask{Item: "1đ", Owner: owner, Start: start, Due: soon,
			Task: fmt.Sprintf("Ngắt kết nối mạng hoặc chuyển dữ liệu bí mật nhà nước khỏi %d thiết bị vi phạm: %s", len(violations), strings.Join(names, "; "))})
	}
	if len(p.FocalPoints) == 0 {
		out = append(out, docs.PlanTask{Item: "1d", Owner: p.Name, Start: start, Due: soon, Task: "Cử cán bộ đầu mối an toàn thông tin và cập nhật vào hồ sơ đơn vị"})
	}
	if p.IncidentContact.PublishedURL == "" {
		out = append(out, docs.PlanTask{Item: "1i", Owner: owner, Start: start, Due: soon, Task: "Công bố đầu mối ứng cứu sự cố trên cổng thông tin điện tử của đơn vị"})
	}
	return out, nil
}

// checklistTasks gives each directive item that has no task yet the
// directive pack's checklist items of its group, over the whole year.
func checklistTasks(q rowQuerier, have []docs.PlanTask, owner string, yearStart, yearEnd time.Time) []docs.PlanTask {
	covered := map[string]bool{}
	for _, t := range have {
		covered[t.Item] = true
	}
	reg, err := loadRegistry(q)
	if err != nil {
		return nil
	}
	entry, err := reg.Get(directivePack)
	if err != nil {
		return nil
	}
	var out []docs.PlanTask
	for _, it := range checklistItems(entry.Pack) {
		if covered[it.Group] {
			continue
		}
		out = append(out, docs.PlanTask{Item: it.Group, Task: it.TextVI, Owner: owner, Start: yearStart.Format(time.DateOnly), Due: yearEnd.Format(time.DateOnly)})
	}
	return out
}

func checklistItems(p packs.Pack) []packs.Item {
	var out []packs.Item
	for _, c := range p.Catalogues {
		out = append(out, c.Items...)
	}
	return out
}
