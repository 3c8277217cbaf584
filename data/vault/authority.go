package vault

import (
	"crypto/ed25519"
	"fmt"
)

// The authority key is an Ed25519 key pair made at Create. Its private key
// is age-encrypted to the slots that may sign (the first user's, the
// recovery slot, and those given it with SetAuthority: the application
// gives it to focal points); its public key is sealed inside every slot's
// secret when the slot is made, so that a key holder who rewrites the
// header or the database cannot change the key that the other users'
// slots check signatures with. The application uses it to seal what a key
// holder must not change unseen (the users and their roles, the history
// head): see FORMAT.md, "What a key holder can and cannot do".

// signedAD separates authority signatures by vault and purpose.
func signedAD(vaultID, purpose string, msg []byte) []byte {
	return append([]byte("daumoi vault v2 authority\x00"+vaultID+"\x00"+purpose+"\x00"), msg...)
}

// authority is what transactions sign and verify with.
type authority struct {
	vaultID string
	me      *unlocked
}

// authority returns the signing context of v (v.mu held).
func (v *Vault) authority() *authority { return &authority{vaultID: v.id, me: v.me} }

// CanSign reports whether the slot that unlocked the vault holds the
// authority key, inside a transaction.
func (r *ReadTx) CanSign() bool { return r.auth != nil && r.auth.me.authority != nil }

// Sign signs msg for purpose with the authority key inside a transaction
// (ErrNoAuthority if the unlocking slot does not hold it), so that what is
// signed and the change it covers are committed together.
func (r *ReadTx) Sign(purpose string, msg []byte) ([]byte, error) {
	if !r.CanSign() {
		return nil, ErrNoAuthority
	}
	return ed25519.Sign(r.auth.me.authority, signedAD(r.auth.vaultID, purpose, msg)), nil
}

// Verify is Vault.Verify inside a transaction.
func (r *ReadTx) Verify(purpose string, msg, sig []byte) bool {
	if r.auth == nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(r.auth.me.anchor, signedAD(r.auth.vaultID, purpose, msg), sig)
}

// CanSign reports whether the slot that unlocked the vault holds the
// authority key.
func (v *Vault) CanSign() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.me != nil && v.me.authority != nil
}

// Sign signs msg for purpose with the authority key (ErrNoAuthority if the
// unlocking slot does not hold it).
func (v *Vault) Sign(purpose string, msg []byte) ([]byte, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return nil, err
	}
	if v.me.authority == nil {
		return nil, ErrNoAuthority
	}
	return ed25519.Sign(v.me.authority, signedAD(v.id, purpose, msg)), nil
}

// Verify reports whether sig is the authority's signature of msg for
// purpose, checked with the authority public key sealed in the slot that
// unlocked the vault (not with anything a key holder could rewrite).
func (v *Vault) Verify(purpose string, msg, sig []byte) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.me == nil || len(sig) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(v.me.anchor, signedAD(v.id, purpose, msg), sig)
}

// SetAuthority gives slot id the authority key (on) or takes it away. Giving
// it needs a slot that holds it (ErrNoAuthority). Taking it away does not
// make its holder forget it: see FORMAT.md.
func (v *Vault) SetAuthority(id string, on bool) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	h := v.hdr.clone()
	s := h.slotByID(textnormID(id))
	if s == nil {
		return fmt.Errorf("%w: %q", ErrNoSuchSlot, id)
	}
	if on == (len(s.Authority) > 0) {
		return nil
	}
	k, err := v.slotKeys(on)
	if err != nil {
		return err
	}
	if err := s.wrap(k, v.sec.macs[s.ID], on); err != nil {
		return err
	}
	return v.writeHeader(h)
}
