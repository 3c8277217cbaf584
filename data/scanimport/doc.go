// Package scanimport reads vulnerability-scan reports — Nessus v2 (.nessus)
// and OpenVAS / Greenbone XML reports — as a stream and hands every host and
// finding to the caller as soon as it is complete.
//
// The document is never loaded into memory: [Parse] pulls tokens one by one
// from encoding/xml's Decoder and keeps only the host and the finding being
// read, with every text capped (see [Options]). Scan reports come from other
// machines and may be hostile, so the reader refuses any DOCTYPE (no entity
// can be declared, hence none expanded and no external entity fetched),
// limits element nesting, limits the bytes between two tokens (a gigabyte of
// white space cannot grow a buffer), limits the number of findings, and
// reports a cut file, garbage or a foreign document with a sentinel error.
// Invalid parts of a valid report (a finding without host, an unknown
// severity) are skipped and described in [Summary.Problems].
//
// Text is normalised to NFC on one line (runs of white space, line breaks
// included, become one space; OpenVAS wraps names over indented lines), IP
// addresses are validated with net/netip, and CVE identifiers are checked,
// upper-cased and de-duplicated. [Summary.Started] gives when the scan
// started, as the report says.
//
// Only UTF-8 (or US-ASCII) documents are read; Nessus and Greenbone write
// UTF-8. A document declaring another encoding fails with [ErrEncoding].
package scanimport
