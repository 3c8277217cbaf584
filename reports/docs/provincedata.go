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
	Recommendations string             `json:"recommendations"`
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
	out, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}
