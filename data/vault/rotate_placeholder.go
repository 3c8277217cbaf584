package vault

// RotateKey is a placeholder until the vault-level rotation lands (issue 12,
// deliverable 2; the lead's data/vault/rotate.go replaces this file).
func (v *Vault) RotateKey() error { return nil }
