// Package office holds the receiving office's domain rules, apart from
// storage: the registry of reporting agencies and their signing keys, and
// which key may sign a bundle on a given day.
//
// An agency is known by its code (the one its vault puts in every bundle's
// manifest). Each of its keys is valid from a day (Vietnam's calendar) and,
// once replaced or revoked, until a day (exclusive). A replaced key still
// verifies what it signed before its replacement; a revoked key verifies
// nothing signed on or after the day of revocation.
package office

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"daumoi/data/textnorm"
	"daumoi/reports/signing"
)

// Sentinel errors.
var (
	// ErrInvalidAgency means an agency's code, name or another field is
	// missing, malformed or too long.
	ErrInvalidAgency = errors.New("office: invalid agency")
	// ErrUnknownKind means an agency kind that is not one of Kinds.
	ErrUnknownKind = errors.New("office: unknown kind of agency")
	// ErrUnknownKey means the agency has no key with that id.
	ErrUnknownKey = errors.New("office: the agency has no such key")
	// ErrKeyNotYetValid means the key's first valid day is after the day of
	// signing.
	ErrKeyNotYetValid = errors.New("office: the key was not yet valid on the day of signing")
	// ErrKeyReplaced means the key had been replaced by the day of signing.
	ErrKeyReplaced = errors.New("office: the key had been replaced by the day of signing")
	// ErrKeyRevoked means the key had been revoked by the day of signing.
	ErrKeyRevoked = errors.New("office: the key had been revoked by the day of signing")
)

// Kind is what sort of body an agency is.
type Kind string

// The kinds of agency (after the 2025 reorganisation: departments and
// boards of the province, and communes/wards).
const (
	KindDepartment Kind = "department" // sở, ban, ngành
	KindCommune    Kind = "commune"    // xã, phường, đặc khu
	KindOther      Kind = "other"      // đơn vị khác
)

// Kinds lists the kinds in display order.
func Kinds() []Kind { return []Kind{KindDepartment, KindCommune, KindOther} }

// ParseKind reads a kind; "" is KindOther.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if k == "" {
		return KindOther, nil
	}
	if !slices.Contains(Kinds(), k) {
		return "", fmt.Errorf("%w: %q", ErrUnknownKind, s)
	}
	return k, nil
}

// Agency is one reporting agency of the province.
type Agency struct {
	Code   string `json:"code"` // as in its bundles' manifests, e.g. "000.00.12.H62"
	Name   string `json:"name"`
	Parent string `json:"parent"` // cơ quan chủ quản, e.g. "UBND tỉnh Vĩnh Long"
	Kind   Kind   `json:"kind"`
	// Contact person, for reminders.
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	ContactEmail string `json:"contact_email"`
}

// Limits of the registry's text fields, in characters.
const (
	MaxCode = 64
	MaxText = 300
)

// Normalize checks a and returns it in NFC with spaces trimmed.
func Normalize(a Agency) (Agency, error) {
	clean := func(s string) string { return strings.TrimSpace(textnorm.NFC(s)) }
	a.Code, a.Name, a.Parent = clean(a.Code), clean(a.Name), clean(a.Parent)
	a.ContactName, a.ContactPhone, a.ContactEmail = clean(a.ContactName), clean(a.ContactPhone), clean(a.ContactEmail)
	if a.Code == "" || utf8.RuneCountInString(a.Code) > MaxCode || strings.ContainsAny(a.Code, " \t\r\n/\\") {
		return Agency{}, fmt.Errorf("%w: code %q", ErrInvalidAgency, a.Code)
	}
	if a.Name == "" {
		return Agency{}, fmt.Errorf("%w: no name for %q", ErrInvalidAgency, a.Code)
	}
	for _, f := range []string{a.Name, a.Parent, a.ContactName, a.ContactPhone, a.ContactEmail} {
		if utf8.RuneCountInString(f) > MaxText {
			return Agency{}, fmt.Errorf("%w: text too long for %q", ErrInvalidAgency, a.Code)
		}
	}
	k, err := ParseKind(string(a.Kind))
	if err != nil {
		return Agency{}, err
	}
	a.Kind = k
	return a, nil
}

// Key is one signing key of an agency, as the registry keeps it.
type Key struct {
	ID          int64
	AgencyCode  string
	PublicKey   signing.PublicKey
	KeyID       string // 16 hex digits, as minisign prints it
	Fingerprint signing.Fingerprint
	From        time.Time // first valid day, 00:00 UTC standing for the Vietnam date
	Until       time.Time // zero while current; else the first day it is no longer valid
	Revoked     bool      // Until is a revocation, not a replacement
	Reason      string
	AddedBy     string
	AddedAt     time.Time
}

// Day is t's date in Vietnam, at 00:00 UTC (how the registry stores days).
func Day(t time.Time) time.Time {
	v := t.In(time.FixedZone("ICT", 7*3600))
	return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
}

// ValidOn reports whether k may sign on day (see Day), and if not why:
// ErrKeyNotYetValid, ErrKeyRevoked or ErrKeyReplaced.
func (k Key) ValidOn(day time.Time) error {
	day = Day(day)
	switch {
	case day.Before(k.From):
		return fmt.Errorf("%w (%s)", ErrKeyNotYetValid, k.KeyID)
	case !k.Until.IsZero() && !day.Before(k.Until) && k.Revoked:
		return fmt.Errorf("%w (%s)", ErrKeyRevoked, k.KeyID)
	case !k.Until.IsZero() && !day.Before(k.Until):
		return fmt.Errorf("%w (%s)", ErrKeyReplaced, k.KeyID)
	}
	return nil
}

// KeyFor finds, among an agency's keys, the one with keyID and checks it
// was valid on the day signed was made: ErrUnknownKey when there is none,
// else ValidOn's verdict.
func KeyFor(keys []Key, keyID string, signed time.Time) (Key, error) {
	for _, k := range keys {
		if strings.EqualFold(k.KeyID, keyID) {
			return k, k.ValidOn(signed)
		}
	}
	return Key{}, fmt.Errorf("%w: %q", ErrUnknownKey, keyID)
}
