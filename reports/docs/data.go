package docs

import (
	"encoding/json"
	"time"

	"daumoi/data/registers"
)

// DataSchema identifies the format of data.json (see DATA.md). A change
// that removes or renames a field takes a new version number.
const DataSchema = "daumoi.annual-data/2"

// dataDoc is data.json.
type dataDoc struct {
	Schema     string             `json:"schema"`
	Agency     dataAgency         `json:"agency"`
	Year       int                `json:"year"`
	Period     dataPeriod         `json:"period"`
	Created    string             `json:"created"`
	Figures    AnnualFigures      `json:"figures"`
	Compliance []SystemCompliance `json:"compliance"`
	Systems    []dataSystem       `json:"systems"`
	Evidence   []string           `json:"evidence"`
	Notes      []string           `json:"notes"`
}

type dataAgency struct {
	Name           string `json:"name"`
	Abbreviation   string `json:"abbreviation"`
	OwnerAuthority string `json:"owner_authority"`
}

type dataPeriod struct {
	From string `json:"from"`
	To   string `json:"to"`
	// AsOf is the day the figures are counted to (the report's date, or To
	// when that is earlier).
	AsOf string `json:"as_of"`
}

type dataSystem struct {
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
	doc := dataDoc{
		Schema:     DataSchema,
		Agency:     dataAgency{Name: a.Header.Agency, Abbreviation: a.Header.AgencyAbbreviation, OwnerAuthority: a.Header.OwnerAuthority},
		Year:       a.Year,
		Period:     dataPeriod{From: a.From.Format(time.DateOnly), To: a.To.Format(time.DateOnly), AsOf: a.CountedTo().Format(time.DateOnly)},
		Created:    created.UTC().Format(time.RFC3339),
		Figures:    a.Figures,
		Compliance: append([]SystemCompliance{}, a.Compliance...),
		Systems:    []dataSystem{},
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
		doc.Systems = append(doc.Systems, dataSystem{ID: s.ID, Name: s.Name, Level: s.Level(), DossierState: string(dossierOf(s)), Assets: a.AssetCounts[s.ID]})
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func dossierOf(s registers.System) registers.DossierState { return dossierState(s) }
