package docs

import (
	"encoding/json"
	"time"
)

// ProvinceDataSchema identifies the format of data.json in a province
// bundle (kinds province-annual and province-monthly; see DATA.md).
const ProvinceDataSchema = "daumoi.province-data/1"

// ProvinceData is data.json of a province bundle: the consolidation the
// report was made from.
type ProvinceData struct {
	Schema string     `json:"schema"`
	Kind   string     `json:"kind"` // "annual" or "monthly"
	Office DataAgency `json:"office"`
	Year   int        `json:"year"`
	Month  int        `json:"month,omitempty"`
	Period DataPeriod `json:"period"`
	// Due is the office's deadline for this report, AgencyDeadline the
	// agencies' deadline for the annual report (YYYY-MM-DD).
	Due             string             `json:"due"`
	AgencyDeadline  string             `json:"agency_deadline"`
	Created         string             `json:"created"`
	Totals          ProvinceTotals     `json:"totals"`
	Agencies        []ProvinceAgency   `json:"agencies"`
	Incidents       []ProvinceIncident `json:"incidents"`
	Warnings        []string           `json:"warnings"`
	WarningRecords  []ProvinceWarning  `json:"warning_records"`
	Recommendations string             `json:"recommendations"`
}

// ProvinceWarning is one warning of the office's register received or
// relayed in the month: days YYYY-MM-DD ("" for none), the agencies'
// codes it was relayed to (empty when relayed to all), the severity and
// status as office.Warning stores them.
type ProvinceWarning struct {
	Received     string   `json:"received"`
	Issued       string   `json:"issued"`
	Source       string   `json:"source"`
	Number       string   `json:"number"`
	Subject      string   `json:"subject"`
	Severity     string   `json:"severity"`
	Status       string   `json:"status"`
	Relayed      string   `json:"relayed"`
	RelayNumber  string   `json:"relay_number"`
	RelayedToAll bool     `json:"relayed_to_all"`
	RelayedTo    []string `json:"relayed_to"`
	Recipients   int      `json:"recipients"`
}

// ProvinceDataJSON writes data.json of a province bundle, indented and
// deterministic for the same input. period is the report's data period.
func ProvinceDataJSON(d ProvinceData, from, to time.Time, created time.Time) ([]byte, error) {
	d.Schema = ProvinceDataSchema
	d.Period = DataPeriod{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), AsOf: d.Period.AsOf}
	d.Created = created.UTC().Format(time.RFC3339)
	d.Totals = SumProvince(d.Agencies)
	if d.Agencies == nil {
		d.Agencies = []ProvinceAgency{}
	}
	if d.Incidents == nil {
		d.Incidents = []ProvinceIncident{}
	}
	if d.Warnings == nil {
		d.Warnings = []string{}
	}
	if d.WarningRecords == nil {
		d.WarningRecords = []ProvinceWarning{}
	}
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
