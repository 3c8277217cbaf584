#!/usr/bin/env bash
# verify-vs-sha256sum.sh — compare bundle verification (daumoi/reports/bundle
# Verify: ZIP directory, limits, names, minisign signature, then every file
# streamed through SHA-256 with the ZIP's CRC-32 check) with sha256sum
# hashing the same evidence files, side by side.
#
# It writes SIZE_MIB of random evidence in 5 files, runs `sha256sum` over
# them, and runs BenchmarkVerify500MB on a bundle built from exactly those
# files (DAUMOI_BENCH_EVIDENCE_DIR; evidence is stored, not deflated, as
# FORMAT.md explains). Both read from the page cache. Each measurement is
# repeated RUNS times (default 3), alternating, and the best run counts (the
# machine is shared; the best run is the least disturbed). Prints both
# throughputs and the ratio ours/sha256sum; the requirement is >= 0.5 and
# the script exits 1 below it.
#
# Usage: packaging/bench/verify-vs-sha256sum.sh [SIZE_MIB]   (default 500)
# Needs: go, sha256sum (coreutils), bc. Everything lives in a temporary
# folder (under $TMPDIR, default /tmp) removed at the end, also on failure;
# it needs about twice SIZE_MIB of free space there.
set -euo pipefail

size_mib="${1:-500}"
runs="${RUNS:-3}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"

need() { # need COMMAND DEBIAN_PACKAGE
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "missing $1: install the Debian package $2" >&2
	exit 2
}
need go golang
need sha256sum coreutils
need bc bc

work="$(mktemp -d "${TMPDIR:-/tmp}/verify-vs-sha256sum.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "building the bundle benchmark ..." >&2
(cd "$repo" && go test -c -o "$work/bundle.test" ./reports/bundle/)

echo "writing ${size_mib} MiB of random evidence in 5 files ..." >&2
mkdir "$work/evidence" "$work/tmp"
per_file=$((size_mib * 1024 * 1024 / 5))
for i in 1 2 3 4 5; do
	head -c "$per_file" /dev/urandom >"$work/evidence/evidence-$i.bin"
done
cat "$work"/evidence/* >/dev/null # every run reads from the page cache
bytes=$((per_file * 5))

now() { date +%s.%N; }
best_sha=""
best_ours=""
for run in $(seq "$runs"); do
	t0=$(now)
	sha256sum "$work"/evidence/* >/dev/null
	t1=$(now)
	mbs=$(echo "$bytes / ($t1 - $t0) / 1000000" | bc -l)
	if [ -z "$best_sha" ] || [ "$(echo "$mbs > $best_sha" | bc -l)" = 1 ]; then best_sha=$mbs; fi

	out=$(cd "$repo/reports/bundle" && TMPDIR="$work/tmp" DAUMOI_BENCH_EVIDENCE_DIR="$work/evidence" \
		"$work/bundle.test" -test.run '^$' -test.bench '^BenchmarkVerify500MB$' -test.benchtime 3x)
	ours=$(echo "$out" | awk '/^BenchmarkVerify500MB/ { for (i = 1; i <= NF; i++) if ($(i+1) == "MB/s") print $i }')
	if [ -z "$ours" ]; then
		echo "no MB/s figure in the benchmark output:" >&2
		echo "$out" >&2
		exit 2
	fi
	if [ -z "$best_ours" ] || [ "$(echo "$ours > $best_ours" | bc -l)" = 1 ]; then best_ours=$ours; fi
	printf 'run %d: sha256sum %.0f MB/s, daumoi verify %.0f MB/s\n' "$run" "$mbs" "$ours"
done

ratio=$(echo "$best_ours / $best_sha" | bc -l)
printf 'evidence: %d MiB in 5 files; best of %d runs\n' "$size_mib" "$runs"
printf 'sha256sum:      %8.0f MB/s\n' "$best_sha"
printf 'daumoi verify:  %8.0f MB/s\n' "$best_ours"
printf 'ratio verify/sha256sum: %.2f (required >= 0.50)\n' "$ratio"
if [ "$(echo "$ratio < 0.5" | bc -l)" = 1 ]; then
	echo "FAIL: verification is slower than half of sha256sum" >&2
	exit 1
fi
