package session

import (
	"errors"
	"fmt"
	"time"

	"daumoi/data/office"
	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// ErrNoReceipt means no receipt was issued for that bundle yet.
var ErrNoReceipt = errors.New("session: no receipt issued for this bundle yet")

// IssuedReceipt is a receipt the office signed, as office_receipts keeps
// it: Body is receipt.json, Signature its .minisig, both byte for byte.
type IssuedReceipt struct {
	BundleID  int64
	Receipt   office.Receipt
	Body      []byte
	Signature []byte
	KeyID     string
	SignedBy  string
	SignedAt  time.Time
}

// IssueReceipt signs the receipt of a received bundle with the acting
// user's signing key (the office head: PermOfficeSign; ErrNoSigningKey,
// ErrWrongSigningPassphrase) and stores it. A bundle has one receipt: for
// a bundle that has one already, it is returned as it was signed.
// passphrase is wiped.
func (s *Session) IssueReceipt(bundleID int64, passphrase []byte) (office.Receipt, error) {
	var out office.Receipt
	err := s.IssueReceipts([]int64{bundleID}, passphrase, func(_ int, r IssuedReceipt, err error) error {
		out = r.Receipt
		return err
	})
	return out, err
}

// IssueReceipts is IssueReceipt for several bundles, opening the signing
// key once, when the first bundle without a receipt needs it (its key
// derivation takes about a second): each gets the receipt of ids[i]
// (issued now or before) or why it could not be issued, and stops the
// batch by returning an error. passphrase is wiped.
func (s *Session) IssueReceipts(ids []int64, passphrase []byte, each func(i int, r IssuedReceipt, err error) error) error {
	defer clear(passphrase)
	if _, err := s.check(users.PermOfficeSign); err != nil {
		return err
	}
	var key *signing.SecretKey
	for i, id := range ids {
		r, err := s.ReceiptFor(id)
		if errors.Is(err, ErrNoReceipt) {
			if key == nil {
				k, err := s.openOwnKey(passphrase)
				if err != nil {
					return err
				}
				key = &k
			}
			r, err = s.issueReceipt(id, *key)
		}
		if err := each(i, r, err); err != nil {
			return err
		}
	}
	return nil
}

// openOwnKey opens the acting head's signing key with passphrase.
func (s *Session) openOwnKey(passphrase []byte) (signing.SecretKey, error) {
	encrypted, _, err := s.ownEncryptedKey(users.PermOfficeSign)
	if err != nil {
		return signing.SecretKey{}, err
	}
	return signing.OpenSecretKey(encrypted, passphrase)
}

// issueReceipt signs and stores bundle id's receipt with key; it returns
// the receipt as stored.
func (s *Session) issueReceipt(bundleID int64, key signing.SecretKey) (IssuedReceipt, error) {
	err := s.write(users.PermOfficeSign, func(tx *vault.Tx, me users.User) error {
		r, err := receiptOf(tx, bundleID)
		if err != nil {
			return err
		}
		body, sig, err := office.SignReceipt(r, key)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO office_receipts (bundle_id, body, signature, key_id, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?)`,
			bundleID, string(body), string(sig), key.KeyID(), me.Name, stamp(s.now())); err != nil {
			return err
		}
		return s.record(tx, "office.receipt_issue", "received_bundle", fmt.Sprint(bundleID),
			fmt.Sprintf("giấy biên nhận gói %s của %s, ký bằng khóa %s", r.BundleSHA256, r.Agency.Code, key.KeyID()))
	})
	if err != nil {
		return IssuedReceipt{}, err
	}
	return s.ReceiptFor(bundleID)
}

// receiptOf is what the receipt of bundle id says.
func receiptOf(tx *vault.Tx, id int64) (office.Receipt, error) {
	b, err := getReceived(tx, id)
	if err != nil {
		return office.Receipt{}, err
	}
	a, err := getAgency(tx, b.AgencyCode)
	if err != nil {
		return office.Receipt{}, err
	}
	p, err := readProfile(tx)
	if err != nil {
		return office.Receipt{}, err
	}
	officer := b.ReceivedBy
	if u, err := getUser(tx, b.ReceivedBy); err == nil && u.FullName != "" {
		officer = u.FullName
	}
	r := office.Receipt{
		Format: office.ReceiptFormat, Office: p.Name, Agency: office.ReceiptAgency{Code: a.Code, Name: a.Name},
		Kind: b.Kind, Period: office.ReceiptPeriod{From: b.From.Format(time.DateOnly), To: b.To.Format(time.DateOnly)},
		Subject: b.Subject, BundleSHA256: b.SHA256, ManifestSHA256: b.ManifestSHA256, ReceivedAt: office.VietnamTime(b.ReceivedAt),
		Outcome: string(IntakeAccepted), ReceivingOfficer: officer, BundleID: b.ID,
	}
	var earlier string
	err = tx.QueryRow(`SELECT sha256 FROM office_bundles WHERE superseded_by = ? ORDER BY id LIMIT 1`, id).Scan(&earlier)
	switch {
	case err == nil:
		r.Outcome, r.Supersedes = string(IntakeSuperseded), earlier
	case !isNoRows(err):
		return office.Receipt{}, err
	}
	return r, nil
}

// ReceiptFor returns the receipt issued for a received bundle
// (ErrNoReceipt when none was; any user).
func (s *Session) ReceiptFor(bundleID int64) (IssuedReceipt, error) {
	var out IssuedReceipt
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		if _, err := getReceived(tx, bundleID); err != nil {
			return err
		}
		var body, sig, signed string
		err := tx.QueryRow(`SELECT body, signature, key_id, signed_by, signed_at FROM office_receipts WHERE bundle_id = ?`, bundleID).
			Scan(&body, &sig, &out.KeyID, &out.SignedBy, &signed)
		if isNoRows(err) {
			return fmt.Errorf("%w: %d", ErrNoReceipt, bundleID)
		}
		if err != nil {
			return err
		}
		out.BundleID, out.Body, out.Signature, out.SignedAt = bundleID, []byte(body), []byte(sig), parseStamp(signed)
		out.Receipt, err = office.ParseReceipt(out.Body)
		return err
	})
	return out, err
}
