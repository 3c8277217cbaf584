package vault

import (
	"fmt"
	"maps"
)

// RotateKey replaces the vault key. Every remaining slot gets the new key
// age-encrypted to its own public recipient (no credential is needed), the
// blob, backup and notice identities are new, and the database is
// compacted into a snapshot and an empty journal under the new key. What
// is NOT re-encrypted: evidence blobs (each stays under the identity it was
// written with, kept in the new header so that it stays readable).
//
// After RotateKey, a copy of an older header or an older backup, with any
// credential that opened it, opens nothing written after the rotation: new
// journal records, snapshots, blobs and backups are under keys that only
// the slots of the new header can reach.
//
// Crash safety: the new header is the commit point (one atomic replace). A
// crash before it leaves the old header, snapshot and journal; a crash
// after it leaves a header that also holds the previous key, so the old
// snapshot and journal still open, and the next open compacts them under
// the new key before anything else is written.
func (v *Vault) RotateKey() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	return v.rotate(nil)
}

// RevokeSlots removes the named slots and rotates the vault key in the same
// header write: whoever holds the credential of a removed slot (a disabled
// user's passphrase or keyring secret) opens nothing written afterwards,
// even with a copy of the old header. It refuses to remove the last
// passphrase slot (ErrLastSlot) and unknown slots (ErrNoSuchSlot).
func (v *Vault) RevokeSlots(ids ...string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.usable(); err != nil {
		return err
	}
	norm := make([]string, len(ids))
	for i, id := range ids {
		norm[i] = textnormID(id)
	}
	return v.rotate(func(h *header, _ *headerSecrets, _ slotKeys) error {
		return removeSlots(h, norm...)
	})
}

// rotate builds the header of the next epoch — edited by edit, if not nil,
// with the new slot keys — writes it, then compacts under the new key. v.mu
// is held.
func (v *Vault) rotate(edit func(h *header, hs *headerSecrets, k slotKeys) error) error {
	newKey := randomBytes(keySize)
	defer clear(newKey)
	nk := newSubkeys(newKey, v.hdr.idBytes())
	h, hs, err := v.nextEpoch(nk, edit)
	if err != nil {
		nk.wipe()
		return err
	}
	b, err := encodeHeader(h, nk.headerMAC)
	if err == nil {
		err = writeFileAtomic(v.dir, headerFile, b)
	}
	if err != nil {
		nk.wipe()
		return err
	}
	// Committed: from here on only the new key may be used.
	old := v.keys
	v.keys, v.hdr, v.sec = nk, h, hs
	old.wipe()
	return v.afterRotation()
}

// nextEpoch returns the header of the next epoch under nk, with fresh
// identities, every slot rewrapped and the current key kept as previous.
func (v *Vault) nextEpoch(nk *subkeys, edit func(h *header, hs *headerSecrets, k slotKeys) error) (*header, *headerSecrets, error) {
	h := v.hdr.clone()
	h.Epoch++
	hs, err := freshSecrets(maps.Clone(v.sec.macs), v.sec.blobIDs)
	if err != nil {
		return nil, nil, err
	}
	k := slotKeys{vaultID: h.VaultID, epoch: h.Epoch, vaultKey: nk.vault, anchor: v.me.anchor, authority: v.me.authority}
	if edit != nil {
		if err := edit(h, hs, k); err != nil {
			return nil, nil, err
		}
	}
	for i := range h.Slots {
		if err := h.Slots[i].rewrap(k, hs.macs[h.Slots[i].ID]); err != nil {
			return nil, nil, err
		}
	}
	h.Previous = seal(nk.previous, v.keys.vault, previousAD(h.VaultID, v.hdr.Epoch))
	if err := hs.sealInto(h, nk); err != nil {
		return nil, nil, err
	}
	return h, hs, nil
}

// afterRotation reopens the blob store with the new identities and compacts
// under the new key. If that fails the vault is marked broken: appending
// to the old journal under the new key is impossible, under the old key
// forbidden; reopening finishes the rotation.
func (v *Vault) afterRotation() error {
	blobs, err := openBlobStore(v.dir, v.sec)
	if err == nil {
		v.blobs = blobs
		err = v.compact()
	}
	if err != nil {
		v.broken = fmt.Errorf("%w: key rotation: %w", ErrBroken, err)
		return v.broken
	}
	return nil
}

// rewrap encrypts the vault key of k to the slot again and recomputes its
// tag; its secret and authority key are unchanged.
func (s *slot) rewrap(k slotKeys, mac []byte) error {
	if len(mac) != keySize {
		return fmt.Errorf("vault: slot %q has no MAC key", s.ID)
	}
	w, err := ageSeal(k.vaultKey, s.Recipient)
	if err != nil {
		return err
	}
	s.Wrapped = w
	s.Tag = slotTag(mac, k.vaultID, k.epoch, s)
	return nil
}
