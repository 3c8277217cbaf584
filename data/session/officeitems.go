package session

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
)

// ProvinceItems rolls up every requirement of the active packs'
// catalogues (the items of Chỉ thị 11, TT 12/2022, NĐ 331 …) over the
// registered agencies for year: how many meet it, partly, not, did not
// assess it, by office.AgencyResult over the systems of each agency's
// current annual bundle of the year (the one office status shows). The
// results are those intake kept (items_json); for a bundle received
// before intake kept them, they are read from its stored bundle.
func (s *Session) ProvinceItems(year int) ([]office.ItemRollup, error) {
	byYear, err := s.ProvinceItemsByYear([]int{year})
	if err != nil {
		return nil, err
	}
	return byYear[0], nil
}

// ProvinceItemsByYear is ProvinceItems of each of years, read at once —
// what office.Groups and office.TrendByItem roll up by directive item
// and over the years.
func (s *Session) ProvinceItemsByYear(years []int) ([][]office.ItemRollup, error) {
	var agencies []office.Agency
	var reqs []office.Requirement
	current := make([][]currentItems, len(years))
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if k, err := vaultKind(tx); err != nil || k != KindOffice {
			return errors.Join(err, ErrOfficeOnly)
		}
		var err error
		if agencies, err = queryAll(tx, scanAgency, `SELECT `+agencyColumns+` FROM office_agencies ORDER BY code`); err != nil {
			return err
		}
		active, _, err := activePacks(tx)
		if err != nil {
			return err
		}
		reqs = office.Requirements(active)
		for i, year := range years {
			current[i], err = queryAll(tx, scanCurrentItems, `SELECT id, agency_code, items_json FROM office_bundles
			WHERE kind = 'annual' AND superseded_by = 0 AND substr(period_to, 1, 4) = ? ORDER BY received_at, id`, strconv.Itoa(year))
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([][]office.ItemRollup, len(years))
	var dec office.ItemsDecoder
	for i := range years {
		results := map[string][]office.SystemItems{}
		for _, c := range current[i] {
			if results[c.agency], err = s.bundleItems(c, &dec); err != nil {
				return nil, err
			}
		}
		out[i] = office.ProvinceItems(reqs, agencies, results)
	}
	return out, nil
}

// currentItems is a current annual bundle's kept results.
type currentItems struct {
	id     int64
	agency string
	items  sql.NullString
}

func scanCurrentItems(scan func(dest ...any) error) (currentItems, error) {
	var c currentItems
	err := scan(&c.id, &c.agency, &c.items)
	return c, err
}

// bundleItems decodes a bundle's kept results, or reads them from the
// stored bundle when intake did not keep them, with dec (one for all the
// bundles of a roll-up).
func (s *Session) bundleItems(c currentItems, dec *office.ItemsDecoder) ([]office.SystemItems, error) {
	raw := c.items.String
	if !c.items.Valid {
		var err error
		if raw, err = s.readBundleItems(c.id); err != nil {
			return nil, err
		}
	}
	out, err := dec.Decode([]byte(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: bundle %d: %w", office.ErrBadAssessmentResults, c.id, err)
	}
	return out, nil
}

// readBundleItems reads the results of received bundle id from its blob.
func (s *Session) readBundleItems(id int64) (string, error) {
	v, err := s.OpenBundleView(id)
	if err != nil {
		return "", err
	}
	defer v.Close()
	data, err := v.ReadFile(oscalPath, maxOSCAL)
	if errors.Is(err, ErrNotInBundle) {
		return "[]", nil
	}
	if err != nil {
		return "", err
	}
	return itemsJSON(data)
}

// FillReceivedItems keeps, for every received annual bundle whose
// results intake did not keep (bundles received before migration 11),
// the results read from its stored bundle, so that the roll-up no longer
// opens them (receiving officer: PermReceive). It returns how many it
// filled; a bundle that cannot be read stays as it was and is reported.
func (s *Session) FillReceivedItems() (int, error) {
	if _, err := s.check(users.PermReceive); err != nil {
		return 0, err
	}
	var missing []int64
	err := s.read(users.PermReceive, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		missing, err = queryAll(tx, func(scan func(dest ...any) error) (int64, error) {
			var id int64
			return id, scan(&id)
		}, `SELECT id FROM office_bundles WHERE kind = 'annual' AND items_json IS NULL ORDER BY id`)
		return err
	})
	if err != nil || len(missing) == 0 {
		return 0, err
	}
	filled := map[int64]string{}
	var failed error
	for _, id := range missing {
		raw, err := s.readBundleItems(id)
		if err != nil {
			failed = errors.Join(failed, fmt.Errorf("bundle %d: %w", id, err))
			continue
		}
		filled[id] = raw
	}
	if len(filled) == 0 {
		return 0, failed
	}
	err = s.write(users.PermReceive, func(tx *vault.Tx, _ users.User) error {
		for id, raw := range filled {
			if _, err := tx.Exec(`UPDATE office_bundles SET items_json = ? WHERE id = ? AND items_json IS NULL`, raw, id); err != nil {
				return err
			}
		}
		return s.record(tx, "office.items_fill", "received_bundle", "", fmt.Sprintf("đọc kết quả đánh giá từng nội dung của %d hồ sơ đã tiếp nhận trước đây", len(filled)))
	})
	if err != nil {
		return 0, err
	}
	return len(filled), failed
}
