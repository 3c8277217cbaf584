package office

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
