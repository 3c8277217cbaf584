//go:build daumoi_insecure_fast_kdf

package vault

// fastKDFTag: this binary was built with the tag daumoi_insecure_fast_kdf,
// for tests that run a real binary (see InsecureFastKDFEnv). Never set it
// for a binary users run.
const fastKDFTag = true
