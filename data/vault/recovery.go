package vault

import (
	"encoding/base32"
	"fmt"
	"strings"
)

// recoveryBytes is the entropy of a recovery code: 160 bits.
const recoveryBytes = 20

// recoveryGroup is the number of characters per printed group.
const recoveryGroup = 4

// crockford is Crockford's base32 alphabet (no I, L, O, U).
var crockford = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// RecoveryCode is a printable recovery code: 160 random bits in Crockford
// base32, in eight dash-separated groups of four characters. It is shown to
// the user once and never stored.
type RecoveryCode string

// String returns the code as printed.
func (c RecoveryCode) String() string { return string(c) }

// formatRecoveryCode encodes raw into printable groups.
func formatRecoveryCode(raw []byte) RecoveryCode {
	s := crockford.EncodeToString(raw)
	var b strings.Builder
	for i := 0; i < len(s); i += recoveryGroup {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i:min(i+recoveryGroup, len(s))])
	}
	return RecoveryCode(b.String())
}

// parseRecoveryCode decodes a typed code, ignoring case, spaces and dashes
// and reading O as 0 and I, L as 1 as Crockford prescribes. It returns an
// error wrapping ErrRecoveryCodeFormat for anything else.
func parseRecoveryCode(code string) ([]byte, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\n' || r == '\r':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) != crockford.EncodedLen(recoveryBytes) {
		return nil, fmt.Errorf("%w: %d characters, want %d", ErrRecoveryCodeFormat, len(s), crockford.EncodedLen(recoveryBytes))
	}
	raw, err := crockford.DecodeString(s)
	if err != nil || len(raw) != recoveryBytes {
		return nil, fmt.Errorf("%w: invalid character", ErrRecoveryCodeFormat)
	}
	return raw, nil
}
