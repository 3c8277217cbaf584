package vault

// VaultID returns the id recorded in the header of a locked vault. It is
// checked by the header's checksum only (the MAC needs the key), which is
// enough to name the vault's keyring secret: a forged id opens nothing,
// because every keyslot's wrapped key is bound to the real id.
func (l *Locked) VaultID() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.hdr == nil {
		return ""
	}
	return l.hdr.VaultID
}
