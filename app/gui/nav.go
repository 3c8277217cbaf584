package gui

import "daumoi/data/obligations"

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

// takePending returns and clears the filter for the area being built.
func (s *Shell) takePending() any {
	p := s.pending
	s.pending = nil
	return p
}
