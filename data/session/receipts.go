package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// Errors of receipts on the agency's side.
var (
	// ErrNoOfficeKey means the agency profile has no receiving office's
	// public key yet (SetOfficeKey).
	ErrNoOfficeKey = errors.New("session: the receiving office's public key is not set in the agency profile")
	// ErrReceiptUnreadable means the receipt or its .minisig file could
	// not be read.
	ErrReceiptUnreadable = errors.New("session: the receipt or its signature file cannot be read")
	// ErrReceiptBadSignature means the receipt is not signed by the
	// office's key in the profile, or was changed after signing.
	ErrReceiptBadSignature = errors.New("session: the receipt is not signed by the receiving office's key")
	// ErrReceiptOtherAgency means the receipt is for another agency.
	ErrReceiptOtherAgency = errors.New("session: the receipt is for another agency")
	// ErrReceiptUnknownBundle means the receipt is for a bundle this
	// agency did not export.
	ErrReceiptUnknownBundle = errors.New("session: the receipt is for a bundle this agency did not export")
)

// ImportedReceipt is a receipt the agency imported, as receipts_imported
// keeps it.
type ImportedReceipt struct {
	ID         int64
	Receipt    office.Receipt
	ReceivedAt time.Time // when the office received the bundle
	KeyID      string    // the office's key
	ImportedBy string
	ImportedAt time.Time
}

// SetOfficeKey records the receiving office's public key in the agency
// profile (focal point: PermEditProfile); receipts are checked against it.
// The caller shows pub's fingerprint to be confirmed against the one the
// office read out.
func (s *Session) SetOfficeKey(pub signing.PublicKey) error {
	text, err := pub.MarshalText()
	if err != nil {
		return err
	}
	return s.write(users.PermEditProfile, func(tx *vault.Tx, _ users.User) error {
		if _, err := tx.Exec(`UPDATE agency SET office_public_key = ? WHERE id = 1`, string(text)); err != nil {
			return err
		}
		return s.record(tx, "profile.office_key", "agency", "1", fmt.Sprintf("khóa công khai của cơ quan tiếp nhận: %s (%s)", pub.KeyID(), pub.Fingerprint()))
	})
}

// OfficeKey returns the receiving office's public key of the profile
// (ErrNoOfficeKey; any user).
func (s *Session) OfficeKey() (signing.PublicKey, error) {
	var pub signing.PublicKey
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		pub, err = officeKey(tx)
		return err
	})
	return pub, err
}

func officeKey(q rowQuerier) (signing.PublicKey, error) {
	var text string
	if err := q.QueryRow(`SELECT office_public_key FROM agency WHERE id = 1`).Scan(&text); err != nil {
		return signing.PublicKey{}, err
	}
	if strings.TrimSpace(text) == "" {
		return signing.PublicKey{}, ErrNoOfficeKey
	}
	return signing.ParsePublicKey([]byte(text))
}

// ImportReceipt reads the receipt at path and its signature at
// path+".minisig", checks it against the office's key in the profile
// (ErrNoOfficeKey, ErrReceiptBadSignature), that it is for this agency
// (ErrReceiptOtherAgency, by the profile's code) and for a bundle it
// exported (ErrReceiptUnknownBundle), and stores it, the report then
// counting as received (focal point or IT: PermEditRegisters). A receipt
// already imported is returned as it is; a refused one changes nothing.
func (s *Session) ImportReceipt(path string) (ImportedReceipt, error) {
	if _, err := s.check(users.PermEditRegisters); err != nil {
		return ImportedReceipt{}, err
	}
	body, sig, err := readReceiptFiles(path)
	if err != nil {
		return ImportedReceipt{}, err
	}
	var out ImportedReceipt
	err = s.write(users.PermEditRegisters, func(tx *vault.Tx, me users.User) error {
		r, keyID, err := checkReceipt(tx, body, sig)
		if err != nil {
			return err
		}
		if out, err = importedBySHA(tx, r.BundleSHA256); err == nil || !isNoRows(err) {
			return err
		}
		id, err := nextID(tx, "receipts_imported")
		if err != nil {
			return err
		}
		now := s.now().UTC().Truncate(time.Second)
		if _, err := tx.Exec(`INSERT INTO receipts_imported (id, bundle_sha256, kind, period_from, period_to, received_at, office_key_id, body, signature, imported_by, imported_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, r.BundleSHA256, r.Kind, r.Period.From, r.Period.To, stamp(r.Received()), keyID,
			string(body), string(sig), me.Name, stamp(now)); err != nil {
			return err
		}
		out = ImportedReceipt{ID: id, Receipt: r, ReceivedAt: r.Received(), KeyID: keyID, ImportedBy: me.Name, ImportedAt: now}
		return s.record(tx, "receipt.import", "report", r.BundleSHA256, fmt.Sprintf("%s đã được tiếp nhận gói %s (%s đến %s) lúc %s",
			r.Office, r.Kind, r.Period.From, r.Period.To, r.Received().In(time.FixedZone("ICT", 7*3600)).Format("15:04 02/01/2006")))
	})
	return out, err
}

// readReceiptFiles reads a receipt and its .minisig, bounded.
func readReceiptFiles(path string) (body, sig []byte, err error) {
	read := func(name string) ([]byte, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrReceiptUnreadable, err)
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, office.MaxReceiptSize+1))
		if err != nil || len(data) > office.MaxReceiptSize {
			return nil, fmt.Errorf("%w: %s", ErrReceiptUnreadable, name)
		}
		return data, nil
	}
	if body, err = read(path); err != nil {
		return nil, nil, err
	}
	sig, err = read(path + ".minisig")
	return body, sig, err
}

// checkReceipt verifies a receipt against the profile: the office's key,
// the agency's code, a bundle it exported.
func checkReceipt(q rowQuerier, body, sig []byte) (office.Receipt, string, error) {
	pub, err := officeKey(q)
	if err != nil {
		return office.Receipt{}, "", err
	}
	r, err := office.VerifyReceipt(pub, body, sig)
	if errors.Is(err, office.ErrMalformedReceipt) {
		return office.Receipt{}, "", err
	}
	if err != nil {
		return office.Receipt{}, "", fmt.Errorf("%w: %v", ErrReceiptBadSignature, err)
	}
	p, err := readProfile(q)
	if err != nil {
		return office.Receipt{}, "", err
	}
	if r.Agency.Code != p.Code {
		return office.Receipt{}, "", fmt.Errorf("%w: %q, this agency is %q", ErrReceiptOtherAgency, r.Agency.Code, p.Code)
	}
	var n int
	if err := q.QueryRow(`SELECT count(*) FROM reports_issued WHERE format = 'bundle' AND sha256 = ?`, r.BundleSHA256).Scan(&n); err != nil {
		return office.Receipt{}, "", err
	}
	if n == 0 {
		return office.Receipt{}, "", fmt.Errorf("%w: %s", ErrReceiptUnknownBundle, r.BundleSHA256)
	}
	return r, pub.KeyID(), nil
}

func scanImported(scan func(dest ...any) error) (ImportedReceipt, error) {
	var out ImportedReceipt
	var body, received, imported string
	if err := scan(&out.ID, &body, &received, &out.KeyID, &out.ImportedBy, &imported); err != nil {
		return out, err
	}
	r, err := office.ParseReceipt([]byte(body))
	if err != nil {
		return out, fmt.Errorf("%w: stored receipt %d: %w", vault.ErrCorrupt, out.ID, err)
	}
	out.Receipt, out.ReceivedAt, out.ImportedAt = r, parseStamp(received), parseStamp(imported)
	return out, nil
}

const importedColumns = `id, body, received_at, office_key_id, imported_by, imported_at`

func importedBySHA(q rowQuerier, sha string) (ImportedReceipt, error) {
	return scanImported(q.QueryRow(`SELECT `+importedColumns+` FROM receipts_imported WHERE bundle_sha256 = ?`, sha).Scan)
}

// ImportedReceipts lists the receipts imported, newest first (any user).
func (s *Session) ImportedReceipts() ([]ImportedReceipt, error) {
	var list []ImportedReceipt
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = queryAll(tx, scanImported, `SELECT `+importedColumns+` FROM receipts_imported ORDER BY id DESC`)
		return err
	})
	return list, err
}
