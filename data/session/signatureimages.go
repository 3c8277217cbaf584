package session

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/pades"
)

// SignatureImages are the images of the agency's visible digital
// signature (Nghị định 30, Phụ lục I): the signer's signature and the
// organisation's seal, transparent PNGs chosen once in the profile. They
// are kept in the vault's encrypted database.
type SignatureImages struct {
	Signature, Seal []byte
}

// Settings rows holding the images (base64).
const (
	signatureImageKey = "pades.signature_image"
	sealImageKey      = "pades.seal_image"
)

// SignatureImages returns the stored images (empty when none). Needs
// PermRead.
func (s *Session) SignatureImages() (SignatureImages, error) {
	var img SignatureImages
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		if img.Signature, err = settingBytes(tx, signatureImageKey); err != nil {
			return err
		}
		img.Seal, err = settingBytes(tx, sealImageKey)
		return err
	})
	return img, err
}

// SaveSignatureImages replaces the images; each given one must be a
// transparent PNG (pades.CheckImage), an empty one is removed. Needs
// PermEditProfile; the history records the images' fingerprints.
func (s *Session) SaveSignatureImages(img SignatureImages) error {
	for _, b := range [][]byte{img.Signature, img.Seal} {
		if len(b) > 0 {
			if err := pades.CheckImage(b); err != nil {
				return err
			}
		}
	}
	return s.write(users.PermEditProfile, func(tx *vault.Tx, _ users.User) error {
		for key, b := range map[string][]byte{signatureImageKey: img.Signature, sealImageKey: img.Seal} {
			if err := putSettingBytes(tx, key, b); err != nil {
				return err
			}
		}
		return s.record(tx, "profile.signature_images", "agency", "1",
			fmt.Sprintf("ảnh chữ ký %s, ảnh con dấu %s", imageFingerprint(img.Signature), imageFingerprint(img.Seal)))
	})
}

// settingBytes reads a base64 settings row (nil when absent).
func settingBytes(q rowQuerier, key string) ([]byte, error) {
	var v string
	err := q.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("%w: settings %s: %w", vault.ErrCorrupt, key, err)
	}
	return b, nil
}

// putSettingBytes stores b base64 in a settings row, or deletes the row
// when b is empty.
func putSettingBytes(tx *vault.Tx, key string, b []byte) error {
	if len(b) == 0 {
		_, err := tx.Exec(`DELETE FROM settings WHERE key = ?`, key)
		return err
	}
	_, err := tx.Exec(`INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)`, key, base64.StdEncoding.EncodeToString(b))
	return err
}

// imageFingerprint names an image in the history: "không có" or the start
// of its SHA-256.
func imageFingerprint(b []byte) string {
	if len(b) == 0 {
		return "không có"
	}
	sum := sha256.Sum256(b)
	return fmt.Sprintf("SHA-256 %x…", sum[:6])
}
