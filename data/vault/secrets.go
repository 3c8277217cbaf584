package vault

import (
	"encoding/json"
	"fmt"
	"strings"

	"filippo.io/age"
)

// headerSecrets are the header's sealed parts, opened with the vault key of
// the header's epoch.
type headerSecrets struct {
	macs    map[string][]byte     // slot id -> slot MAC key
	blobIDs []*age.X25519Identity // blob store identities, the current one first
	backup  *age.X25519Identity
	notice  *age.X25519Identity
}

// identityAD binds a sealed identity (or identity list) to its vault and
// purpose.
func identityAD(vaultID, purpose string) []byte {
	return []byte("daumoi vault v2 identity\x00" + vaultID + "\x00" + purpose)
}

// sealIdentities encrypts age identities under key, one per line.
func sealIdentities(key []byte, vaultID, purpose string, ids ...*age.X25519Identity) []byte {
	lines := make([]string, len(ids))
	for i, id := range ids {
		lines[i] = id.String()
	}
	return seal(key, []byte(strings.Join(lines, "\n")), identityAD(vaultID, purpose))
}

// openIdentities decrypts what sealIdentities made; it wants at least one.
func openIdentities(key []byte, vaultID, purpose string, sealed []byte) ([]*age.X25519Identity, error) {
	pt, err := open(key, sealed, identityAD(vaultID, purpose))
	if err != nil {
		return nil, fmt.Errorf("%w: header: %s cannot be decrypted", ErrCorrupt, purpose)
	}
	defer clear(pt)
	var out []*age.X25519Identity
	for _, line := range strings.Split(string(pt), "\n") {
		id, err := age.ParseX25519Identity(line)
		if err != nil {
			return nil, fmt.Errorf("%w: header: %s: %v", ErrCorrupt, purpose, err)
		}
		out = append(out, id)
	}
	return out, nil
}

// openIdentity decrypts one sealed identity.
func openIdentity(key []byte, vaultID, purpose string, sealed []byte) (*age.X25519Identity, error) {
	ids, err := openIdentities(key, vaultID, purpose, sealed)
	if err != nil {
		return nil, err
	}
	if len(ids) != 1 {
		return nil, fmt.Errorf("%w: header: %s: %d identities", ErrCorrupt, purpose, len(ids))
	}
	return ids[0], nil
}

// macsAD binds the sealed slot MAC keys to their vault.
func macsAD(vaultID string) []byte { return []byte("daumoi vault v2 slot-macs\x00" + vaultID) }

// openHeaderSecrets opens the sealed parts of h and checks that every slot
// has a MAC key.
func openHeaderSecrets(h *header, keys *subkeys) (*headerSecrets, error) {
	hs := &headerSecrets{}
	pt, err := open(keys.slotMACs, h.SlotMACs, macsAD(h.VaultID))
	if err != nil {
		return nil, fmt.Errorf("%w: header: slot keys cannot be decrypted", ErrCorrupt)
	}
	defer clear(pt)
	if err := json.Unmarshal(pt, &hs.macs); err != nil {
		return nil, fmt.Errorf("%w: header: slot keys: %v", ErrCorrupt, err)
	}
	for _, s := range h.Slots {
		if len(hs.macs[s.ID]) != keySize {
			return nil, fmt.Errorf("%w: header: slot %q has no key", ErrCorrupt, s.ID)
		}
	}
	if hs.blobIDs, err = openIdentities(keys.blobIdentity, h.VaultID, purposeBlobIdentity, h.BlobIdentities); err != nil {
		return nil, err
	}
	if hs.backup, err = openIdentity(keys.backup, h.VaultID, purposeBackup, h.BackupIdentity); err != nil {
		return nil, err
	}
	if hs.notice, err = openIdentity(keys.notice, h.VaultID, purposeNotice, h.NoticeIdentity); err != nil {
		return nil, err
	}
	return hs, nil
}

// sealInto writes the sealed parts of hs into h under keys, keeping only the
// MAC keys of slots that h still has.
func (hs *headerSecrets) sealInto(h *header, keys *subkeys) error {
	macs := make(map[string][]byte, len(h.Slots))
	for _, s := range h.Slots {
		m := hs.macs[s.ID]
		if len(m) != keySize {
			return fmt.Errorf("vault: slot %q has no MAC key", s.ID)
		}
		macs[s.ID] = m
	}
	hs.macs = macs
	pt, err := json.Marshal(macs)
	if err != nil {
		return fmt.Errorf("vault: encode slot keys: %w", err)
	}
	defer clear(pt)
	h.SlotMACs = seal(keys.slotMACs, pt, macsAD(h.VaultID))
	h.BlobIdentities = sealIdentities(keys.blobIdentity, h.VaultID, purposeBlobIdentity, hs.blobIDs...)
	h.BackupIdentity = sealIdentities(keys.backup, h.VaultID, purposeBackup, hs.backup)
	h.NoticeIdentity = sealIdentities(keys.notice, h.VaultID, purposeNotice, hs.notice)
	return nil
}

// newIdentity generates an age X25519 identity.
func newIdentity() (*age.X25519Identity, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, fmt.Errorf("vault: generate identity: %w", err)
	}
	return id, nil
}

// freshSecrets returns header secrets with new blob, backup and notice
// identities; the earlier blob identities are kept after the new one, so
// that blobs written before stay readable.
func freshSecrets(macs map[string][]byte, olderBlobIDs []*age.X25519Identity) (*headerSecrets, error) {
	var ids [3]*age.X25519Identity
	for i := range ids {
		id, err := newIdentity()
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return &headerSecrets{
		macs: macs, blobIDs: append([]*age.X25519Identity{ids[0]}, olderBlobIDs...), backup: ids[1], notice: ids[2],
	}, nil
}
