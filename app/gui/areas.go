package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Area ids, stable across versions: the last one visited is stored in the
// preferences.
const (
	areaDashboard   = "dashboard"
	areaProfile     = "profile"
	areaSystems     = "systems"
	areaAssets      = "assets"
	areaAssessments = "assessments"
	areaEvidence    = "evidence"
	areaIncidents   = "incidents"
	areaActivities  = "activities"
	areaObligations = "obligations"
	areaReports     = "reports"
	areaUsers       = "users"
	areaHistory     = "history"
	areaSettings    = "settings"
	areaAbout       = "about"
)

// area is one entry of the navigation sidebar.
type area struct {
	id       string
	titleKey string
	icon     fyne.Resource
	build    func(s *Shell) fyne.CanvasObject
}

// makeAreas lists the product's areas in sidebar order.
func (s *Shell) makeAreas() []area {
	return []area{
		{areaDashboard, "nav.dashboard", theme.HomeIcon(), newDashboard},
		{areaProfile, "nav.profile", theme.DocumentCreateIcon(), newProfileScreen},
		{areaSystems, "nav.systems", theme.ComputerIcon(), newSystemsScreen},
		{areaAssets, "nav.assets", theme.StorageIcon(), newAssetsScreen},
		{areaAssessments, "nav.assessments", theme.ConfirmIcon(), newAssessmentArea},
		{areaEvidence, "nav.evidence", theme.FileIcon(), newEvidenceScreen},
		{areaIncidents, "nav.incidents", theme.WarningIcon(), newIncidentsScreen},
		{areaActivities, "nav.activities", theme.HistoryIcon(), newActivitiesArea},
		{areaObligations, "nav.obligations", theme.CalendarIcon(), newObligationsScreen},
		{areaReports, "nav.reports", theme.DocumentIcon(), newReportsScreen},
		{areaUsers, "nav.users", theme.AccountIcon(), newUsersScreen},
		{areaHistory, "nav.history", theme.ListIcon(), newHistoryScreen},
		{areaSettings, "nav.settings", theme.SettingsIcon(), newSettingsScreen},
		{areaAbout, "nav.about", theme.InfoIcon(), newAboutScreen},
	}
}
