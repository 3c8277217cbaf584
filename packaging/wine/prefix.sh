#!/usr/bin/env bash
# Makes a fresh 64-bit Wine prefix for the Windows tests in $WINEPREFIX and
# puts the test-only ProcessPrng stand-in (processprng.c) in its system32 as
# bcryptprimitives.dll: Wine 8.0 lacks that DLL and every Go 1.26 program
# aborts at start-up without it. Never shipped.
set -euo pipefail
: "${WINEPREFIX:?set WINEPREFIX}"
here=$(cd "$(dirname "$0")" && pwd)
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
rm -rf "$WINEPREFIX"
wineboot -i >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	"$here/processprng.c" -ladvapi32 -Wl,--kill-at
