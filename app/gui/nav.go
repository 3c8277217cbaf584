package gui

import (
	"daumoi/data/obligations"
	"daumoi/data/registers"
)

// violationsOnly asks the assets area to show only violations.
type violationsOnly struct{}

// openObligations shows the obligations area filtered to status.
func (s *Shell) openObligations(status obligations.Status) {
	s.pending = status
	s.Select(areaObligations)
}

// openViolations shows the assets area filtered to violations.
func (s *Shell) openViolations() {
	s.pending = violationsOnly{}
	s.Select(areaAssets)
}

// dossierFilter asks the systems area to show one dossier state.
type dossierFilter struct{ state registers.DossierState }

// systemChoice asks the assessments area to preselect a system.
type systemChoice struct{ id int64 }

// openSystemsInState shows the systems whose dossier is in state.
func (s *Shell) openSystemsInState(state registers.DossierState) {
	s.pending = dossierFilter{state}
	s.Select(areaSystems)
}

// openAssessmentOf shows the assessments area with the system chosen.
func (s *Shell) openAssessmentOf(id int64) {
	s.pending = systemChoice{id}
	s.Select(areaAssessments)
}

// assessmentChoice asks the assessments area to show one assessment.
type assessmentChoice struct{ id int64 }

// openAssessment shows the assessments area with one assessment open.
func (s *Shell) openAssessment(id int64) {
	s.pending = assessmentChoice{id}
	s.Select(areaAssessments)
}

// findingsOf asks the activities area to show a system's open findings.
type findingsOf struct{ systemID int64 }

// openFindingsOf shows the findings tab filtered to a system's open
// findings.
func (s *Shell) openFindingsOf(systemID int64) {
	s.pending = findingsOf{systemID}
	s.Select(areaActivities)
}

// incidentChoice asks the incidents area to open one incident.
type incidentChoice struct{ id int64 }

// openIncident shows the incidents area with one incident open.
func (s *Shell) openIncident(id int64) {
	s.pending = incidentChoice{id}
	s.Select(areaIncidents)
}

// refreshArea builds the area shown again, so it shows what just changed.
func (s *Shell) refreshArea() {
	if s.content != nil && s.current >= 0 && s.current < len(s.areas) {
		s.onNavSelected(s.current)
	}
}

// takePending returns and clears the filter for the area being built.
func (s *Shell) takePending() any {
	p := s.pending
	s.pending = nil
	return p
}
