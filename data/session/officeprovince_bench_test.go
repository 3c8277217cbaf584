package session

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"daumoi/data/office"
	"daumoi/data/vault"
	"daumoi/reports/docs"
)

// provinceRows fills an office with 200 registered agencies and, for each
// of 2022–2026, a received annual bundle (every fifth year a correction
// with the superseded one kept): rows inserted directly into
// office_bundles, not 1,000 real bundles, with a data.json of three
// systems and the items_json intake would keep (three systems × every
// requirement of the active packs). The blobs are not there: nothing here
// reads them.
func provinceRows(b *testing.B) *Session {
	b.Helper()
	_, o := newOfficeVault(b)
	agencies := registerSynthetic(b, o, 200)
	reqs := activeRequirements(b, o)
	must(b, o.v.Update(func(tx *vault.Tx) error {
		id := int64(0)
		for i, a := range agencies {
			for year := 2022; year <= 2026; year++ {
				for v := 0; v <= b2i((i+year)%5 == 0); v++ {
					id++
					if err := insertBenchRow(tx, id, a.code, year, i, v, benchSystems(i, v, reqs)); err != nil {
						return err
					}
				}
			}
		}
		_, err := tx.Exec(`UPDATE office_bundles SET superseded_by = id + 1 WHERE id IN (
			SELECT a.id FROM office_bundles a JOIN office_bundles b ON b.agency_code = a.agency_code AND b.period_to = a.period_to AND b.id = a.id + 1)`)
		return err
	}))
	return o
}

// benchSystems are the results of three systems on every requirement,
// in a cycle of the outcomes.
func benchSystems(i, v int, reqs []office.Requirement) []office.SystemItems {
	var systems []office.SystemItems
	for s := range 3 {
		si := office.SystemItems{System: fmt.Sprint(s + 1), Items: map[string]office.ItemResult{}}
		for k, q := range reqs {
			si.Items[q.Key] = office.ItemResults()[(i+s+k+v)%len(office.ItemResults())]
		}
		systems = append(systems, si)
	}
	return systems
}

// activeRequirements are the requirements of the office's active packs.
func activeRequirements(t testing.TB, o *Session) []office.Requirement {
	t.Helper()
	var reqs []office.Requirement
	must(t, o.v.View(func(tx *vault.ReadTx) error {
		active, _, err := activePacks(tx)
		reqs = office.Requirements(active)
		return err
	}))
	return reqs
}

// insertBenchRow inserts one received annual bundle's row, the systems'
// results as intake keeps them.
func insertBenchRow(tx *vault.Tx, id int64, code string, year, i, v int, systems []office.SystemItems) error {
	from, to := DefaultAnnualPeriod(year)
	d := docs.AnnualData{Schema: docs.DataSchema, Agency: docs.DataAgency{Name: "Đơn vị " + code}, Year: year,
		Figures: docs.AnnualFigures{Systems: 3, SystemsByLevel: map[string]int{"1": 1, "2": 1, "3": 1}, DossierByState: map[string]int{"approved": 2, "drafting": 1},
			Violations: i % 3, FindingsOpen: i % 7, FindingsOverdue: i % 2}}
	for s := range systems {
		d.Compliance = append(d.Compliance, docs.SystemCompliance{SystemID: int64(s + 1), Name: fmt.Sprintf("Hệ thống %d", s+1), Period: fmt.Sprint(year),
			ItemsMet: 60 + i%20, ItemsPartial: 10, ItemsFailed: 5, ItemsAssessed: 75 + i%20, ItemsApplicable: 100})
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	items, err := json.Marshal(systems)
	if err != nil {
		return err
	}
	received := time.Date(year, 12, 1+i%20+v, 3, 0, 0, 0, time.UTC)
	rb := ReceivedBundle{ID: id, AgencyCode: code, Kind: "annual", From: from, To: to, SHA256: fmt.Sprintf("%064x", id), ManifestSHA256: strings.Repeat("0", 64),
		Size: 1 << 20, BlobID: fmt.Sprintf("blob-%d", id), FileName: "goi.zip", KeyID: "key", Created: received, ReceivedAt: received, ReceivedBy: "lan", Data: string(data)}
	if err := insertReceived(tx, rb); err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE office_bundles SET items_json = ? WHERE id = ?`, string(items), id)
	return err
}

// BenchmarkProvinceStatus is the dashboard's status of one year over 200
// agencies × 5 years of received bundles (must stay under 500 ms).
func BenchmarkProvinceStatus(b *testing.B) {
	o := provinceRows(b)
	b.ResetTimer()
	for range b.N {
		list, _, err := o.ProvinceStatus(2026, vnDay("2026-12-20"))
		if err != nil || len(list) != 200 {
			b.Fatal(len(list), err)
		}
	}
}

// BenchmarkProvinceItems is the roll-up by requirement of one year over
// the same province (must stay under 500 ms).
func BenchmarkProvinceItems(b *testing.B) {
	o := provinceRows(b)
	b.ResetTimer()
	for range b.N {
		list, err := o.ProvinceItems(2026)
		if err != nil || len(list) == 0 || list[0].Counts[office.ItemMet]+list[0].Counts[office.ItemPartly]+list[0].Counts[office.ItemNotMet] == 0 {
			b.Fatal(len(list), err)
		}
	}
}

// BenchmarkProvinceItemsByGroupTrend is what the tab by directive item
// computes over the same province: the roll-up of each of the five
// years, the groups of the last and the trend of every requirement and
// group (must stay under 500 ms).
func BenchmarkProvinceItemsByGroupTrend(b *testing.B) {
	o := provinceRows(b)
	years := []int{2022, 2023, 2024, 2025, 2026}
	b.ResetTimer()
	for range b.N {
		byYear, err := o.ProvinceItemsByYear(years)
		if err != nil {
			b.Fatal(err)
		}
		groups := office.Groups(byYear[4])
		trend := office.TrendByItem(years, byYear)
		if len(groups) == 0 || len(trend.Comparable) != 200 || len(trend.Points[groups[0].Key]) != 5 {
			b.Fatal(len(groups), len(trend.Comparable))
		}
	}
}
