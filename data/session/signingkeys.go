package session

import (
	"errors"
	"fmt"

	"daumoi/data/users"
	"daumoi/data/vault"
	"daumoi/reports/signing"
)

// Errors of signing keys.
var (
	// ErrNoSigningKey is returned when the user has no current signing key
	// in the vault (create one with CreateSigningKey).
	ErrNoSigningKey = errors.New("session: no signing key for this user; create one first")
	// ErrWrongSigningPassphrase is signing.ErrWrongPassphrase: the signing
	// passphrase does not open the stored secret key.
	ErrWrongSigningPassphrase = signing.ErrWrongPassphrase
)

// SigningKeyInfo is a manager's signing key as the vault keeps it (public
// part only).
type SigningKeyInfo struct {
	ID          int64
	User        string
	KeyID       string // 16 hex digits, as minisign prints it
	PublicKey   signing.PublicKey
	Fingerprint signing.Fingerprint
	CreatedAt   string // RFC 3339
	RetiredAt   string // "" while current
}

// CreateSigningKey generates a signing key pair for the acting user, who
// must be allowed to sign (PermSign; in a receiving office's vault
// PermOfficeSign, the office head, whose key signs receipts). The secret key is stored sealed with
// passphrase — the user's own signing passphrase, not the vault's — by
// Argon2id and XChaCha20-Poly1305 (signing.SealSecretKey, the construction
// of the vault's keyslots), so other users of the vault cannot sign with it. The passphrase follows the same minimum rule
// as vault passphrases (users.ErrWeakPassphrase). A previous key is retired
// but kept, with its dates, in the key history. passphrase is wiped.
func (s *Session) CreateSigningKey(passphrase []byte) (SigningKeyInfo, error) {
	defer clear(passphrase)
	if err := users.CheckPassphrase(passphrase); err != nil {
		return SigningKeyInfo{}, err
	}
	perm, err := s.signPermission()
	if err != nil {
		return SigningKeyInfo{}, err
	}
	if _, err := s.check(perm); err != nil {
		return SigningKeyInfo{}, err
	}
	pub, sec, err := signing.GenerateKey()
	if err != nil {
		return SigningKeyInfo{}, err
	}
	encrypted, err := signing.SealSecretKey(sec, passphrase, signingKDF())
	if err != nil {
		return SigningKeyInfo{}, err
	}
	pubText, err := pub.MarshalText()
	if err != nil {
		return SigningKeyInfo{}, err
	}
	var info SigningKeyInfo
	err = s.write(perm, func(tx *vault.Tx, _ users.User) error {
		now := stamp(s.now())
		if _, err := tx.Exec(`UPDATE signing_keys SET retired_at = ? WHERE user_name = ? AND retired_at = ''`, now, s.user); err != nil {
			return err
		}
		res, err := tx.Exec(`INSERT INTO signing_keys (user_name, key_id, public_key, secret_key, created_at) VALUES (?, ?, ?, ?, ?)`,
			s.user, pub.KeyID(), string(pubText), encrypted, now)
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		info = keyInfo(id, s.user, pub, now, "")
		return s.record(tx, "signing_key.create", "signing_key", fmt.Sprint(id), "khóa ký "+pub.KeyID())
	})
	return info, err
}

func keyInfo(id int64, user string, pub signing.PublicKey, created, retired string) SigningKeyInfo {
	return SigningKeyInfo{ID: id, User: user, KeyID: pub.KeyID(), PublicKey: pub, Fingerprint: pub.Fingerprint(), CreatedAt: created, RetiredAt: retired}
}

// SigningKey returns user's current signing key (every user may read it:
// it is public). ErrNoSigningKey if there is none.
func (s *Session) SigningKey(user string) (SigningKeyInfo, error) {
	list, err := s.SigningKeyHistory(user)
	if err != nil {
		return SigningKeyInfo{}, err
	}
	for _, k := range list {
		if k.RetiredAt == "" {
			return k, nil
		}
	}
	return SigningKeyInfo{}, fmt.Errorf("%w: %q", ErrNoSigningKey, user)
}

// ManagerSigningKey returns the key reports are signed with: the acting
// user's current key if they have one, else the current key of the first
// enabled manager (by account name) who has one. ErrNoSigningKey if no
// manager has a key. Every user may call it.
func (s *Session) ManagerSigningKey() (SigningKeyInfo, error) {
	var out SigningKeyInfo
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var name string
		err := tx.QueryRow(`SELECT k.user_name FROM signing_keys k JOIN users u ON u.name = k.user_name
			WHERE k.retired_at = '' AND u.disabled = 0 AND (k.user_name = ? OR (',' || u.roles || ',') LIKE '%,manager,%')
			ORDER BY k.user_name = ? DESC, k.user_name LIMIT 1`, s.user, s.user).Scan(&name)
		if isNoRows(err) {
			return ErrNoSigningKey
		}
		if err != nil {
			return err
		}
		list, err := readSigningKeys(tx, name)
		if err != nil {
			return err
		}
		out = list[len(list)-1]
		return nil
	})
	return out, err
}

// SigningKeyHistory returns every key user has had, oldest first.
func (s *Session) SigningKeyHistory(user string) ([]SigningKeyInfo, error) {
	var list []SigningKeyInfo
	err := s.read(users.PermRead, func(tx *vault.ReadTx, _ users.User) error {
		var err error
		list, err = readSigningKeys(tx, user)
		return err
	})
	return list, err
}

func readSigningKeys(q rowQuerier, user string) ([]SigningKeyInfo, error) {
	rows, err := q.Query(`SELECT id, public_key, created_at, retired_at FROM signing_keys WHERE user_name = ? ORDER BY id`, user)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []SigningKeyInfo
	for rows.Next() {
		var id int64
		var pubText, created, retired string
		if err := rows.Scan(&id, &pubText, &created, &retired); err != nil {
			return nil, err
		}
		pub, err := signing.ParsePublicKey([]byte(pubText))
		if err != nil {
			return nil, fmt.Errorf("%w: stored signing key %d: %w", vault.ErrCorrupt, id, err)
		}
		list = append(list, keyInfo(id, user, pub, created, retired))
	}
	return list, rows.Err()
}

// readSecretKey returns the acting user's current encrypted secret key.
func (s *Session) readSecretKey(q rowQuerier) ([]byte, error) {
	var encrypted []byte
	err := q.QueryRow(`SELECT secret_key FROM signing_keys WHERE user_name = ? AND retired_at = ''`, s.user).Scan(&encrypted)
	if isNoRows(err) {
		return nil, fmt.Errorf("%w: %q", ErrNoSigningKey, s.user)
	}
	return encrypted, err
}

// signPermission is what signing needs in this vault: PermSign in an
// agency's, PermOfficeSign in a receiving office's.
func (s *Session) signPermission() (users.Permission, error) {
	k, err := s.Kind()
	if k == KindOffice {
		return users.PermOfficeSign, err
	}
	return users.PermSign, err
}

// ownEncryptedKey checks perm and returns the acting user with their
// current encrypted secret key.
func (s *Session) ownEncryptedKey(perm users.Permission) ([]byte, users.User, error) {
	var encrypted []byte
	var me users.User
	err := s.read(perm, func(tx *vault.ReadTx, u users.User) error {
		me = u
		var err error
		encrypted, err = s.readSecretKey(tx)
		return err
	})
	return encrypted, me, err
}

// keyResult is the outcome of decrypting a secret key in the background.
type keyResult struct {
	key signing.SecretKey
	err error
}

// signingKDF is the Argon2id cost of a new sealed signing key: the vault's
// default, or the tiny test cost in test builds (vault.NewSlotKDF).
func signingKDF() signing.KDF {
	p := vault.NewSlotKDF()
	return signing.KDF{Time: p.Time, MemoryKiB: p.MemoryKiB, Threads: p.Threads}
}

// decryptInBackground opens the secret key (Argon2id: about half a second;
// keys stored in minisign's format by earlier versions: seconds) while the
// caller gathers the bundle; passphrase is wiped when done.
func decryptInBackground(encrypted, passphrase []byte) <-chan keyResult {
	done := make(chan keyResult, 1)
	go func() {
		defer clear(passphrase)
		key, err := signing.OpenSecretKey(encrypted, passphrase)
		done <- keyResult{key, err}
	}()
	return done
}
