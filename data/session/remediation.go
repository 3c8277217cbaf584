package session

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"daumoi/data/obligations"
	"daumoi/data/packs"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// RemediationPolicy is the time to fix a finding, by severity, that the
// active packs give for a system.
type RemediationPolicy struct {
	// Days to fix a finding, by severity (low, medium, high, critical),
	// counted from the day it was found; nil when no rule applies.
	Days map[string]int
	// RuleID is the pack obligation id of the rule that gave the days for
	// critical findings (else for the most severe severity covered); ""
	// when no active pack has a remediation rule for this system.
	RuleID string
	// PackID is the pack of RuleID.
	PackID string
	// Origins names, per severity, the rule its days come from, as
	// "pack/rule" (several rules may apply: each severity takes the
	// shortest days).
	Origins map[string]string
}

// Due returns the due date (YYYY-MM-DD) of a finding of severity found on
// foundOn (YYYY-MM-DD), and false when no rule covers that severity or
// foundOn is not a date.
func (p RemediationPolicy) Due(severity, foundOn string) (string, bool) {
	days, ok := p.Days[severity]
	found, err := time.Parse(time.DateOnly, foundOn)
	if !ok || err != nil {
		return "", false
	}
	return found.AddDate(0, 0, days).Format(time.DateOnly), true
}

// RemediationPolicy returns the remediation policy the active packs give
// today for a system (ErrNoSuchSystem for an unknown id). Needs PermRead.
func (s *Session) RemediationPolicy(systemID int64) (RemediationPolicy, error) {
	var p RemediationPolicy
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		p, err = remediationPolicy(tx, systemID, s.now())
		return err
	})
	return p, err
}

// remediationPolicy combines the remediation rules of the active packs
// that apply to the system on at's date: the rule (and its pack) is in
// force that day, the agency holds one of its agency_roles if it names
// any, and the system's level that day (from the approvals of its level
// dossier, as the obligations engine reads it) is among its levels if it
// names any. For each severity the shortest days win (the strictest rule;
// on a tie the first pack by id, then the first rule in the pack).
func remediationPolicy(q rowQuerier, systemID int64, at time.Time) (RemediationPolicy, error) {
	var p RemediationPolicy
	sys, err := getSystem(q, systemID)
	if err != nil {
		return p, err
	}
	active, _, err := activePacks(q)
	if err != nil {
		return p, err
	}
	roles, err := agencyRoles(q)
	if err != nil {
		return p, err
	}
	level := obligationSystem(sys).LevelAt(at)
	today := at.Format(time.DateOnly)
	for _, pk := range active {
		for _, r := range pk.Obligations {
			if r.Kind == packs.KindRemediation && ruleApplies(pk, r, today, level, roles) {
				p.merge(pk.ID, r)
			}
		}
	}
	for _, sev := range slices.Backward(packs.KnownSeverities()) {
		if origin, ok := p.Origins[sev]; ok {
			p.PackID, p.RuleID = splitOrigin(origin)
			break
		}
	}
	return p, nil
}

// merge takes from r the days of each severity that are shorter than
// those the policy has.
func (p *RemediationPolicy) merge(packID string, r packs.Rule) {
	if p.Days == nil {
		p.Days, p.Origins = map[string]int{}, map[string]string{}
	}
	for sev, days := range r.SeverityDays {
		if current, ok := p.Days[sev]; !ok || days < current {
			p.Days[sev], p.Origins[sev] = days, packID+"/"+r.ID
		}
	}
}

func splitOrigin(origin string) (packID, ruleID string) {
	packID, ruleID, _ = strings.Cut(origin, "/")
	return packID, ruleID
}

// ruleApplies reports whether a rule of pack pk is in force on today
// (YYYY-MM-DD), for an agency with roles and a system of level.
func ruleApplies(pk packs.Pack, r packs.Rule, today string, level int, roles []string) bool {
	if !inPeriod(pk.Effective, today) || r.Effective != nil && !inPeriod(*r.Effective, today) {
		return false
	}
	if len(r.Levels) > 0 && !slices.Contains(r.Levels, level) {
		return false
	}
	if len(r.AgencyRoles) == 0 {
		return true
	}
	for _, role := range r.AgencyRoles {
		if slices.Contains(roles, role) {
			return true
		}
	}
	return false
}

// inPeriod compares validated YYYY-MM-DD dates as text.
func inPeriod(p packs.Period, day string) bool {
	return p.From <= day && (p.Until == "" || day <= p.Until)
}

// openFindingsDue returns, per system, the open findings (open or in
// progress) that have a due date: how many, and the earliest due date.
func openFindingsDue(q rowQuerier) ([]obligations.FindingsDue, error) {
	rows, err := q.Query(`SELECT system_id, COUNT(*), MIN(due_date) FROM findings
		WHERE status IN (?, ?) AND due_date <> '' GROUP BY system_id ORDER BY system_id`, FindingOpen, FindingInProgress)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []obligations.FindingsDue
	for rows.Next() {
		var system int64
		var f obligations.FindingsDue
		var due string
		if err := rows.Scan(&system, &f.Count, &due); err != nil {
			return nil, err
		}
		d, err := time.Parse(time.DateOnly, due)
		if err != nil {
			return nil, fmt.Errorf("%w: findings of system %d due %q", vault.ErrCorrupt, system, due)
		}
		f.SystemID, f.EarliestDue = strconv.FormatInt(system, 10), d
		out = append(out, f)
	}
	return out, rows.Err()
}
