#!/usr/bin/env bash
# The data layer's tests, cross-compiled for Windows and run under Wine 8 in
# a fresh prefix (see prefix.sh for the ProcessPrng stand-in): file locking,
# atomic renames, crash tests that kill a child, backup/restore, the
# keyring through Wine's Credential Manager (the real-keyring tests are
# on). Each test binary runs from its package folder (testdata paths). A test
# that cannot pass under Wine skips itself there (DAUMOI_UNDER_WINE) and says
# why; the skips and their reasons are printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PKGS=${PKGS:-"data/fsx data/vault data/blob data/keyring data/session"}
export WINEPREFIX=${WINEPREFIX:-$root/.wine-test} WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
[ -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ] || packaging/wine/prefix.sh
out=${WINE_TEST_OUT:-$(mktemp -d)} && trap 'wineserver -k 2>/dev/null || true' EXIT
status=0
for p in $PKGS; do
	name=$(echo "$p" | tr / _)
	echo "== $p (built for windows/amd64)"
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 go test -c -o "$out/$name.test.exe" "./$p"
	start=$SECONDS
	if (cd "$p" && DAUMOI_UNDER_WINE=1 DAUMOI_KEYRING_TESTS=1 wine "$out/$name.test.exe" -test.timeout 20m -test.v 2>&1 |
		tr -d '\r' >"$out/$name.log"); then
		echo "   ok in $((SECONDS - start)) s: $(grep -c '^=== RUN' "$out/$name.log" || true) tests run, $(grep -c -- '--- SKIP' "$out/$name.log" || true) skipped"
	else
		status=1
		grep -E -- '--- FAIL|FAIL|panic' "$out/$name.log" | head -40
		echo "   FAILED ($p): see above"
	fi
	# each skipped test with its reason (go test -v prints the reason first)
	awk '/^ *--- SKIP/ { sub(/^ *--- SKIP: /, ""); print "   skipped: " $1 (prev ~ /^ +[^ ]/ ? " —" prev : "") } { prev = $0 }' "$out/$name.log"
done
exit $status
