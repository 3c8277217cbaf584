#!/usr/bin/env bash
# make test-dist: the release files are reproducible and the Linux package
# installs and runs.
#  - builds the release a second time from a clean clone of the same commit in
#    another folder and compares every file byte for byte (with -trimpath the
#    folder must not matter);
#  - installs the .deb (dpkg -i as root; unpacked with dpkg-deb -x otherwise),
#    runs the installed daumoi, checks the desktop entry and icon, removes it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
DIST=${DIST:-dist}
VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
fail() { echo "test-dist: FAIL: $*" >&2; exit 1; }
# Checks read their whole input (grep >/dev/null, not grep -q): with
# pipefail, grep -q stopping at the first match would let the program
# writing into the pipe die of SIGPIPE and fail the check at random.
[ -f "$DIST/SHA256SUMS" ] || fail "no $DIST/SHA256SUMS: run make dist first"
[ -z "$(git status --porcelain --untracked-files=no)" ] || echo "test-dist: note: uncommitted changes; the clean clone builds the commit"

echo "== second build from a clean clone in another folder"
other=$(mktemp -d /tmp/daumoi-repro.XXXXXX)
trap 'rm -rf "$other"' EXIT
git clone -q "$root" "$other/src"
if git diff --quiet HEAD 2>/dev/null; then :; else
	# build the same tree as the first build: the working tree's tracked changes
	git diff HEAD | (cd "$other/src" && git apply)
fi
(cd "$other/src" && SOURCE_DATE_EPOCH=$(cd "$root" && git log -1 --format=%ct) DIST=dist packaging/dist.sh >/dev/null)
if ! cmp -s "$DIST/SHA256SUMS" "$other/src/dist/SHA256SUMS"; then
	diff "$DIST/SHA256SUMS" "$other/src/dist/SHA256SUMS" || true
	for f in linux/daumoi windows/daumoi.exe windows/daumoi-cli.exe; do
		cmp -s "$DIST/$f" "$other/src/dist/$f" || echo "differs: $f"
	done
	fail "two builds of the same commit differ"
fi
cat "$DIST/SHA256SUMS"
echo "   the same bytes from two folders"

echo "== the Debian package"
deb="$DIST/daumoi_${VERSION}_amd64.deb"
dpkg-deb -I "$deb" | grep 'Depends: .*libgl1' >/dev/null || fail "no dependencies declared"
dpkg-deb -c "$deb" | grep './usr/share/applications/vn.daumoi.attt.desktop' >/dev/null || fail "no desktop entry"
dpkg-deb -c "$deb" | grep './usr/share/icons/hicolor/256x256/apps/vn.daumoi.attt.png' >/dev/null || fail "no icon"
if [ "$(id -u)" = 0 ]; then
	dpkg -i "$deb" >/dev/null
	/usr/bin/daumoi version | grep "^daumoi $VERSION " >/dev/null || fail "installed daumoi version"
	DAUMOI_PASSPHRASE='mật khẩu thử nghiệm 2026' /usr/bin/daumoi init --vault "$other/kho" --org 'UBND xã thử' --user an \
		--recovery-key-out "$other/rk.txt" | grep 'Đã tạo kho dữ liệu' >/dev/null || fail "installed daumoi init"
	dpkg -r daumoi >/dev/null
	[ ! -e /usr/bin/daumoi ] || fail "dpkg -r left /usr/bin/daumoi"
else
	dpkg-deb -x "$deb" "$other/root"
	"$other/root/usr/bin/daumoi" version | grep "^daumoi $VERSION " >/dev/null || fail "unpacked daumoi version"
fi
echo "test-dist: ok"
