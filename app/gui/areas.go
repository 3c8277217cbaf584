package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"daumoi/data/session"
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

	areaOfficeAgencies = "office_agencies" // a receiving office's registry of agencies
)

// area is one entry of the navigation sidebar.
type area struct {
	id       string
	titleKey string
	icon     fyne.Resource
	build    func(s *Shell) fyne.CanvasObject
}

// makeAreas lists the areas of the open vault's kind in sidebar order: a
// receiving office sees only its own (officeAreas).
func (s *Shell) makeAreas() []area {
	if s.kind == session.KindOffice {
		return s.officeAreas()
	}
	return append([]area{
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
	}, vaultAreas()...)
}

// officeAreas are a receiving office's areas: its work, then the vault's
// own areas.
func (s *Shell) officeAreas() []area {
	return append(officeWorkAreas(), vaultAreas()...)
}

// officeWorkAreas are the receiving office's own areas, in sidebar order:
// the province at a glance, the province's reports, intake of bundles, the bundles received, the
// warnings received and relayed, the registry of agencies.
func officeWorkAreas() []area {
	return []area{
		{areaProvince, "nav.office_province", theme.HomeIcon(), newProvinceScreen},
		{areaProvinceReports, "nav.province_reports", theme.DocumentIcon(), newProvinceReportScreen},
		{areaIntake, "nav.office_intake", theme.DownloadIcon(), newIntakeScreen},
		{areaReceived, "nav.office_received", theme.FolderOpenIcon(), newReceivedScreen},
		{areaOfficeWarnings, "office.warning.nav", theme.WarningIcon(), newOfficeWarningsScreen},
		{areaOfficeAgencies, "nav.office_agencies", theme.AccountIcon(), newOfficeAgenciesScreen},
	}
}

// vaultAreas are the areas every vault has, whatever its kind: its users,
// history, settings and the about page.
func vaultAreas() []area {
	return []area{
		{areaUsers, "nav.users", theme.AccountIcon(), newUsersScreen},
		{areaHistory, "nav.history", theme.ListIcon(), newHistoryScreen},
		{areaSettings, "nav.settings", theme.SettingsIcon(), newSettingsScreen},
		{areaAbout, "nav.about", theme.InfoIcon(), newAboutScreen},
	}
}
