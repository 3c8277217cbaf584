package pades_test

import (
	"crypto"
	"io"
)

// removeOnSign runs remove (pulling the token) once, just before the key is
// asked to sign, then asks the token.
type removeOnSign struct {
	crypto.Signer
	remove func()
}

// Sign removes the token and then signs (and fails).
func (r removeOnSign) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	r.remove()
	return r.Signer.Sign(rand, digest, opts)
}
