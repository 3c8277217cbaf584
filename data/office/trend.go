package office

import (
	"slices"
	"strconv"
)

// YearPoint is the province in one year of a trend: how many agencies
// reported on time, late or not at all, and the compliance of the
// agencies comparable over every year of the trend.
type YearPoint struct {
	Year                                       int
	Agencies, OnTime, Late, Missing, NotDueYet int
	// Comparable are the agencies with assessed items in every year of
	// the trend; Compliance is 100·met/assessed summed over them (0 when
	// there are none), as CSET compares only comparable assessments.
	Comparable int
	Compliance float64
}

// Trend turns the status of each year (byYear[i] for years[i]) into the
// province's trend, oldest first.
func Trend(years []int, byYear [][]AgencyStatus) []YearPoint {
	comparable := map[string]bool{}
	for i, list := range byYear {
		assessed := map[string]bool{}
		for _, st := range list {
			if st.ItemsAssessed > 0 {
				assessed[st.Agency.Code] = true
			}
		}
		if i == 0 {
			comparable = assessed
			continue
		}
		for code := range comparable {
			if !assessed[code] {
				delete(comparable, code)
			}
		}
	}
	out := make([]YearPoint, len(years))
	for i, list := range byYear {
		p := YearPoint{Year: years[i], Agencies: len(list), Comparable: len(comparable)}
		met, assessed := 0, 0
		for _, st := range list {
			switch st.State {
			case ReportOnTime:
				p.OnTime++
			case ReportLate:
				p.Late++
			case ReportMissing:
				p.Missing++
			default:
				p.NotDueYet++
			}
			if comparable[st.Agency.Code] {
				met, assessed = met+st.ItemsMet, assessed+st.ItemsAssessed
			}
		}
		if assessed > 0 {
			p.Compliance = 100 * float64(met) / float64(assessed)
		}
		out[i] = p
	}
	return out
}

// ItemPoint is one year of a requirement's or a group's trend: of the
// comparable agencies (ItemsTrend), how many assessed it (met, partly or
// not met) and how many met it.
type ItemPoint struct {
	Year     int `json:"year"`
	Met      int `json:"met"`
	Assessed int `json:"assessed"`
}

// Share is the share of the agencies that assessed it which met it, and
// false when none assessed it.
func (p ItemPoint) Share() (float64, bool) {
	if p.Assessed == 0 {
		return 0, false
	}
	return float64(p.Met) / float64(p.Assessed), true
}

// ShareCells are the percentages (one decimal) of key's points, one per
// year, empty where no comparable agency assessed it.
func (t ItemsTrend) ShareCells(key string) []string {
	out := make([]string, len(t.Years))
	for i, p := range t.Points[key] {
		if share, ok := p.Share(); ok && i < len(out) {
			out[i] = strconv.FormatFloat(100*share, 'f', 1, 64)
		}
	}
	return out
}

// ItemsTrend is the trend of every requirement and group over years
// (oldest first), as Trend compares compliance: over the agencies
// comparable over every year only — those whose annual bundle of each
// year assessed at least one requirement.
type ItemsTrend struct {
	Years      []int                  `json:"years"`
	Comparable []string               `json:"comparable"` // agency codes
	Points     map[string][]ItemPoint `json:"points"`     // requirement or group key → one point per year
}

// TrendByItem turns the roll-up of each year (byYear[i] for years[i],
// as ProvinceItems makes it) into the trend of each requirement and of
// each group (Groups).
func TrendByItem(years []int, byYear [][]ItemRollup) ItemsTrend {
	comparable := map[string]bool{}
	for i, rollups := range byYear {
		assessed := assessedAgencies(rollups)
		if i == 0 {
			comparable = assessed
			continue
		}
		for code := range comparable {
			if !assessed[code] {
				delete(comparable, code)
			}
		}
	}
	t := ItemsTrend{Years: years, Comparable: []string{}, Points: map[string][]ItemPoint{}}
	for code := range comparable {
		t.Comparable = append(t.Comparable, code)
	}
	slices.Sort(t.Comparable)
	for i, rollups := range byYear {
		all := slices.Clone(rollups)
		for _, g := range Groups(rollups) {
			all = append(all, g.ItemRollup)
		}
		for _, r := range all {
			p := ItemPoint{Year: years[i]}
			for _, res := range []ItemResult{ItemMet, ItemPartly, ItemNotMet} {
				for _, c := range r.Agencies[res] {
					if comparable[c] {
						p.Assessed++
						p.Met += b2i(res == ItemMet)
					}
				}
			}
			if t.Points[r.Key] == nil {
				t.Points[r.Key] = make([]ItemPoint, len(years))
				for j, y := range years {
					t.Points[r.Key][j].Year = y
				}
			}
			t.Points[r.Key][i] = p
		}
	}
	return t
}

// assessedAgencies are the agencies that assessed at least one
// requirement of the roll-up.
func assessedAgencies(rollups []ItemRollup) map[string]bool {
	out := map[string]bool{}
	for _, r := range rollups {
		for _, res := range []ItemResult{ItemMet, ItemPartly, ItemNotMet} {
			for _, c := range r.Agencies[res] {
				out[c] = true
			}
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
