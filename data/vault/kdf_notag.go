//go:build !daumoi_insecure_fast_kdf

package vault

// fastKDFTag: a normal build; InsecureFastKDFEnv is honoured only inside
// test binaries (see InsecureFastKDFEnv).
const fastKDFTag = false
