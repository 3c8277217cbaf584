// Package vault is the encrypted storage engine of the application.
//
// A vault is a folder holding a header of keyslots, an encrypted SQLite
// snapshot, an encrypted append-only journal of committed transactions, a
// folder of encrypted evidence blobs (package daumoi/data/blob), a tmp folder
// that only ever receives ciphertext, and a lock file. FORMAT.md in this
// package's folder documents every file, the keys, the record layout, the
// versioning rules and the threat model.
//
// The database lives in memory on one SQLite connection. [Vault.Update] runs
// a transaction, appends one sealed, hash-chained record of its statements to
// the journal, fsyncs it and only then commits in memory, so a change is
// durable once Update returns nil. [Vault.Compact] writes a new snapshot and
// restarts the journal; opening decrypts the snapshot and replays the journal.
//
// Statements must be deterministic: arguments are limited to nil, int,
// int64, float64, bool, string and []byte, and SQL functions whose result
// depends on the moment or on chance (random(), datetime('now'), ...) must
// not be used in writes, because the journal is replayed on open.
//
// Only golang.org/x/crypto, the standard library and filippo.io/age provide
// cryptography; nothing here is home-made.
package vault
