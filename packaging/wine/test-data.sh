#!/usr/bin/env bash
# The data layer's tests, cross-compiled for Windows and run under Wine 8 in
# a fresh prefix (see prefix.sh for the ProcessPrng stand-in): file locking,
# atomic renames, crash tests that kill a child, backup/restore, the
# keyring through Wine's Credential Manager. Each test binary runs from its
# package folder (testdata paths). Tests that cannot pass under Wine skip
# themselves there with the reason (grep -rn 'underWine' data/).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
PKGS=${PKGS:-"data/fsx data/vault data/blob data/keyring data/session"}
export WINEPREFIX=${WINEPREFIX:-$root/.wine-test} WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
[ -f "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" ] || packaging/wine/prefix.sh
out=$(mktemp -d) && trap 'rm -rf "$out"; wineserver -k 2>/dev/null || true' EXIT
status=0
for p in $PKGS; do
	name=$(echo "$p" | tr / _)
	echo "== $p (built for windows/amd64)"
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 go test -c -o "$out/$name.test.exe" "./$p"
	start=$SECONDS
	if (cd "$p" && DAUMOI_UNDER_WINE=1 wine "$out/$name.test.exe" -test.timeout 20m -test.v 2>&1 |
		tr -d '\r' >"$out/$name.log"); then
		echo "   ok in $((SECONDS - start)) s: $(grep -c '^=== RUN' "$out/$name.log" || true) tests run, $(grep -c -- '--- SKIP' "$out/$name.log" || true) skipped"
	else
		status=1
		grep -E -- '--- FAIL|FAIL|panic' "$out/$name.log" | head -40
		echo "   FAILED ($p): see above"
	fi
	grep -A1 -- '--- SKIP' "$out/$name.log" | grep -v -- '^--$' | sed 's/^/   /' || true
done
exit $status
