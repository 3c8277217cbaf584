package docs

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"daumoi/data/registers"
)

// DataSchema identifies the format of data.json (see DATA.md). A change
// that removes or renames a field takes a new version number.
const DataSchema = "daumoi.annual-data/2"

// AnnualData is data.json of an annual bundle, as AnnualDataJSON writes
// it and ParseAnnualData reads it (at the receiving office).
type AnnualData struct {
	Schema     string             `json:"schema"`
	Agency     DataAgency         `json:"agency"`
	Year       int                `json:"year"`
	Period     DataPeriod         `json:"period"`
	Created    string             `json:"created"`
	Figures    AnnualFigures      `json:"figures"`
	Compliance []SystemCompliance `json:"compliance"`
	Systems    []DataSystem       `json:"systems"`
	Evidence   []string           `json:"evidence"`
	Notes      []string           `json:"notes"`
}

// DataAgency is the agency as data.json names it.
type DataAgency struct {
	Name           string `json:"name"`
	Abbreviation   string `json:"abbreviation"`
	OwnerAuthority string `json:"owner_authority"`
}

// DataPeriod is the reporting period as data.json gives it (YYYY-MM-DD).
type DataPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
	// AsOf is the day the figures are counted to (the report's date, or To
	// when that is earlier).
	AsOf string `json:"as_of"`
}

// DataSystem is one information system as data.json lists it.
type DataSystem struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Level        int    `json:"level"`
	DossierState string `json:"dossier_state"`
	Assets       int    `json:"assets"`
}

// AnnualDataJSON renders the annual report's data as data.json: schema,
// agency, year and period, creation time, figures, compliance by system,
// the systems, and the bundle paths of the evidence files included. The
// output is indented and deterministic.
func AnnualDataJSON(a Annual, created time.Time, evidencePaths []string) ([]byte, error) {
	doc := AnnualData{
		Schema:     DataSchema,
		Agency:     DataAgency{Name: a.Header.Agency, Abbreviation: a.Header.AgencyAbbreviation, OwnerAuthority: a.Header.OwnerAuthority},
		Year:       a.Year,
		Period:     DataPeriod{From: a.From.Format(time.DateOnly), To: a.To.Format(time.DateOnly), AsOf: a.CountedTo().Format(time.DateOnly)},
		Created:    created.UTC().Format(time.RFC3339),
		Figures:    a.Figures,
		Compliance: append([]SystemCompliance{}, a.Compliance...),
		Systems:    []DataSystem{},
		Evidence:   append([]string{}, evidencePaths...),
		Notes:      []string{},
	}
	if len(a.Systems) == 0 {
		doc.Notes = append(doc.Notes, NoSystemsSentence)
	}
	if doc.Figures.FocalPoints == nil {
		doc.Figures.FocalPoints = []string{}
	}
	for _, s := range a.Systems {
		doc.Systems = append(doc.Systems, DataSystem{ID: s.ID, Name: s.Name, Level: s.Level(), DossierState: string(dossierOf(s)), Assets: a.AssetCounts[s.ID]})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func dossierOf(s registers.System) registers.DossierState { return dossierState(s) }

// ErrBadData means a data.json that is not the annual data this version
// reads (malformed JSON or another schema).
var ErrBadData = errors.New("docs: data.json is not annual report data")

// ParseAnnualData reads data.json of an annual bundle (schema DataSchema).
func ParseAnnualData(b []byte) (AnnualData, error) {
	var d AnnualData
	if err := json.Unmarshal(b, &d); err != nil {
		return AnnualData{}, fmt.Errorf("%w: %w", ErrBadData, err)
	}
	if d.Schema != DataSchema {
		return AnnualData{}, fmt.Errorf("%w: schema %q", ErrBadData, d.Schema)
	}
	return d, nil
}
