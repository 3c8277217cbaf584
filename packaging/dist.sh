#!/usr/bin/env bash
# Builds the release files into $DIST (default dist/), from Linux, with only the
# Go module proxy and Debian packages (make dist installs them):
#   daumoi-VERSION-windows-amd64-setup.exe  per-user installer (NSIS)
#   daumoi-VERSION-windows-amd64.zip        portable (USB stick)
#   daumoi_VERSION_amd64.deb                Debian/Ubuntu package (nfpm)
#   SHA256SUMS (+ SHA256SUMS.minisig when RELEASE_KEY names a minisign key)
# Builds are reproducible: the same commit gives the same bytes (-trimpath,
# no build id, no VCS stamp, file times from the commit, sorted archives).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=${DIST:-dist}
GO=${GO:-go}
NFPM_VERSION=v2.45.2
VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
export SOURCE_DATE_EPOCH VERSION DIST
export TZ=UTC LC_ALL=C.UTF-8
GOFLAGS_DIST=(-trimpath -buildvcs=false)
LDFLAGS="-s -w -buildid="

rm -rf "$DIST" && mkdir -p "$DIST/linux" "$DIST/windows/licences"
work=$(mktemp -d) && trap 'rm -rf "$work"; rm -f rsrc_windows_amd64.syso' EXIT

echo "== linux binary"
CGO_ENABLED=1 $GO build "${GOFLAGS_DIST[@]}" -ldflags "$LDFLAGS" -o "$DIST/linux/daumoi" .

# resources NAME DESCRIPTION: the icon, manifest and version information of
# one Windows executable, compiled where go build picks it up.
resources() {
	local comma=${VERSION//./,},0
	sed "s/@VERSION4@/$VERSION.0/" packaging/windows/daumoi.manifest >"$work/daumoi.manifest.out"
	cp assets/icon/icon.ico "$work/daumoi.ico"
	sed -e "s/@VERSION_COMMA@/$comma/g" -e "s/@VERSION@/$VERSION/g" -e "s/@FILENAME@/$1/g" -e "s/@DESCRIPTION@/$2/g" \
		packaging/windows/daumoi.rc >"$work/daumoi.rc"
	(cd "$work" && x86_64-w64-mingw32-windres -c 65001 -O coff -o res.syso daumoi.rc)
	cp "$work/res.syso" rsrc_windows_amd64.syso
}

wingo() {
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 $GO build "${GOFLAGS_DIST[@]}" "$@" .
}

echo "== windows binaries (GUI and console twin)"
resources daumoi.exe "Đầu mối ATTT"
wingo -ldflags "$LDFLAGS -H=windowsgui" -o "$DIST/windows/daumoi.exe"
resources daumoi-cli.exe "Đầu mối ATTT — dòng lệnh"
wingo -ldflags "$LDFLAGS" -o "$DIST/windows/daumoi-cli.exe"
rm -f rsrc_windows_amd64.syso
cp assets/icon/icon.ico "$DIST/windows/daumoi.ico"
cp assets/licences/components.json "$DIST/windows/licences/"
sed "s/@VERSION@/$VERSION/" packaging/windows/README.txt | sed 's/$/\r/' >"$DIST/windows/README.txt"
find "$DIST/windows" "$DIST/linux" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

echo "== windows installer"
size_kb=$(du -sk "$DIST/windows" | cut -f1)
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DSRC="$PWD/$DIST/windows" -DSIZE_KB="$size_kb" \
	-DOUT="$PWD/$DIST/daumoi-$VERSION-windows-amd64-setup.exe" packaging/windows/installer.nsi

echo "== portable zip"
portable=daumoi-$VERSION-windows-amd64
mkdir -p "$work/$portable" && cp -r "$DIST/windows/." "$work/$portable/"
find "$work/$portable" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
(cd "$work" && find "$portable" | sort | zip -q -X -D -@ "$OLDPWD/$DIST/$portable.zip")

echo "== debian package"
nfpm=$(command -v nfpm || true)
if [ -z "$nfpm" ]; then
	GOBIN="$PWD/bin/tools" $GO install "github.com/goreleaser/nfpm/v2/cmd/nfpm@$NFPM_VERSION"
	nfpm=$PWD/bin/tools/nfpm
fi
sed -e "s|@VERSION@|$VERSION|" -e "s|@DIST@|$DIST|" packaging/linux/nfpm.yaml >"$work/nfpm.yaml"
"$nfpm" pkg --packager deb --config "$work/nfpm.yaml" --target "$DIST/daumoi_${VERSION}_amd64.deb" >/dev/null

echo "== checksums"
(cd "$DIST" && sha256sum daumoi-*-setup.exe daumoi-*.zip daumoi_*.deb >SHA256SUMS)
if [ -n "${RELEASE_KEY:-}" ]; then
	minisign -S -s "$RELEASE_KEY" -m "$DIST/SHA256SUMS" -t "daumoi $VERSION"
fi
ls -l "$DIST"
