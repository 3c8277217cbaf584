// Package calendar turns obligations into calendar events, so that the GUI
// and the command line export the same .ics file.
package calendar

import (
	"io"
	"strings"
	"time"

	"daumoi/assets/i18n"
	"daumoi/data/ics"
	"daumoi/data/obligations"
)

// LegalSource is an obligation's legal ground as printed: number and
// article reference.
func LegalSource(src obligations.Source) string {
	return strings.TrimSpace(src.Number + " " + src.Ref)
}

// Events returns one all-day event per applicable obligation with a due
// date; the UID is the obligation's id, so a re-export updates the same
// events in a calendar program. systemNames maps system ids to names.
func Events(cat *i18n.Catalog, list []obligations.Obligation, systemNames map[string]string) []ics.Event {
	var events []ics.Event
	for _, ob := range list {
		if ob.Status == obligations.StatusNotApplicable || ob.Due.IsZero() {
			continue
		}
		summary := ob.TitleVI
		if name := systemNames[ob.SystemID]; name != "" {
			summary += " — " + name
		}
		desc := cat.T("cli.ics.description", cat.T("obligation_status."+string(ob.Status)), LegalSource(ob.Source), ob.Source.PackID, ob.ID)
		events = append(events, ics.Event{UID: ob.ID + "@daumoi", Date: ob.Due, Summary: summary, Description: desc, Categories: string(ob.Status)})
	}
	return events
}

// Write writes the obligations as an RFC 5545 calendar; stamp is the
// export time recorded in every event.
func Write(w io.Writer, cat *i18n.Catalog, list []obligations.Obligation, systemNames map[string]string, stamp time.Time) error {
	cal := ics.Calendar{ProdID: "-//Dau moi ATTT//daumoi//VI", Name: cat.T("cli.ics.name")}
	return ics.Write(w, cal, Events(cat, list, systemNames), stamp)
}
